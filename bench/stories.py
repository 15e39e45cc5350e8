"""Cost of story clustering and event deduplication in the store, and the dedup ratio on a corpus.

Analyses the first N articles of a corpus once with the pipeline, then writes the results chunk by chunk
into two stores in the same process, interleaved: one that only stores them (`Store(cluster=False)`)
and one that also clusters them into stories and deduplicates their events. The difference is the cost
of clustering, per article and as a share of the pipeline's own time on the same articles; the early
and late chunks show whether it grows with the store. Also reports the store size with and without the
story tables, the mentions per canonical event and the story sizes.

    python bench/stories.py [--corpus ../shared/corpora/bbc/bbc.jsonl] [--limit N] [--out bench/results/stories.json]
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import Counter
from itertools import islice
from pathlib import Path

from throughput import corpus_options, parse, save

from eventwire.nlp.pipeline import Pipeline
from eventwire.schema import Article, ArticleResult
from eventwire.store.database import Store

CHUNK = 50  # articles per store transaction, as the batch runner writes them (64)


def analyse(corpus: Path, limit: int | None) -> tuple[list[ArticleResult], float]:
    with corpus.open(encoding="utf-8") as f:
        records = [json.loads(line) for line in islice(f, limit)]
    articles = [Article(text=r["text"], id=r.get("id", ""), title=r.get("title"), published=r.get("published"),
                        source=r.get("source") or r.get("category")) for r in records]
    started = time.perf_counter()
    results = [r for r in Pipeline().process(articles) if isinstance(r, ArticleResult)]
    return results, time.perf_counter() - started


def main() -> None:
    args = parse(corpus_options(__doc__, "stories"))
    results, pipeline_s = analyse(args.corpus, args.limit)
    n = len(results)
    with tempfile.TemporaryDirectory() as tmp:
        plain, clustered = Store(Path(tmp) / "plain.db", cluster=False), Store(Path(tmp) / "stories.db")
        per_chunk = []
        for i in range(0, n, CHUNK):
            chunk = results[i:i + CHUNK]
            times = []
            for store in (plain, clustered):
                started = time.perf_counter()
                store.add(chunk)
                times.append(time.perf_counter() - started)
            per_chunk.append((len(chunk), *times))
        db = clustered.db
        mentions = db.execute("SELECT count(*) FROM events").fetchone()[0]
        canonical = db.execute("SELECT count(*) FROM canonical_events").fetchone()[0]
        multi = db.execute("SELECT count(*) FROM canonical_events WHERE n_mentions > 1").fetchone()[0]
        across = db.execute("SELECT count(*) FROM (SELECT canonical FROM events GROUP BY canonical"
                            " HAVING count(DISTINCT article) > 1)").fetchone()[0]
        sizes = Counter(r[0] for r in db.execute("SELECT n_articles FROM stories"))
        plain.close()
        clustered.close()
        bytes_plain = (Path(tmp) / "plain.db").stat().st_size
        bytes_stories = (Path(tmp) / "stories.db").stat().st_size
    store_s = sum(c[1] for c in per_chunk)
    cluster_s = sum(c[2] - c[1] for c in per_chunk)
    tenth = max(1, len(per_chunk) // 10)

    def ms(chunks):
        return 1000 * sum(c[2] - c[1] for c in chunks) / sum(c[0] for c in chunks)

    report = {
        "corpus": str(args.corpus), "articles": n, "pipeline_s": round(pipeline_s, 1),
        "store_ms_per_article": round(1000 * store_s / n, 2),
        "clustering_ms_per_article": round(1000 * cluster_s / n, 2),
        "clustering_ms_first_tenth": round(ms(per_chunk[:tenth]), 2),
        "clustering_ms_last_tenth": round(ms(per_chunk[-tenth:]), 2),
        "store_bytes_per_article": round(bytes_plain / n), "story_bytes_per_article": round((bytes_stories - bytes_plain) / n),
        "mentions": mentions, "canonical_events": canonical, "events_with_several_mentions": multi,
        "events_in_several_articles": across,
        "stories": sum(sizes.values()), "articles_in_multi_article_stories": sum(k * v for k, v in sizes.items() if k > 1),
        "largest_story": max(sizes),
        "ratios": {"mentions_per_event": mentions / canonical,
                   "clustering_vs_store_add": cluster_s / store_s,
                   "clustering_vs_pipeline": cluster_s / pipeline_s},
    }
    save(report, args.out, markdown(report))


def markdown(r: dict) -> str:
    ratios = r["ratios"]
    return "\n".join([
        "| measure | value |", "|---|---|",
        f"| articles | {r['articles']} |",
        (f"| event mentions → canonical events | {r['mentions']} → {r['canonical_events']}"
         f" ({ratios['mentions_per_event']:.3f} mentions per event) |"),
        (f"| canonical events with ≥ 2 mentions / in ≥ 2 articles | {r['events_with_several_mentions']}"
         f" / {r['events_in_several_articles']} |"),
        (f"| stories (largest; articles in stories of ≥ 2) | {r['stories']} ({r['largest_story']};"
         f" {r['articles_in_multi_article_stories']}) |"),
        (f"| clustering + dedup per article | {r['clustering_ms_per_article']:.1f} ms (first tenth"
         f" {r['clustering_ms_first_tenth']:.1f} ms, last tenth {r['clustering_ms_last_tenth']:.1f} ms) |"),
        f"| … as a share of the pipeline's time | {ratios['clustering_vs_pipeline']:.1%} |",
        (f"| … as a share of storing the article | {ratios['clustering_vs_store_add']:.0%} of"
         f" {r['store_ms_per_article']:.1f} ms |"),
        (f"| store size per article without / added by stories | {r['store_bytes_per_article'] / 1024:.1f} KB /"
         f" {r['story_bytes_per_article'] / 1024:.1f} KB |"),
    ])


if __name__ == "__main__":
    main()
