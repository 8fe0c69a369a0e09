"""What a scan returns: the verdict, its score and the matched spans."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class InjectionSpan:
    """A matched piece of the text, in offsets of the original text."""

    start: int
    end: int
    category: str
    rule: str
    #: The rule's weight (for the kind of text scanned).
    weight: float
    #: The score of the sentence (window) it belongs to.
    score: float
    #: How it was found: "text", "hidden", "base64", "hex", "percent", "unicode", "spaced".
    via: str = "text"

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "category": self.category,
            "rule": self.rule,
            "weight": round(self.weight, 3),
            "score": round(self.score, 3),
            "via": self.via,
        }


@dataclass(frozen=True)
class InjectionResult:
    """``attack``: yes/no at the rules' threshold; ``score``: the highest sentence score."""

    attack: bool
    score: float
    category: str | None
    spans: tuple[InjectionSpan, ...] = ()
    kind: str = "prompt"
    rules_version: str = ""
    #: The mode that decided (``rules``, ``model``, ``both``).
    mode: str = "rules"
    #: Which signal fired: ``rules``, ``model``, ``both`` (both fired), None (neither).
    signal: str | None = None
    #: The learned model's highest window score (None in mode ``rules``).
    model_score: float | None = None
    #: The threshold the model's score was held against (None in mode ``rules``).
    model_threshold: float | None = None
    #: Whether the rules alone would call it an attack.
    rules_attack: bool = False
    model_version: str = ""

    def to_dict(self, *, signals: bool = False) -> dict[str, Any]:
        """The result as JSON data. The shape is the one it always had; ``signals=True``
        adds which signal fired and the model's score (``mode``, ``signal``,
        ``rules_attack``, ``model_score``, ``model_threshold``, ``model_version``)."""
        d: dict[str, Any] = {
            "attack": self.attack,
            "score": round(self.score, 3),
            "category": self.category,
            "kind": self.kind,
            "spans": [s.to_dict() for s in self.spans],
            "rules_version": self.rules_version,
        }
        if signals:
            d["mode"] = self.mode
            d["signal"] = self.signal
            d["rules_attack"] = self.rules_attack
            d["model_score"] = None if self.model_score is None else round(self.model_score, 3)
            d["model_threshold"] = self.model_threshold
            d["model_version"] = self.model_version
        return d


def _dedupe(spans: list[InjectionSpan]) -> list[InjectionSpan]:
    """One span per (start, end, rule), with the highest score; sorted by position."""
    best: dict[tuple[int, int, str, str], InjectionSpan] = {}
    for sp in spans:
        key = (sp.start, sp.end, sp.rule, sp.via)
        if key not in best or sp.score > best[key].score:
            best[key] = sp
    return sorted(best.values(), key=lambda sp: (sp.start, sp.end, sp.rule))
