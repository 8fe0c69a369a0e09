"""The judgment: verdict, the clauses that decided it, and what the user can do (判定).

A pure function of (text, service, policy, user, declared class, grants, time). The policy
answers three questions in one Cedar batch — may the text go as written (``send_raw``),
masked (``send_masked``), or to the review body (``request_review``)? — and the verdict is
the first yes: ``allow``, ``allow_masked``, ``review``, else ``deny``. Every verdict carries
the rules that decided it, each with its clause, a Japanese explanation and a remedy.
Any internal error is ``deny`` with the reason code ``check_failed``: never ``allow``.

Order (stable, independent of the hash seed and of the order Cedar reports its
reasons in, which varies from call to call): findings by position in the text (start,
end, type); reasons by clause number — compared numerically part by part, so 4.10 comes
after 4.9 and 12.1 after 4.2, clauses with a letter (M-1) after the numbered ones — then
by the rule's position in the policy (layer, clause, rule as written). Two groups come
before that order: a ``review`` lists why the masked text may not go before the rules
that send it to review, and a ``deny`` lists the rules that close every way (3A,
training, standard terms) first. ``Decision.clauses`` follows the reasons.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import cedarpy

from hinagata.assess import (
    Assessment,
    ClassScheme,
    assess,
    listed_area_findings,
    rank_of,
)
from hinagata.decide._ladder import VERDICTS, climb, context_of
from hinagata.decide._masked import _mask_and_generalise
from hinagata.decide._reasons import (
    Reason,
    _dedupe,
    clause_sort_key,
    masked_reasons,
    reasons_of,
)
from hinagata.detect import Detector, Finding, default_detector
from hinagata.guard import InjectionResult
from hinagata.mask import Generalisation, Masked
from hinagata.policy import Policy
from hinagata.services import Service

__all__ = [
    "CHECK_FAILED",
    "VERDICTS",
    "Decision",
    "Grant",
    "Reason",
    "User",
    "check_failed",
    "clause_sort_key",
    "decide",
]

CHECK_FAILED = "check_failed"


@dataclass(frozen=True)
class User:
    """Who asks: the attributes the policy may weigh (training before use, department …)."""

    id: str = "anonymous"
    department: str = ""
    municipality: str = ""
    roles: tuple[str, ...] = ()
    trained: bool = True


@dataclass(frozen=True)
class Grant:
    """A review body's permission, scoped; it turns ``review`` into ``allow_masked``."""

    id: str
    service: str
    max_class: str = "3C"
    department: str | None = None
    municipality: str | None = None
    use_case: str | None = None
    expires: dt.datetime | None = None

    def applies(
        self,
        *,
        user: User,
        service_id: str,
        rank: int,
        municipality: str | None,
        use_case: str | None,
        now: dt.datetime,
    ) -> bool:
        if self.service != service_id or rank > rank_of(self.max_class):
            return False
        if self.department is not None and self.department != user.department:
            return False
        if self.municipality is not None and self.municipality not in (
            municipality,
            user.municipality,
        ):
            return False
        if self.use_case is not None and self.use_case != use_case:
            return False
        return self.expires is None or now < self.expires


@dataclass(frozen=True)
class Decision:
    """The judgment of one text for one service."""

    verdict: str
    information_class: str
    rank: int
    identifiable: bool
    sensitive: tuple[str, ...]
    findings: tuple[Finding, ...]
    reasons: tuple[Reason, ...]
    masked_text: str | None
    service: str
    service_type: str
    policy_version: str
    policy_hash: str
    grants: tuple[str, ...] = ()
    #: The placeholder mapping of ``masked_text`` (kept by the caller, never logged).
    masked: Masked | None = field(default=None, repr=False)
    assessment: Assessment | None = field(default=None, repr=False)
    #: The prompt-injection screening of the text, where the caller ran it.
    injection: InjectionResult | None = None
    #: Identifiable by content (特異な記述) and the kinds of the combination.
    content_kinds: tuple[str, ...] = ()
    #: What the masked text generalised (87歳 → 80代), for allow_masked; never restored.
    generalised: tuple[Generalisation, ...] = ()
    #: The findings that masking generalises (offsets in the text, like ``findings``):
    #: whoever masks the text again (the gateway, per slot) passes them to the masker.
    generalise: tuple[Finding, ...] = field(default=(), repr=False)

    @property
    def clauses(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.clause for r in self.reasons if r.clause))

    def to_dict(self, lang: str = "ja") -> dict[str, Any]:
        """The JSON shape of ``hinagata check --json``."""
        return {
            "verdict": self.verdict,
            "class": self.information_class,
            "identifiable": self.identifiable,
            "sensitive": list(self.sensitive),
            "findings": [f.to_dict() for f in self.findings],
            "reasons": [r.to_dict(lang) for r in self.reasons],
            "masked_text": self.masked_text if self.verdict == "allow_masked" else None,
            "service": self.service,
            "service_type": self.service_type,
            "policy": {"version": self.policy_version, "hash": self.policy_hash},
            "grants": list(self.grants),
            "injection": self.injection.to_dict() if self.injection is not None else None,
            "content_identifiable": bool(self.content_kinds),
            "content_kinds": list(self.content_kinds),
            "generalised": [g.to_dict() for g in self.generalised]
            if self.verdict == "allow_masked"
            else [],
        }


def decide(
    text: str,
    service: Service,
    policy: Policy,
    *,
    user: User | None = None,
    declared_class: str | None = None,
    grants: Sequence[Grant] = (),
    use_case: str | None = None,
    now: dt.datetime | None = None,
    detector: Detector | None = None,
    unreadable: bool = False,
    injection: bool = False,
    untrusted_injection: bool = False,
    findings: Sequence[Finding] | None = None,
) -> Decision:
    """Judge ``text`` for ``service`` under ``policy``; never raises for internal errors.

    ``unreadable``: the request also carries content the engine cannot read (images,
    files, audio); the policy decides whether that may go (national template: clause 4.6).
    ``injection``: what the user wrote carries a prompt-injection attack (clause 4.7);
    ``untrusted_injection``: content the user did not write (tool results, retrieved
    passages) still carries one (clause 4.8). The caller runs the injection detector,
    because only it knows which parts of a request are whose.
    ``findings``: the detector's findings for ``text`` when the caller already has them
    (judging one text for several services); None: detected here.
    """
    user = user or User()
    try:
        return _decide(
            text,
            service,
            policy,
            user,
            declared_class,
            grants,
            use_case,
            now,
            detector,
            unreadable,
            injection,
            untrusted_injection,
            findings,
        )
    except DeclaredClassError:
        raise
    except Exception as exc:  # fail closed: any internal error is a deny
        return check_failed(service, policy, exc)


class DeclaredClassError(ValueError):
    """A declared class that is not a class name of the policy's scheme."""


def _declared_rank(declared_class: str | None, scheme: ClassScheme) -> int | None:
    if declared_class is None:
        return None
    if declared_class not in scheme.names:
        raise DeclaredClassError(
            f"機密性の分類は {' / '.join(scheme.names)} のいずれかで指定してください / class must be one of {scheme.names}"
        )
    return rank_of(declared_class, scheme)


def _decide(
    text: str,
    service: Service,
    policy: Policy,
    user: User,
    declared_class: str | None,
    grants: Sequence[Grant],
    use_case: str | None,
    now: dt.datetime | None,
    detector: Detector | None,
    unreadable: bool = False,
    injection: bool = False,
    untrusted_injection: bool = False,
    known: Sequence[Finding] | None = None,
) -> Decision:
    scheme = policy.scheme
    declared_rank = _declared_rank(declared_class, scheme)
    found = known if known is not None else (detector or default_detector()).scan(text)
    content = policy.identification
    # The municipality's listed small areas (東谷) count as areas wherever they are written.
    listed = listed_area_findings(text, content, found)
    findings = sorted([*found, *listed] if listed else found, key=_finding_key)
    marking = policy.markings.find(text)
    assessment = assess(
        findings,
        text,
        policy.class_rules,
        policy.markings,
        declared_rank=declared_rank,
        marking=marking,
        content=content,
    )
    masked, masked_assessment, generalise = _mask_and_generalise(
        text, findings, policy, declared_rank, marking, detector or default_detector()
    )
    when = now or dt.datetime.now(dt.UTC)
    applied = tuple(
        g.id
        for g in grants
        if g.applies(
            user=user,
            service_id=service.id,
            rank=assessment.rank,
            municipality=policy.municipality,
            use_case=use_case,
            now=when,
        )
    )
    context = context_of(
        assessment,
        masked_assessment,
        granted=bool(applied),
        unreadable=unreadable,
        injection=injection,
        untrusted_injection=untrusted_injection,
    )
    # Asked in order and only as far as needed: most texts stop at send_raw.
    answers = climb(Asker(policy, user, service, context))
    verdict = answers.verdict
    reasons = _reasons_for(answers, policy, assessment, masked_assessment, masked)
    return Decision(
        verdict=verdict,
        information_class=scheme.label(assessment.rank),
        rank=assessment.rank,
        identifiable=assessment.identifiable,
        sensitive=assessment.special_care,
        findings=tuple(findings),
        reasons=tuple(_dedupe(reasons)),
        masked_text=masked.text if verdict == "allow_masked" else None,
        service=service.id,
        service_type=str(service.service_type),
        policy_version=policy.version,
        policy_hash=policy.content_hash,
        grants=applied,
        masked=masked if verdict == "allow_masked" else None,
        assessment=assessment,
        content_kinds=assessment.content_kinds,
        generalised=masked.generalised if verdict == "allow_masked" else (),
        generalise=generalise,
    )


def _reasons_for(
    answers: Any,
    policy: Policy,
    assessment: Assessment,
    masked_assessment: Assessment,
    masked: Masked,
) -> list[Reason]:
    """The reasons of the verdict: the answers that decided it, in their order (see above)."""
    raw, masked_r, review = answers.raw, answers.masked, answers.review
    position = {code: i for i, code in enumerate(policy.rules)}

    def of(result: Any) -> list[Reason]:
        return reasons_of(result, policy, assessment, masked_assessment, position)

    verdict = answers.verdict
    if verdict == "allow":
        return of(raw)
    if verdict == "allow_masked":
        return masked_reasons(of(raw), masked)
    if verdict == "review":
        return of(masked_r) + of(review)
    reasons = of(masked_r) or of(raw)
    # Rules that close every way (3A, training, standard terms) explain a deny best
    # (a stable sort: within each group the clause order stays).
    reasons.sort(key=lambda r: len(policy.rules[r.code].rule.actions) < 3)
    return reasons


class Asker:
    """Asks the policy one action at a time for one (user, service, text) — cheap per call.

    Cedar evaluation errors raise: an erroring forbid is skipped by Cedar, and that must
    never turn into an allow.
    """

    def __init__(
        self, policy: Policy, user: User, service: Service, context: Mapping[str, object]
    ) -> None:
        self._policy = policy
        self._entities = _entities(policy, user, service)
        self._principal = {"type": "User", "id": user.id}
        self._resource = {"type": "Service", "id": service.id}
        self._context = dict(context)

    def __call__(self, action: str) -> Any:
        request = {
            "principal": self._principal,
            "action": {"type": "Action", "id": action},
            "resource": self._resource,
            "context": self._context,
        }
        result = cedarpy.is_authorized(request, self._policy.cedar, self._entities)
        if result.diagnostics.errors:
            raise RuntimeError("; ".join(result.diagnostics.errors))
        return result


def authorize(
    policy: Policy, user: User, service: Service, context: Mapping[str, object]
) -> tuple[Any, Any, Any]:
    """The policy's answers for send_raw, send_masked and request_review."""
    ask = Asker(policy, user, service, context)
    return ask("send_raw"), ask("send_masked"), ask("request_review")


_ENTITY_CACHE: dict[tuple[object, ...], Any] = {}
_ENTITY_CACHE_SIZE = 512


def _entities(policy: Policy, user: User, service: Service) -> Any:
    """The parsed Cedar entities for a user and a service (cached: parsing costs more than deciding)."""
    user_attrs = {
        "trained": user.trained,
        "department": user.department,
        "municipality": user.municipality or (policy.municipality or ""),
        "roles": sorted(user.roles),
    }
    service_attrs = {
        "service_type": str(service.service_type),
        "domestic_provider": service.domestic_provider,
        "japan_only": service.japan_only,
        "no_training": service.no_training,
        "contract": service.contract,
        "ismap": service.ismap,
        "lgwan": str(service.lgwan).lower(),
    }
    key = (
        user.id,
        json.dumps(user_attrs, ensure_ascii=False),
        service.id,
        json.dumps(service_attrs),
    )
    handle = _ENTITY_CACHE.get(key)
    if handle is None:
        entities = [
            {"uid": {"type": "User", "id": user.id}, "attrs": user_attrs, "parents": []},
            {"uid": {"type": "Service", "id": service.id}, "attrs": service_attrs, "parents": []},
        ]
        handle = cedarpy.Entities.from_json_str(json.dumps(entities, ensure_ascii=False))
        if len(_ENTITY_CACHE) >= _ENTITY_CACHE_SIZE:
            _ENTITY_CACHE.clear()
        _ENTITY_CACHE[key] = handle
    return handle


def _finding_key(f: Finding) -> tuple[int, int, str]:
    return (f.start, f.end, f.type)


def check_failed(service: Service, policy: Policy, exc: BaseException) -> Decision:
    """The deny that stands for a check that could not be completed (fail closed)."""
    reason = Reason(
        code=CHECK_FAILED,
        clause="",
        title="判定を完了できませんでした",
        message=f"内部エラーのため確認を完了できなかったので、送信を止めました（{type(exc).__name__}）。",
        remedy="時間をおいて再度お試しください。解決しない場合は情報政策担当課に連絡してください。",
        message_en=f"The check could not be completed because of an internal error ({type(exc).__name__}); nothing was sent.",
        remedy_en="Try again later; if it persists, contact the information policy section.",
    )
    return Decision(
        verdict="deny",
        information_class="",
        rank=0,
        identifiable=False,
        sensitive=(),
        findings=(),
        reasons=(reason,),
        masked_text=None,
        service=service.id,
        service_type=str(service.service_type),
        policy_version=policy.version,
        policy_hash=policy.content_hash,
    )
