"""Shared helpers for the benchmark scripts: data location, splits, scoring, results."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import platform
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("HINAGATA_DATA", ROOT.parent / "shared" / "data"))
RESULTS = ROOT / "bench" / "results"


def need(path: Path) -> Path:
    """Exit with a clear message when a dataset is absent (they never ship in the repo)."""
    if not path.exists():
        print(
            f"SKIP: dataset not found: {path} (set HINAGATA_DATA to ../shared/data)",
            file=sys.stderr,
        )
        raise SystemExit(0)
    return path


def split_of(key: str, test_share: int = 30) -> str:
    """A stable split: 'test' for about test_share% of keys, else 'tune'."""
    h = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "test" if h < test_share else "tune"


@dataclass
class PR:
    """Precision/recall counts."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

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

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            **self.extra,
        }


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_spans(
    gold: Iterable[tuple[int, int]], pred: Iterable[tuple[int, int]], pr: PR, strict: PR
) -> None:
    """Add one sentence's counts: lenient (any overlap) to ``pr``, exact match to ``strict``."""
    gold = list(gold)
    pred = list(pred)
    pr.tp += sum(1 for g in gold if any(overlaps(g, p) for p in pred))
    pr.fn += sum(1 for g in gold if not any(overlaps(g, p) for p in pred))
    pr.fp += sum(1 for p in pred if not any(overlaps(g, p) for g in gold))
    gs, ps = set(gold), set(pred)
    strict.tp += len(gs & ps)
    strict.fn += len(gs - ps)
    strict.fp += len(ps - gs)


def environment() -> dict[str, Any]:
    from importlib import metadata

    import hinagata

    versions = {}
    for dist in (
        "sudachipy",
        "sudachidict-core",
        "presidio-analyzer",
        "ginza",
        "ja-ginza",
        "spacy",
    ):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[dist] = metadata.version(dist)
    return {
        "packages": versions,
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "processor": platform.processor() or "",
        "cpus": os.cpu_count(),
        "hinagata": hinagata.__version__,
    }


def write_result(name: str, payload: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    payload = {"environment": environment(), **payload}
    out = RESULTS / f"{name}.json"
    out.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out


def script_of(name: str) -> str:
    """'kanji' or 'katakana' (a name with any katakana is written in katakana: foreign names)."""
    if any("\u30a0" <= c <= "\u30ff" for c in name):
        return "katakana"
    if all("\u3041" <= c <= "\u309f" or c in " \u3000" for c in name):
        return "hiragana"
    return "kanji"
