"""The effective policy: what composing the layers gives (clauses, rules, settings)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hinagata.assess import ClassRule, ClassScheme, IdentificationRule, Markings
from hinagata.policy._model import (
    Chapter,
    Clause,
    Disclosure,
    Extension,
    ExtensionPoint,
    InjectionScreening,
    OutputScreening,
    Rule,
    TrainingPolicy,
    TranscriptPolicy,
    UntrustedContent,
)
from hinagata.services import Catalog


@dataclass(frozen=True)
class LayerInfo:
    id: str
    name: str
    level: str
    version: str
    source: str
    #: The department a department layer governs (None above the department level).
    department: str | None = None


@dataclass
class EffectiveClause:
    clause: Clause
    chapter_id: str
    layer: str
    #: Local text appended by lower layers: (layer id, text).
    appended: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class EffectiveRule:
    rule: Rule
    clause_id: str
    clause_title: str
    layer: str
    #: For department layers: the department the rule is limited to.
    department: str | None = None
    #: Extension uses that lift this rule for their scope.
    lifted_by: tuple[Extension, ...] = ()


@dataclass(frozen=True)
class Policy:
    """The effective policy of one municipality (or of the national template alone)."""

    layers: tuple[LayerInfo, ...]
    chapters: tuple[tuple[Chapter, tuple[EffectiveClause, ...], str], ...]
    rules: dict[str, EffectiveRule]
    extension_points: dict[str, tuple[ExtensionPoint, str]]
    extensions: tuple[tuple[Extension, str], ...]
    class_rules: tuple[ClassRule, ...]
    markings: Markings
    scheme: ClassScheme
    catalog: Catalog
    municipality: str | None
    title: str
    version: str
    content_hash: str
    cedar_text: str
    _cedar: Any = field(repr=False, compare=False)
    #: What the gateway attaches to answers (None: the policy asks for no disclosure).
    disclosure: Disclosure | None = None
    #: Whether full prompts and answers are kept, and how long.
    transcripts: TranscriptPolicy | None = None
    #: Screening of tool results and other untrusted content (None: not screened).
    untrusted: UntrustedContent | None = None
    #: Screening of answers (None: not screened).
    output: OutputScreening | None = None
    #: How prompt injection is detected (None: the national default, mode ``both``).
    injection: InjectionScreening | None = None
    #: The content rule (特異な記述) in effect (None: only direct identifiers count).
    identification: IdentificationRule | None = None
    #: Training before use (None: only the administrator's confirmation counts).
    training: TrainingPolicy | None = None
    #: The municipality's departments (所属), from which an account's 所属 is chosen.
    departments: tuple[str, ...] = ()

    def self_service_keys(self, department: str) -> bool:
        """Whether staff of ``department`` issue their own API keys: only where a layer
        used the national extension point that opens this setting (clause 2.5) for that
        department; elsewhere staff request a key and the department's 利用管理者 (or an
        administrator) approves it (the national default)."""
        if not department:
            return False
        for use, _layer in self.extensions:
            point = self.extension_points.get(use.point)
            if (
                point is not None
                and point[0].setting == "api_key_self_service"
                and department in use.departments
            ):
                return True
        return False

    @property
    def cedar(self) -> Any:
        """The pre-parsed Cedar policy set."""
        return self._cedar

    @property
    def name(self) -> str:
        return self.layers[-1].name

    def rule_layer(self, rule_id: str) -> str:
        return self.rules[rule_id].layer
