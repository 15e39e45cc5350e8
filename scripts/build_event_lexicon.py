"""Build the event lexicon and the CAMEO code table shipped in src/eventwire/data/.

Reads the ontology reference data (default ../shared/data/ontology, or the path given):
  CAMEO.2.0.txt   PETRARCH-2 verb pattern dictionary (MIT, Open Event Data Alliance)
  cameo_codes.csv CAMEO codes with names, Goldstein scores and the CAMEO→PLOVER mapping
                  (CAMEO2PLOVER-2021, CC BY-SA 4.0)
and the hand-written curation in src/eventwire/data/event_curation.tsv, and writes:
  data/cameo_codes.tsv    code, name, goldstein, quad, PLOVER type, PLOVER mode
  data/event_lexicon.tsv  trigger lemma, part of speech, context words, CAMEO code, origin

Usage: python scripts/build_event_lexicon.py [ONTOLOGY_DIR]
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "src" / "eventwire" / "data"
CODE = re.compile(r"\[([0-9]*):?([0-9]*)\]|\[---\]")
MARKERS = set("$+^%*")
# A pattern made only of these words ("* (TO)") says too little to code an event.
FUNCTION_WORDS = {"to", "of", "in", "on", "at", "by", "for", "with", "from", "against", "the", "a", "an", "as", "over",
                  "into", "up", "out", "off", "down", "its", "their", "his", "her", "it", "them", "and", "that", "not"}


def quad(code: str) -> int:
    """ICEWS/POLECAT quad class of a CAMEO code, by its root (01-05, 06-08, 09-13, 14-20)."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def read_curation() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]], list[list[str]], set[str]]:
    """Root mappings (code prefix → type, mode), code overrides (code → type, mode), extra trigger
    rows, and CAMEO verbs to leave out."""
    roots, overrides, triggers, dropped = {}, {}, [], set()
    for line in (DATA / "event_curation.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, *cols = line.split("\t")
        if kind in ("root", "code"):
            (roots if kind == "root" else overrides)[cols[0]] = (cols[1], cols[2] if len(cols) > 2 else "")
        elif kind == "trigger":
            lemma, pos, context, code = (cols + [""] * 4)[:4]
            triggers.append([lemma, pos, context if context != "-" else "", code])
        elif kind == "drop":
            dropped.add(cols[0])
        else:
            raise SystemExit(f"event_curation.tsv: unknown row kind {kind!r} in line: {line!r}")
    return roots, overrides, triggers, dropped


def code_table(ontology: Path, roots: dict[str, tuple[str, str]],
               overrides: dict[str, tuple[str, str]]) -> list[list[str]]:
    rows, scores = [], {}
    with open(ontology / "cameo_codes.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            code = r["cameo_code"]
            plover, mode = overrides.get(code) or (r["plover_event"].split("|")[0], r["plover_mode"])
            if not plover:
                for prefix in sorted(roots, key=len, reverse=True):
                    if code.startswith(prefix):
                        plover, mode = roots[prefix]
                        break
            name = r["name_icews"] or r["name_gdelt"] or r["name_cameo2plover"]
            goldstein = r["goldstein_icews"] or r["goldstein_gdelt"]
            # A code without a score of its own (1214) takes its parent's.
            scores[code] = float(goldstein) if goldstein else scores[r["parent_code"]]
            rows.append([code, name, str(scores[code]), str(quad(code)), plover, mode])
    return rows


def synonym_sets(lines: list[str]) -> dict[str, list[str]]:
    sets, current = {}, None
    for line in lines:
        line = line.split("#")[0].strip()
        if line.startswith("&"):
            current = sets.setdefault(line, [])
        elif line.startswith("+") and current is not None:
            current.append(line[1:].strip("_").lower().replace("_", " "))
        elif line.startswith("####"):
            current = None
    return sets


def words(pattern: str, sets: dict[str, list[str]]) -> list[str]:
    """Context groups of a pattern: each group is alternatives joined by '|'."""
    groups = []
    for tok in re.sub(r"[(){}]", " ", pattern).split():
        if tok in MARKERS or not re.search(r"[A-Za-z]", tok):
            continue
        if tok.startswith("&"):
            members = [w.split()[-1] for w in sets.get(tok, [])]
            if members:
                groups.append("|".join(dict.fromkeys(members)))
            continue
        groups.append(tok.strip("_").lower())
    return groups


def verb_patterns(ontology: Path, dropped: set[str]) -> list[list[str]]:
    lines = (ontology / "CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace").splitlines()
    sets = synonym_sets(lines)
    start = next(i for i, line in enumerate(lines) if line.startswith("---  "))
    rows, verbs, patterns = [], [], []

    def flush() -> None:
        for lemma, particle, code in verbs:
            if lemma in dropped:
                continue
            if code:
                rows.append([lemma, "VERB", particle, code])
            for groups, pcode in patterns:
                context = " ".join(([particle] if particle else []) + groups)
                rows.append([lemma, "VERB", context, pcode])

    block_code = ""
    for line in lines[start:]:
        text = line.split("#")[0].rstrip()
        if not text.strip():
            continue
        if text.startswith("---"):
            flush()
            verbs, patterns = [], []
            m = CODE.search(text)
            block_code = m.group(1) if m and m.group(1) else ""
            continue
        m = CODE.search(text)
        code = (m.group(1) or m.group(2)) if m and (m.group(1) or m.group(2)) else None
        body = CODE.sub(" ", text)
        if text.startswith("-"):
            groups = words(body[1:], sets)
            if code and "*" in body and any(set(g.split("|")) - FUNCTION_WORDS for g in groups):
                patterns.append((groups, code))
            continue
        body = re.sub(r"\{.*?\}", " ", body).strip()
        if not body:
            continue
        first = body.split()[0].lstrip("+").strip("_").lower()
        lemma, _, particle = first.partition("_")
        has_code = m is not None
        verbs.append((lemma, particle.replace("_", " "), code if has_code else block_code))
    flush()
    return rows


def write(path: Path, header: str, rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        f.writelines("\t".join(row) + "\n" for row in rows)


def main() -> None:
    ontology = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "data" / "ontology"
    roots, overrides, curated, dropped = read_curation()
    codes = code_table(ontology, roots, overrides)
    known = {row[0] for row in codes}
    write(DATA / "cameo_codes.tsv",
          "# CAMEO codes: name (ICEWS codebook), Goldstein score (ICEWS), quad class (ICEWS/POLECAT roots),\n"
          "# PLOVER type and mode (CAMEO2PLOVER-2021; roots it leaves unmapped, and codes the current PLOVER\n"
          "# manual codes otherwise, from event_curation.tsv).\n"
          "# Built by scripts/build_event_lexicon.py; do not edit. Sources and licences: NOTICE.\n"
          "code\tname\tgoldstein\tquad\ttype\tmode\n", codes)
    rows = [row + ["curated"] for row in curated]
    seen = {tuple(row[:3]) for row in rows}
    for row in verb_patterns(ontology, dropped):
        if row[3] in known and tuple(row[:3]) not in seen:
            seen.add(tuple(row[:3]))
            rows.append(row + ["cameo"])
    for row in rows:
        if row[3] not in known:
            raise SystemExit(f"event_curation.tsv: unknown CAMEO code {row[3]!r} for trigger {row[0]!r}")
    write(DATA / "event_lexicon.tsv",
          "# Event triggers: lemma, part of speech, context (words that must occur in the trigger's phrase; each\n"
          "# group of '|' alternatives must match one word), CAMEO code, origin (curated: event_curation.tsv;\n"
          "# cameo: PETRARCH-2 CAMEO.2.0 verb dictionary). Built by scripts/build_event_lexicon.py; do not edit.\n"
          "lemma\tpos\tcontext\tcameo\torigin\n", rows)
    print(f"{len(codes)} CAMEO codes, {len(rows)} trigger rows ({len(curated)} curated)")


if __name__ == "__main__":
    main()
