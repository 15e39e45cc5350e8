"""Counting precision, recall and F1, and comparing character spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass
class PRF:
    """Counts of true positives, false positives and false negatives."""

    tp: float = 0
    fp: float = 0
    fn: float = 0

    def add(self, tp: float = 0, fp: float = 0, fn: float = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def token_spans(text: str, start: int, end: int) -> set[tuple[int, int]]:
    """Character ranges of the word and punctuation tokens inside text[start:end]."""
    return {(start + m.start(), start + m.end()) for m in TOKEN.finditer(text[start:end])}


def token_overlap(text: str, a: tuple[int, int], b: tuple[int, int]) -> float:
    """Share of the tokens of the longer of spans a and b that both cover (0..1)."""
    ta, tb = token_spans(text, *a), token_spans(text, *b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / max(len(ta), len(tb))
