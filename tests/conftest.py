"""Shared fixtures: the real spaCy pipeline (loaded once) and the path of the development gold data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eventwire.nlp.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    """The development gold data (../shared/eval, or $EVENTWIRE_EVAL); tests that need it skip without it."""
    path = Path(os.environ.get("EVENTWIRE_EVAL", REPO.parent / "shared" / "eval"))
    if not path.is_dir():
        pytest.skip(f"development gold data not found at {path} (set EVENTWIRE_EVAL to its path)")
    return path
