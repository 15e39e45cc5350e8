"""`eventwire eval brief`: the 5W1H brief against the Giveme5W1H gold standard (dev split).

Each article is analysed with its title and, when the text does not already hold it, its
description (the lede the publisher gave) before the text. The gold answers are phrases without
offsets, each with the number of the three coders who chose it. An answer of ours is right when it
shares a content word (a word that is no stop word, case-insensitive) with a phrase at least two
coders chose; for `when`, also when our normalized date equals the `parsed` date of such a phrase.
A question without such a phrase (no agreed answer, or coders agreed there is none) makes any
answer wrong. Precision is right / answered; recall is right / articles with an agreed phrase.
The strict column asks for more: a Dice coefficient of at least 0.5 between the content words.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated

import typer

from .cli import app

DEFAULT = Path("../shared/eval/giveme5w1h/giveme5w1h.dev.jsonl")
QUESTIONS = ("who", "what", "when", "where", "why", "how")
TOGETHER = ("who", "what", "when", "where")
MIN_CODERS = 2
WORD = re.compile(r"\w+")
ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def content_words(text: str) -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    text = ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)
    return {w for w in WORD.findall(text.lower()) if w not in STOP_WORDS}


def agreed(record: dict, question: str) -> list[dict]:
    """The gold phrases of a question that at least two coders chose."""
    return [a for a in record["answers"].get(question, []) if a.get("text") and a.get("coders", 0) >= MIN_CODERS]


def judge(answer: dict, gold: list[dict], question: str) -> tuple[bool, bool]:
    """(right, strictly right) for one answer of ours against the agreed gold phrases."""
    ours = content_words(answer.get("text") or "")
    right = strict = False
    for g in gold:
        theirs = content_words(g["text"])
        shared = len(ours & theirs)
        right |= shared > 0
        strict |= bool(ours or theirs) and 2 * shared / (len(ours) + len(theirs)) >= 0.5
    if question == "when" and answer.get("value"):
        same_date = any(g.get("parsed") and g["parsed"] == answer["value"][:10] for g in gold)
        right |= same_date
        strict |= same_date
    return right, strict


def article_text(record: dict) -> str:
    description = (record.get("description") or "").strip()
    text = record["text"]
    if description and description[:60] not in text:
        return description + "\n\n" + text
    return text


def score(records: list[dict], briefs: list[dict]) -> dict[str, dict[str, int]]:
    counts = {q: dict.fromkeys(("articles", "gold", "answered", "right", "strict"), 0) for q in QUESTIONS}
    for record, brief in zip(records, briefs):
        for q in QUESTIONS:
            gold = agreed(record, q)
            c = counts[q]
            c["articles"] += 1
            c["gold"] += bool(gold)
            answer = brief.get(q)
            if answer:
                right, strict = judge(answer, gold, q)
                c["answered"] += 1
                c["right"] += right
                c["strict"] += strict
    counts["who/what/when/where"] = {k: sum(counts[q][k] for q in TOGETHER) for k in counts["who"]}
    return counts


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"


@app.command("brief")
def brief_command(
    gold: Annotated[Path, typer.Option("--gold", help="Giveme5W1H dev JSONL.")] = DEFAULT,
    errors: Annotated[Path | None, typer.Option(help="Write every answer and its gold phrases here (JSONL).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Precision, coverage and recall of the 5W1H brief on Giveme5W1H (phrases 2 of 3 coders chose)."""
    from ..nlp.pipeline import Pipeline
    from ..schema import Article, RecordError

    if not gold.is_file():
        raise typer.BadParameter(f"{gold}: gold file not found", param_hint="--gold")
    records = [json.loads(line) for line in gold.open(encoding="utf-8")]
    articles = [Article(text=article_text(r), id=r["id"], title=r.get("title"), published=(r.get("published") or "")[:10] or None)
                for r in records]
    results = list(Pipeline().process(articles))
    briefs = [{} if isinstance(r, RecordError) else r.brief for r in results]
    counts = score(records, briefs)
    if errors is not None:
        with errors.open("w", encoding="utf-8") as out:
            for record, brief in zip(records, briefs):
                for q in QUESTIONS:
                    answer = brief.get(q)
                    right = judge(answer, agreed(record, q), q)[0] if answer else None
                    out.write(json.dumps({"id": record["id"], "question": q, "right": right, "ours": answer,
                                          "gold": agreed(record, q)}, ensure_ascii=False) + "\n")
    if as_json:
        print(json.dumps(counts, indent=1))
        return
    print(f"Giveme5W1H {gold.name}: {len(records)} articles; right = shares a content word with a phrase "
          f"at least {MIN_CODERS} of 3 coders chose (when: or the same date)")
    print("| question | answered | coverage | precision | strict precision | recall |")
    print("|---|---:|---:|---:|---:|---:|")
    for q, c in counts.items():
        print(f"| {q} | {c['answered']} / {c['articles']} | {_ratio(c['answered'], c['articles'])} | "
              f"{_ratio(c['right'], c['answered'])} | {_ratio(c['strict'], c['answered'])} | {_ratio(c['right'], c['gold'])} |")
