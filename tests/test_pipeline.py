"""The pipeline as a whole: long texts, non-English texts, failures isolated per record, ordering."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.nlp.model import ModelError, check_installed, check_meta, check_model
from eventwire.nlp.pipeline import Pipeline, chunks, english_ratio
from eventwire.runners.local import run
from eventwire.schema import Article, RecordError

PARAGRAPH = ("Ministers from Ghana and Togo met in Lome on Tuesday to discuss cross-border trade. "
             "Officials said the talks would continue next week.\n\n")


def test_chunks_cover_the_text_exactly_and_cut_at_line_breaks():
    text = PARAGRAPH * 50
    pieces = chunks(text, size=1000)
    assert "".join(pieces) == text
    assert all(len(p) <= 1000 for p in pieces)
    assert all(p.endswith("\n") for p in pieces[:-1])
    assert chunks("x" * 2500, size=1000) == ["x" * 1000, "x" * 1000, "x" * 500]


def test_a_long_article_is_analysed_in_pieces_with_exact_offsets(pipeline):
    text = PARAGRAPH * 1300  # about 190,000 characters: more than one piece
    assert len(text) > 150_000
    result = pipeline(Article(text=text, published="2024-05-09"))
    assert not isinstance(result, RecordError)
    ghana = [e for e in result.entities if e.text == "Ghana"]
    assert len(ghana) == 1300
    assert all(text[e.start:e.end] == e.text for e in result.entities)
    assert {t.value for t in result.times if t.text == "Tuesday"} == {"2024-05-07"}


def test_too_long_article_fails_with_a_clear_message(pipeline):
    result = Pipeline(nlp=pipeline.nlp, max_chars=1000)(Article(text=PARAGRAPH * 20, origin="big.jsonl:7"))
    assert isinstance(result, RecordError)
    assert result.origin == "big.jsonl:7" and "too long" in result.message and "--max-chars" in result.message


def test_non_english_text_is_not_analysed():
    spanish = ("El gobierno anunció el martes un nuevo paquete de medidas para apoyar a los agricultores "
               "afectados por la sequía, según un comunicado publicado por el ministerio en la capital.")
    assert english_ratio(spanish) < 0.15
    assert english_ratio(PARAGRAPH) > 0.3
    assert english_ratio("Too short.") is None


def test_a_record_that_breaks_a_component_fails_alone(pipeline):
    @Language.component("explode_on_marker")
    def explode(doc):
        if "EXPLODE" in doc.text:
            raise RuntimeError("component crashed")
        return doc

    nlp = pipeline.nlp
    nlp.add_pipe("explode_on_marker", first=True)
    try:
        articles = [Article(text=PARAGRAPH, id="ok1"), Article(text="EXPLODE " + PARAGRAPH, id="bad", origin="x:2"),
                    Article(text=PARAGRAPH + " More.", id="ok2")]
        out = list(Pipeline(nlp=nlp).process(articles))
    finally:
        nlp.remove_pipe("explode_on_marker")
    assert [type(r).__name__ for r in out] == ["ArticleResult", "RecordError", "ArticleResult"]
    assert out[1].origin == "x:2" and "component crashed" in out[1].message
    assert [r.id for r in out] == ["ok1", "bad", "ok2"]


def test_runner_passes_other_items_through_in_order(pipeline):
    items = [Article(text=PARAGRAPH, id="a"), "not an article", Article(text=PARAGRAPH + " Yes.", id="b")]
    out = list(run(items, workers=1, chunk_size=2))
    assert out[1] == "not an article"
    assert [out[0].id, out[2].id] == ["a", "b"]


def test_model_check_rejects_another_pipeline():
    import spacy

    blank = spacy.blank("en")
    with pytest.raises(ModelError, match="en_core_web_sm 3.8.0"):
        check_model(blank)
    blank.meta.update({"name": "core_web_sm", "version": "3.8.0"})
    with pytest.raises(ModelError, match="OntoNotes"):
        check_model(blank)
    with pytest.raises(ModelError, match="3.7.1"):
        check_meta({"lang": "en", "name": "core_web_sm", "version": "3.7.1"}, set())


def test_the_installed_model_passes_the_check_without_loading():
    check_installed()
