"""The injection rules: data (``data/injection.yaml``), validated, compiled once.

A rule is a regular expression (verbose syntax: spaces and line breaks in the pattern are
ignored, so long alternations can be folded in YAML) over the *folded* text (NFKC, invisible characters removed,
ASCII lower-cased, look-alike Cyrillic/Greek letters folded to Latin) with a category and a
weight. Its ``keywords`` are literal strings of which at least one must occur for the rule
to be tried: one Aho-Corasick pass over the text finds them, so a long benign document
costs one pass, not one pass per rule. A rule is tried only within a bounded window around
a keyword, in the sentence that holds it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hinagata._yaml import load_yaml, validate

__all__ = ["CATEGORIES", "KINDS", "CompiledRule", "RuleSet", "load_rules"]

Category = Literal[
    "instruction_override",
    "role_play",
    "system_prompt_extraction",
    "fake_role",
    "unmask_request",
    "exfiltration",
    "hidden_instruction",
    "obfuscation",
    "addressed_to_ai",
]
#: Every category a result may report: the rules' own, and ``learned`` (the window the
#: learned model flagged; no rule may claim it).
CATEGORIES: tuple[str, ...] = (*get_args(Category), "learned")
KINDS = ("prompt", "document")
#: How far before a match a rule's ``unless_before`` is looked for (within the sentence).
UNLESS_BEFORE_CHARS = 60


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleModel(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,79}$")
    category: Category
    #: How strongly a match alone signals an attack (0–1); weights in one chunk combine.
    weight: float = Field(gt=0, le=1)
    #: A different weight in documents (RAG passages, tool results), where instructions to
    #: the assistant are out of place; absent: ``weight``.
    weight_document: float | None = Field(default=None, ge=0, le=1)
    #: Literal strings (folded: lower-case ASCII) of which one must occur nearby.
    keywords: tuple[str, ...] = Field(min_length=1)
    pattern: str = Field(min_length=1)
    #: Match against the unfolded text (e.g. upper-case ``DAN``, not the name Dan).
    case_sensitive: bool = False
    #: A regular expression that, found in the same sentence just before a match (up to
    #: ``UNLESS_BEFORE_CHARS`` characters), cancels it: the condition under which an
    #: operator's policy states the same words (「…と聞かれたら」「…があっても」).
    unless_before: str | None = None
    description: str = ""

    @field_validator("pattern", "unless_before")
    @classmethod
    def _compiles(cls, v: str | None) -> str | None:
        if v is None:
            return v
        if re.search(r"(?<!\\)#", v):
            # In verbose syntax an unescaped # starts a comment, and in a folded YAML block a
            # comment line would silently swallow the rest of the pattern.
            raise ValueError(
                "正規表現の中の # は \\# と書いてください（コメントになります） / escape # as \\# "
                "(in verbose syntax it starts a comment)"
            )
        try:
            re.compile(v, re.MULTILINE | re.VERBOSE)
        except re.error as exc:
            raise ValueError(
                f"正規表現が正しくありません / invalid regular expression: {exc}"
            ) from exc
        return v


class RulesFile(_Strict):
    version: str = "1"
    #: A chunk scoring at least this is an attack.
    threshold: float = Field(default=0.5, gt=0, le=1)
    #: Spans of chunks scoring at least this are reported (below the threshold too).
    report_threshold: float = Field(default=0.25, gt=0, le=1)
    rules: tuple[RuleModel, ...] = Field(min_length=1)


@dataclass(frozen=True)
class CompiledRule:
    id: str
    category: str
    weight: float
    weight_document: float
    keywords: tuple[str, ...]
    regex: re.Pattern[str]
    case_sensitive: bool
    unless_before: re.Pattern[str] | None = None

    def weight_for(self, kind: str) -> float:
        return self.weight_document if kind == "document" else self.weight


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[CompiledRule, ...]
    threshold: float
    report_threshold: float
    version: str


def _compile(files: Sequence[RulesFile]) -> RuleSet:
    rules: dict[str, CompiledRule] = {}
    for f in files:
        for r in f.rules:
            rules[r.id] = CompiledRule(
                r.id,
                r.category,
                r.weight,
                r.weight if r.weight_document is None else r.weight_document,
                tuple(k if r.case_sensitive else k.lower() for k in r.keywords),
                re.compile(r.pattern, re.MULTILINE | re.VERBOSE),
                r.case_sensitive,
                None
                if r.unless_before is None
                else re.compile(r.unless_before, re.MULTILINE | re.VERBOSE),
            )
    base = files[0]
    return RuleSet(
        tuple(rules.values()),
        base.threshold,
        base.report_threshold,
        "+".join(f.version for f in files),
    )


@lru_cache(maxsize=1)
def _bundled() -> RulesFile:
    ref = resources.files("hinagata.guard").joinpath("data/injection.yaml")
    return validate(RulesFile, load_yaml("injection.yaml", text=ref.read_text(encoding="utf-8")))


def load_rules(extra: Sequence[str | Path] = ()) -> RuleSet:
    """The bundled rules, extended (or overridden by id) by ``extra`` rule files."""
    files = [_bundled()] + [validate(RulesFile, load_yaml(p)) for p in extra]
    return _compile(files)
