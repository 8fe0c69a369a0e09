"""The schema of a policy layer file (policy.yaml).

A layer is a readable guideline (chapters → clauses → text) with machine-checkable parts:
rules (Cedar conditions), class rules, document markings and extension points. See the
header of ``templates/national/policy.yaml`` for the vocabulary rules may use.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hinagata.assess import ClassRule, IdentificationRule

__all__ = [
    "ACTIONS",
    "LEVELS",
    "Chapter",
    "Classification",
    "Clause",
    "ClauseChange",
    "Disclosure",
    "Extension",
    "ExtensionPoint",
    "InjectionScreening",
    "InjectionThresholds",
    "Layer",
    "LayerMeta",
    "Organisation",
    "OutputScreening",
    "Rule",
    "TrainingPolicy",
    "TranscriptPolicy",
    "UntrustedContent",
]

ACTIONS = ("send_raw", "send_masked", "request_review")
Action = Literal["send_raw", "send_masked", "request_review"]
#: Layers from the top; a layer extends one of a higher level.
LEVELS = ("national", "platform", "municipality", "department")
Level = Literal["national", "platform", "municipality", "department"]
_ID = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rule(_Strict):
    """A machine-checkable rule of a clause: a Cedar ``permit`` or ``forbid``."""

    id: str = Field(pattern=_ID)
    effect: Literal["permit", "forbid"]
    actions: tuple[Action, ...] = Field(min_length=1)
    #: A Cedar condition ("" = always).
    when: str = ""
    #: A Cedar condition that exempts from the rule.
    unless: str = ""
    message: str = Field(min_length=1)
    message_en: str = ""
    remedy: str = ""
    remedy_en: str = ""

    @field_validator("when", "unless")
    @classmethod
    def _no_semicolon(cls, v: str) -> str:
        # A condition is spliced into a policy; a ';' or '}' could end it and add another.
        if ";" in v or "{" in v or "}" in v:
            raise ValueError(
                "条件に ; { } は使えません / ';', '{' and '}' are not allowed in a condition"
            )
        return v.strip()


class ExtensionPoint(_Strict):
    """Where a lower layer may loosen this layer's rules, and how it must narrow the scope."""

    id: str = Field(pattern=_ID)
    title: str = Field(min_length=1)
    description: str = ""
    #: Rules (of the same layer) that a use of this point lifts for the bound scope.
    lifts: tuple[str, ...] = ()
    #: A setting (not a rule) that a use of this point loosens for the bound scope
    #: (national layer only): ``api_key_self_service`` lets the departments named issue
    #: their own API keys instead of requesting them (clause 2.5).
    setting: Literal["api_key_self_service"] | None = None
    #: What a use must name (at least one of them): departments, services.
    bind: tuple[Literal["departments", "services"], ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _loosens_something(self) -> ExtensionPoint:
        if bool(self.lifts) == (self.setting is not None):
            raise ValueError(
                "拡張点は lifts（規定）か setting（設定）のどちらか一方を緩めます"
                " / an extension point lifts rules or loosens one setting, not both or neither"
            )
        return self


class Clause(_Strict):
    id: str = Field(pattern=_ID)
    title: str = Field(min_length=1)
    text: str = ""
    rules: tuple[Rule, ...] = ()
    extension_points: tuple[ExtensionPoint, ...] = ()


class Chapter(_Strict):
    id: str = Field(pattern=_ID)
    title: str = ""
    clauses: tuple[Clause, ...] = ()


class Markings(_Strict):
    secret: tuple[str, ...] = ()
    internal: tuple[str, ...] = ()

    @field_validator("secret", "internal")
    @classmethod
    def _regexes(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        import re

        for p in v:
            try:
                re.compile(p)
            except re.error as exc:
                raise ValueError(
                    f"正規表現が正しくありません / invalid regular expression {p!r}: {exc}"
                ) from exc
        return v


class Classification(_Strict):
    scheme: Literal["five_level", "three_level"] | None = None
    markings: Markings = Markings()
    rules: tuple[ClassRule, ...] = ()


class ClauseChange(_Strict):
    """Local text added under a clause of a higher layer (never a change of its rules)."""

    clause: str
    append_text: str = Field(min_length=1)


class Extension(_Strict):
    """A use of an extension point: the lifted rules stop applying inside this scope."""

    point: str
    id: str = Field(pattern=_ID)
    departments: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    note: str = ""

    @model_validator(mode="after")
    def _narrowed(self) -> Extension:
        if not self.departments and not self.services:
            raise ValueError(
                "departments か services で対象を限ってください / name departments or services to narrow the scope"
            )
        return self


class Organisation(_Strict):
    """The municipality's departments (所属): an account's 所属 is chosen from them (the
    web form offers them, the server refuses any other). The national template lists a
    typical set; a municipality layer replaces it with its own; a department layer
    cannot set it. The departments of the department layers are always included."""

    departments: tuple[str, ...] = Field(min_length=1, max_length=500)

    @field_validator("departments")
    @classmethod
    def _names(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for name in v:
            if not name.strip() or len(name) > 200 or name != name.strip():
                raise ValueError(f"所属の名前が正しくありません / invalid department name {name!r}")
        if len(set(v)) != len(v):
            raise ValueError("所属の名前が重複しています / duplicate department names")
        return v


class Disclosure(_Strict):
    """What the gateway attaches to every answer: the AI-use disclosure and the reminder
    that staff must verify the output.

    ``header``: the ``x-hinagata-disclosure`` header and the ``hinagata`` field of the
    answer. ``append_to_answer``: also add the text to the end of the model's text (this
    alters the answer, so it is off unless the policy turns it on). A lower layer may
    change the text and turn things on, never off.
    """

    #: The clauses that ask for the disclosure (they must exist in this layer or above).
    clauses: tuple[str, ...] = Field(min_length=1)
    header: bool = True
    append_to_answer: bool = False
    text: str = Field(min_length=1, max_length=500)
    text_en: str = Field(default="", max_length=500)


class TranscriptPolicy(_Strict):
    """Keeping full prompts and answers (some municipalities require it): off by default.

    Transcripts go to a separate, administrator-only store — never into the audit chain or
    the logs — and are deleted after ``retention_days``. A lower layer may turn keeping on
    and change the retention, never turn it off.
    """

    #: The clauses that ask for it (they must exist in this layer or above).
    clauses: tuple[str, ...] = Field(min_length=1)
    keep: bool = False
    retention_days: int = Field(default=30, gt=0, le=3650)


class UntrustedContent(_Strict):
    """Screening of content the user did not write: tool results and any message whose
    role the policy names (retrieved passages, web pages, e-mails fed to the model).

    A passage in which the injection detector finds an attack is either removed from the
    request, which then goes on (``quarantine``), or the request is refused (``refuse``,
    the rule of clause 4.8). A lower layer may go from quarantine to refuse and add roles,
    never the reverse.
    """

    #: The clauses that govern it (they must exist in this layer or above).
    clauses: tuple[str, ...] = Field(min_length=1)
    action: Literal["quarantine", "refuse"] = "quarantine"
    #: Message roles whose content is untrusted.
    roles: tuple[str, ...] = Field(default=("tool", "function"), min_length=1)
    #: Key roles trusted to give the operator's own system/developer messages, which are
    #: then not screened; any other key's system and developer messages are screened as
    #: prompts (clause 4.7). A lower layer may remove roles, never add them.
    operator_key_roles: tuple[str, ...] = ("operator",)
    #: What replaces a quarantined passage (the model sees this instead).
    notice: str = Field(
        default="［この部分は、AIへの攻撃の疑いがあるため取り除かれました。］",
        min_length=1,
        max_length=300,
    )


class OutputScreening(_Strict):
    """What the gateway does with what the model answers (clause 6.3): links and images that
    may carry data out, copies of the system prompt, personal values the request did not
    contain. ``remove``/``mask`` > ``report`` > ``off``: a lower layer may only move up;
    ``allowed_domains`` (the municipality's own sites) may be added below.
    """

    clauses: tuple[str, ...] = Field(min_length=1)
    exfiltration: Literal["remove", "report", "off"] = "remove"
    system_prompt_leak: Literal["remove", "report", "off"] = "remove"
    new_personal: Literal["mask", "report", "off"] = "mask"
    allowed_domains: tuple[str, ...] = ()


class InjectionThresholds(_Strict):
    """The learned model's thresholds per kind (unset: the model's calibrated ones)."""

    prompt: float | None = Field(default=None, gt=0.0, lt=1.0)
    #: The guard's kind for an operator's message whose author is known (``hinagata guard
    #: --kind system``, a judged part screened as ``system``); the gateway screens client
    #: system and developer messages as prompts.
    system: float | None = Field(default=None, gt=0.0, lt=1.0)
    document: float | None = Field(default=None, gt=0.0, lt=1.0)


class InjectionScreening(_Strict):
    """How prompt injection is detected (clause 4.7): ``rules`` (the rules alone), ``model``
    (the learned model alone) or ``both`` (either; the national default), and the model's
    thresholds. A lower layer may only tighten: from ``rules`` or ``model`` to ``both``, and
    a threshold lowered, never raised above the one in effect.
    """

    clauses: tuple[str, ...] = Field(min_length=1)
    mode: Literal["rules", "model", "both"] = "both"
    thresholds: InjectionThresholds | None = None


class TrainingPolicy(_Strict):
    """Training before use (研修): the course and quiz generated from the effective policy.

    Passing the quiz (``pass_mark`` per cent of ``questions`` right) makes the account
    trained for ``valid_days``, and, with ``renew_on_change``, until a chapter the user's
    department uses changes. ``accept_confirmed``: an administrator's confirmation of the
    training (the account's or key's ``trained`` setting) also counts. ``notes``: the
    lesson's "why" for a clause (clause id → text). A lower layer may only tighten: raise
    the pass mark and the number of questions, shorten the validity, turn
    ``renew_on_change`` on and ``accept_confirmed`` off; it may add and reword notes.
    """

    clauses: tuple[str, ...] = Field(min_length=1)
    pass_mark: int = Field(default=80, ge=1, le=100)
    questions: int = Field(default=10, ge=3, le=40)
    valid_days: int = Field(default=365, ge=1, le=3650)
    renew_on_change: bool = True
    accept_confirmed: bool = True
    notes: dict[str, str] = Field(default_factory=dict)


class LayerMeta(_Strict):
    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    level: Level
    version: str = Field(min_length=1)
    title: str = ""
    #: "national" (the bundled template) or the path of the layer above, relative to this file.
    extends: str | None = None
    #: The municipality (団体) this stack serves; required from the municipality level down.
    municipality: str | None = None
    #: The department a department layer governs; its rules apply to that department only.
    department: str | None = None
    #: A service catalog file relative to this layer (the approved services).
    catalog: str | None = None
    #: Department layers that belong to this municipality (paths relative to this file).
    departments: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> LayerMeta:
        if self.level == "national" and self.extends is not None:
            raise ValueError(
                "国のひな型は他の層を継承できません / the national layer extends nothing"
            )
        if self.level != "national" and not self.extends:
            raise ValueError("extends（上位の層）を指定してください / 'extends' is required")
        if self.level == "department" and not self.department:
            raise ValueError(
                "所属の層には department が必要です / a department layer needs 'department'"
            )
        if self.level == "municipality" and not self.municipality:
            raise ValueError(
                "団体の層には municipality が必要です / a municipality layer needs 'municipality'"
            )
        return self


class Layer(_Strict):
    layer: LayerMeta
    classification: Classification = Classification()
    chapters: tuple[Chapter, ...] = ()
    changes: tuple[ClauseChange, ...] = ()
    extensions: tuple[Extension, ...] = ()
    organisation: Organisation | None = None
    disclosure: Disclosure | None = None
    transcripts: TranscriptPolicy | None = None
    untrusted: UntrustedContent | None = None
    output: OutputScreening | None = None
    injection: InjectionScreening | None = None
    #: Identification by content (特異な記述): the weights and thresholds of the
    #: combination rule; lower layers only tighten, the municipality states its size band.
    identification: IdentificationRule | None = None
    #: Training before use (研修): pass mark, validity, renewal; lower layers only tighten.
    training: TrainingPolicy | None = None
