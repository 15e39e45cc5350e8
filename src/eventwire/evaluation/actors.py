"""`eventwire eval actors`: actor coding against three gold sets.

- ngec_actors (dev): each actor string is analysed alone (its `date` as the publication date when
  it is an ISO date; a context word naming a country fills a missing country); the actor covering
  most of the string is compared with the expected country and sector. Code equivalences:
  UNO and EUR (the UN and EU families) are IGO; IMG, NGO and MNC (international armed groups, NGOs,
  companies) are no country. Sectors are compared in the gold's PLOVER agent codes: a country named
  alone (kind "country") has no sector (""), a person holding an IGO office (sector IGO) is GOV
  (PLOVER codes the office within the IGO), POL is COP, INS is REB, and no sector (or no actor) is
  "" or UNK, the gold's two ways of giving no sector. A case may accept several sectors (`code_1_any_of`)
  or only forbid a country (`country_not`). "Strict" leaves out cases the source marks skip/xfail or
  that its test runner does not collect. Cases are split in two halves by the SHA-1 of their
  case-folded actor string, so that rules tuned on one half can be checked on the other.
- plover_gsr (dev): each record's sentence is analysed with the record date as publication date;
  every gold source/target actor text is found in the sentence and the actor linked to that span
  (see `_linked`) must carry the gold country code.
- seed (gold.json): every listed actor must be found with the gold country and sector, and a role
  that names the gold role (one contains the other, case-insensitive) or none when gold has none.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path
from typing import Annotated

import typer

from .cli import app

IGO_CODES = {"IGO", "UNO", "EUR"}
NO_COUNTRY = {"IMG", "NGO", "MNC"}  # PLOVER/CAMEO blocs that are no country: eventwire leaves country null
TO_PLOVER = {"POL": "COP", "INS": "REB"}  # eventwire sector → the PLOVER agent code of the same role
NO_SECTOR = {"", "UNK"}


def _date(value: str | None) -> str | None:
    try:
        return datetime.date.fromisoformat(value[:10]).isoformat() if value else None
    except ValueError:
        return None


def _linked(doc, start: int, end: int):
    """The actor a gold actor text links to: the one with the longest mention inside it when that
    mention covers at least half of it, else the one with the shortest mention containing it ("Ugandan
    opposition" in "Ugandan opposition candidates"), else the inside one."""
    from ..nlp.resolve import actor_at

    inside = actor_at(doc, start, end)
    if inside is not None and 2 * max(e - s for s, e in inside.mentions if start <= s and e <= end) >= end - start:
        return inside
    containing = [(e - s, a) for a in doc._.actors for s, e in a.mentions if s <= start and end <= e]
    return min(containing, key=lambda x: x[0])[1] if containing else inside


def _best_actor(result):
    """The actor whose mentions cover most of the text (ties: the longest single mention); a country
    only when nothing else is found, since a country inside an actor string is its modifier ("Niger's
    military junta")."""
    def cover(actor):
        return actor.kind != "country", sum(e - s for s, e in actor.mentions), max(e - s for s, e in actor.mentions)
    return max(result.actors, key=cover) if result.actors else None


def _same_country(expected: str, predicted: str | None) -> bool:
    if expected in NO_COUNTRY:
        return predicted is None
    if expected in IGO_CODES:
        return predicted == "IGO"
    return (predicted or "") == expected


def _plover_sector(actor) -> str | None:
    if actor is None:
        return None
    if actor.kind == "person" and actor.sector == "IGO":  # an IGO's officeholder: PLOVER codes the office, GOV
        return "GOV"
    return "" if actor.kind == "country" else TO_PLOVER.get(actor.sector, actor.sector)


def _same_sector(accepted: list[str], predicted: str | None) -> bool:
    return any((predicted or "") in NO_SECTOR if code in NO_SECTOR else predicted == code for code in accepted)


def half(case: dict) -> str:
    """"a" or "b": the half of the dev cases this one belongs to."""
    return "ab"[hashlib.sha1(" ".join(case["actor"].casefold().split()).encode()).digest()[0] % 2]


def ngec_cases(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    return [r for r in rows if r["expected_country"] is not None or r["expected_code_1"] is not None
            or "code_1_any_of" in r["expected"] or "country_not" in r["expected"]]


def score_ngec(pipeline, cases: list[dict]) -> dict:
    from ..kb.countries import countries
    from ..schema import Article

    table = countries()
    views = ("", "_strict", "_a", "_b")
    counts = {f + v: [0, 0] for f in ("country", "sector") for v in views}
    misses = []
    for case in cases:
        result = pipeline(Article(text=case["actor"], published=_date(case["date"])))
        actor = _best_actor(result)
        country, sector = (actor.country if actor else None), _plover_sector(actor)
        hint = case["context"] and (table.country(case["context"]) or table.nationality(case["context"]))
        if country is None and hint:
            country = hint.iso3
        expected = case["expected"]
        checks = []
        if case["expected_country"] is not None:
            checks.append(("country", _same_country(case["expected_country"], country)))
        elif "country_not" in expected:
            checks.append(("country", (country or "") != expected["country_not"]))
        accepted = [case["expected_code_1"]] if case["expected_code_1"] is not None \
            else expected.get("code_1_any_of", [])
        if accepted:
            checks.append(("sector", _same_sector(accepted, sector)))
        names = ["", "_" + half(case)] + (["_strict"] if case["pytest_collected"] and not case["pytest_marker"] else [])
        for field, ok in checks:
            for view in names:
                counts[field + view][0] += ok
                counts[field + view][1] += 1
        if not all(ok for _, ok in checks):
            misses.append({"actor": case["actor"], "half": half(case),
                           "expected": [case["expected_country"] or expected.get("country_not") and
                                        "not " + expected["country_not"], "|".join(accepted) or None],
                           "predicted": [country, sector]})
    return {**{k: {"accuracy": round(r / n, 4) if n else None, "right": r, "cases": n}
               for k, (r, n) in counts.items()}, "misses": misses}


def score_gsr(pipeline, records: list[dict]) -> dict:
    counts = {"source": [0, 0], "target": [0, 0]}
    misses = []
    nlp = pipeline.nlp
    for record in records:
        doc = nlp.make_doc(record["text"])
        day = _date(record.get("date"))
        doc._.published = datetime.date.fromisoformat(day) if day else None
        doc = nlp(doc)
        for role in ("source", "target"):
            for gold in record.get(role) if isinstance(record.get(role), list) else []:
                code = (gold.get("code") or "")[:3]
                start = record["text"].find(gold["actorText"])
                if not code or start < 0:
                    continue
                actor = _linked(doc, start, start + len(gold["actorText"]))
                ok = _same_country(code, actor.country if actor else None)
                counts[role][0] += ok
                counts[role][1] += 1
                if not ok:
                    misses.append({"uid": record["uid"], "role": role, "text": gold["actorText"], "expected": code,
                                   "predicted": actor.country if actor else None})
    right, total = (sum(c[i] for c in counts.values()) for i in (0, 1))
    return {**{k: {"accuracy": round(r / n, 4) if n else None, "right": r, "actors": n} for k, (r, n) in counts.items()},
            "all": {"accuracy": round(right / total, 4) if total else None, "right": right, "actors": total},
            "misses": misses}


def _role_matches(gold: str | None, predicted: str | None) -> bool:
    if gold is None:
        return True
    if predicted is None:
        return False
    g, p = gold.casefold(), predicted.casefold()
    return g in p or p in g


def score_seed(pipeline, gold: dict) -> dict:
    from ..schema import Article

    result = pipeline(Article(text=gold["text"], published=gold.get("published")))
    rows = []
    for key, expected in gold["actors"].items():
        name = expected["name"].casefold()
        candidates = [a for a in result.actors if a.name.casefold() == name] or \
                     [a for a in result.actors if name.split()[-1] in a.name.casefold().split()]
        actor = candidates[0] if candidates else None
        ok = actor is not None and actor.country == expected["country"] and actor.sector == expected["sector"] \
            and _role_matches(expected.get("role"), actor.role)
        rows.append({"key": key, "ok": ok, "expected": [expected["country"], expected["sector"], expected.get("role")],
                     "predicted": [actor.name, actor.country, actor.sector, actor.role] if actor else None})
    return {"right": sum(r["ok"] for r in rows), "actors": len(rows), "rows": rows}


@app.command("actors")
def actors(
    eval_dir: Annotated[Path, typer.Option(help="The gold data directory ($EVENTWIRE_EVAL).",
                                           envvar="EVENTWIRE_EVAL")] = Path("../shared/eval"),
    out: Annotated[Path | None, typer.Option(help="Write the scores and every miss as JSON here.")] = None,
) -> None:
    """Actor country/sector accuracy on ngec_actors and plover_gsr (dev), and the seed story's actors."""
    from ..nlp.pipeline import Pipeline

    paths = {"ngec": eval_dir / "ngec_actors" / "ngec_actors.dev.jsonl",
             "gsr": eval_dir / "plover_gsr" / "plover_gsr.dev.jsonl", "seed": eval_dir / "seed" / "gold.json"}
    for path in paths.values():
        if not path.is_file():
            raise typer.BadParameter(f"{path}: not found (set --eval-dir or EVENTWIRE_EVAL)")
    pipeline = Pipeline()
    report = {
        "ngec_actors": score_ngec(pipeline, ngec_cases(paths["ngec"])),
        "plover_gsr": score_gsr(pipeline, [json.loads(line) for line in paths["gsr"].open(encoding="utf-8")]),
        "seed": score_seed(pipeline, json.loads(paths["seed"].read_text("utf-8"))),
    }
    ngec, gsr, seed = report["ngec_actors"], report["plover_gsr"], report["seed"]
    print("| data | metric | result | target |\n|---|---|---|---|")
    for field, target in (("country", "0.90"), ("sector", "0.80")):
        for view, name in (("", ""), ("_strict", " (strict)"), ("_a", " (half a)"), ("_b", " (half b)")):
            s = ngec[field + view]
            label = f"{field} accuracy{name}"
            print(f"| ngec_actors dev | {label} | {s['accuracy']:.3f} ({s['right']}/{s['cases']}) | ≥ {target} |")
    for role in ("source", "target", "all"):
        s = gsr[role]
        print(f"| plover_gsr dev | {role} country accuracy | {s['accuracy']:.3f} ({s['right']}/{s['actors']}) | ≥ 0.85 |")
    print(f"| seed gold.json | actors all right | {seed['right']} / {seed['actors']} | all |")
    if out is not None:
        out.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
