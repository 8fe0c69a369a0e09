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
import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import cedarpy

from hinagata.assess import (
    KIND_LABELS,
    Assessment,
    ClassScheme,
    assess,
    listed_area_findings,
    rank_of,
)
from hinagata.decide._ladder import VERDICTS, climb, context_of
from hinagata.detect import Detector, Finding, default_detector
from hinagata.guard import InjectionResult
from hinagata.mask import (
    GENERALISATION_STAGES,
    PLACEHOLDER_LABELS,
    Generalisation,
    Masked,
    Masker,
    kind_of,
)
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

_IDENTIFIABLE_JA = {
    "full_name": "氏名（姓と名）",
    "personal_email": "個人のメールアドレス",
    "email": "個人のメールアドレス",
    "personal_phone": "個人の電話番号",
    "residential_address": "番地までの住所",
    "ADDRESS": "住所",
    "BIRTH_DATE": "生年月日",
    "PHONE_NUMBER": "電話番号",
    "EMAIL": "メールアドレス",
}
_IDENTIFIABLE_EN = {
    "full_name": "a full name",
    "personal_email": "a personal e-mail address",
    "email": "a personal e-mail address",
    "personal_phone": "a personal phone number",
    "residential_address": "a complete residential address",
    "ADDRESS": "address",
    "BIRTH_DATE": "birth date",
    "PHONE_NUMBER": "phone number",
    "EMAIL": "e-mail",
}


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
class Reason:
    """Why: the rule and clause that decided, an explanation, and what to do."""

    code: str
    clause: str
    title: str
    message: str
    remedy: str
    message_en: str = ""
    remedy_en: str = ""
    layer: str = ""

    def to_dict(self, lang: str = "ja") -> dict[str, str]:
        en = lang == "en"
        return {
            "clause": self.clause,
            "title": self.title,
            "message": (self.message_en or self.message) if en else self.message,
            "remedy": (self.remedy_en or self.remedy) if en else self.remedy,
            "code": self.code,
            "layer": self.layer,
        }


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
    declared_rank = None
    if declared_class is not None:
        if declared_class not in scheme.names:
            raise DeclaredClassError(
                f"機密性の分類は {' / '.join(scheme.names)} のいずれかで指定してください / class must be one of {scheme.names}"
            )
        declared_rank = rank_of(declared_class, scheme)
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
    raw, masked_r, review = answers.raw, answers.masked, answers.review

    position = {code: i for i, code in enumerate(policy.rules)}

    def reasons_of(result: Any) -> list[Reason]:
        ids = result.diagnostics.id_annotations_by_reason
        got = [
            _reason(policy, ids.get(pid, pid), assessment, scheme, masked_assessment)
            for pid in result.diagnostics.reasons
        ]
        # Cedar reports its reasons in no fixed order: clause number, then the policy's order.
        got.sort(key=lambda r: (clause_sort_key(r.clause), position.get(r.code, len(position))))
        return got

    verdict = answers.verdict
    if verdict == "allow":
        reasons = reasons_of(raw)
    elif verdict == "allow_masked":
        labels = "・".join(dict.fromkeys(PLACEHOLDER_LABELS[f.type] for f in masked.replaced))
        kinds = "・".join(
            dict.fromkeys(
                KIND_LABELS[g.kind][0] if g.kind in KIND_LABELS else "要配慮情報"
                for g in masked.generalised
            )
        )
        if labels and kinds:
            remedy = f"{labels}を伏字にし、{kinds}を一般化した文章であれば送信できます（一般化した記述は回答の中で元に戻りません）。"
        elif kinds:
            remedy = f"{kinds}を一般化した文章であれば送信できます（一般化した記述は回答の中で元に戻りません）。"
        elif labels:
            remedy = f"{labels}を伏字にした文章であれば送信できます。"
        else:
            remedy = ""
        remedy_en = "The masked text may be sent" + (
            " (generalised descriptions are not restored in the answer)." if kinds else "."
        )
        reasons = [
            Reason(
                r.code,
                r.clause,
                r.title,
                r.message,
                remedy or r.remedy,
                r.message_en,
                remedy_en if remedy else r.remedy_en,
                r.layer,
            )
            for r in reasons_of(raw)
        ]
    elif verdict == "review":
        reasons = reasons_of(masked_r) + reasons_of(review)
    else:
        reasons = reasons_of(masked_r) or reasons_of(raw)
        # Rules that close every way (3A, training, standard terms) explain a deny best
        # (a stable sort: within each group the clause order stays).
        reasons.sort(key=lambda r: len(policy.rules[r.code].rule.actions) < 3)
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


def _mask_and_generalise(
    text: str,
    findings: Sequence[Finding],
    policy: Policy,
    declared_rank: int | None,
    marking: str | None,
    detector: Detector,
) -> tuple[Masked, Assessment, tuple[Finding, ...]]:
    """Mask ``text``; while the result still identifies by content, generalise stage by stage.

    Placeholders first (ADR 0009); then, only while the re-assessed text still identifies
    by content, the quasi-identifiers of each stage of GENERALISATION_STAGES (area, age,
    role, dates, kin; then school class, workplace, family, singulars; a special-care
    condition last). The masked text is re-assessed from what stayed in place — the
    offsets still index ``text``, so paragraphs are cut in ``text``.
    """

    def reassess(m: Masked) -> Assessment:
        return assess(
            m.kept,
            text,
            policy.class_rules,
            policy.markings,
            declared_rank=declared_rank,
            marking=marking,
            content=policy.identification,
        )

    masked = Masker().mask(text, findings)
    masked_assessment = reassess(masked)
    plan: list[Finding] = []
    for stage in GENERALISATION_STAGES:
        if not masked_assessment.content_identifiable:
            break
        # What the still-identifying combination is made of, plus, in the last stage, the
        # special-care conditions that complete it.
        more = [
            f
            for f in masked.kept
            if kind_of(f) in stage
            and (f.type == "QUASI_IDENTIFIER" or (f.type == "SENSITIVE" and f.personal))
        ]
        if not more:
            continue
        plan.extend(more)
        masked = Masker().mask(text, findings, plan)
        masked_assessment = reassess(masked)
    if not masked_assessment.identifiable and (
        plan or any(f.type == "QUASI_IDENTIFIER" for f in masked.kept)
    ):
        masked_assessment = _read_again(masked, masked_assessment, policy, detector)
    return masked, masked_assessment, tuple(g for g in plan)


#: How far around a placeholder the masked text is read again (a word on either side).
_READ_AGAIN_WINDOW = 14
_WINDOW_GAP = "\n\n\n"
#: A kanji, katakana, Latin letter, digit or another placeholder next to a placeholder: the
#: word there may read differently once the value is gone (〔役職1〕総務課長 shows a role
#: that 民生委員総務課長 hid). Hiragana is a word boundary before and after masking alike
#: (〔氏名1〕さん, 〔住所1〕に住む).
_LETTER = re.compile(r"[\u30a1-\u30fa\u30fc\u4e00-\u9fff\u3005A-Za-z0-9〔〕]")


def _findings_read_again(masked: Masked, detector: Detector) -> list[Finding]:
    """The masked text's findings: those that stayed in place, moved to the masked text's
    offsets, plus what the detector newly finds around the placeholders.

    Only the neighbourhood of each replacement can change (the rest of the text is the same
    characters in the same order), so only those windows are read again; a finding the
    window cuts at its edge, or one inside a kept finding of its type, is not new.
    """
    text = masked.text
    edits = masked.edits
    starts = [e[0] for e in edits]
    out: list[Finding] = []
    occupied: list[tuple[int, int, str]] = []
    for f in masked.kept:
        i = bisect_right(starts, f.start)
        if (i and edits[i - 1][1] > f.start) or (i < len(edits) and edits[i][0] < f.end):
            continue  # cut by a replacement: what is left of it is read again below
        shift = (edits[i - 1][3] - edits[i - 1][1]) if i else 0
        moved = replace(f, start=f.start + shift, end=f.end + shift)
        if text[moved.start : moved.end] != f.text:
            continue  # (never, by the edits' construction; a safety net)
        out.append(moved)
        occupied.append((moved.start, moved.end, moved.type))
    windows: list[list[int]] = []
    for _s, _e, ms, me in edits:
        # Between two word boundaries (、〔電話番号1〕。, は〔氏名1〕さん) a placeholder moves
        # none: the text around it reads as it did.
        if not (
            (ms > 0 and _LETTER.match(text, ms - 1)) or (me < len(text) and _LETTER.match(text, me))
        ):
            continue
        lo, hi = max(0, ms - _READ_AGAIN_WINDOW), min(len(text), me + _READ_AGAIN_WINDOW)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    if not windows:
        return out
    placeholders = [(ms, me) for _s, _e, ms, me in edits]
    # One scan for all windows, blank lines between them (nothing is found across one).
    joined: list[str] = []
    bases: list[int] = []
    pos = 0
    for lo, hi in windows:
        bases.append(pos)
        joined.append(text[lo:hi])
        pos += hi - lo + len(_WINDOW_GAP)
    found = detector.scan(_WINDOW_GAP.join(joined))
    for f in found:
        k = bisect_right(bases, f.start) - 1
        lo, hi = windows[k]
        if f.end > bases[k] + (hi - lo):
            continue  # across the gap (cannot happen for a recognizer that stops at lines)
        s, e = f.start - bases[k] + lo, f.end - bases[k] + lo
        if (s == lo and lo > 0) or (e == hi and hi < len(text)):
            continue  # cut by the window
        if any(a <= s and e <= b and t == f.type for a, b, t in occupied):
            continue  # already there
        if any(a <= s and e <= b for a, b in placeholders):
            continue  # a placeholder itself
        out.append(replace(f, start=s, end=e))
        occupied.append((s, e, f.type))
    out.sort(key=lambda f: (f.start, f.end))
    return out


def _read_again(masked: Masked, kept: Assessment, policy: Policy, detector: Detector) -> Assessment:
    """The masked text read afresh, as its receiver will read it.

    A placeholder changes the words around it: 「民生委員総務課長の」 holds one role, but
    「〔役職1〕総務課長の」 shows a second one, and together with what is left the text may
    identify again. Re-assessed from the findings that stayed in place, such a text would
    pass; read again with the detector, it does not, and then it is not sent masked (the
    verdict falls to review or deny, POLICY_DEFAULTS §1).
    """
    again = assess(
        _findings_read_again(masked, detector),
        masked.text,
        policy.class_rules,
        policy.markings,
        content=policy.identification,
    )
    if not again.identifiable:
        return kept
    return replace(
        kept,
        identifiable=True,
        identifiable_because=(*again.identifiable_because, "masked_text_read_again"),
        content_identifiable=again.content_identifiable,
        content_kinds=again.content_kinds,
        rank=max(kept.rank, again.rank),
    )


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


_NUMBER_OR_TEXT = re.compile(r"(\d+)|(\D+)")


def clause_sort_key(clause: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key for clause ids: numeric parts compared as numbers, 4.9 < 4.10 < 12.1 < M-1.

    >>> sorted(["12.1", "4.10", "M-1", "4.9", "4.2"], key=clause_sort_key)
    ['4.2', '4.9', '4.10', '12.1', 'M-1']
    """
    return tuple(
        (0, int(num), "") if num else (1, 0, txt) for num, txt in _NUMBER_OR_TEXT.findall(clause)
    )


def _finding_key(f: Finding) -> tuple[int, int, str]:
    return (f.start, f.end, f.type)


def _combination(kinds: Sequence[str], lang: str) -> str:
    """「地域・年齢・役職」 / "area, age and role" (a personal matter named last)."""
    i = 0 if lang == "ja" else 1
    names = [KIND_LABELS[k][i] for k in kinds if k != "matter" and k in KIND_LABELS]
    if "matter" in kinds:
        names.append(KIND_LABELS["matter"][i])
    if lang == "ja":
        return "・".join(names) or "記述"
    return (", ".join(names[:-1]) + " and " + names[-1]) if len(names) > 1 else "".join(names)


def _reason(
    policy: Policy,
    rule_id: str,
    a: Assessment,
    scheme: ClassScheme,
    masked: Assessment | None = None,
) -> Reason:
    er = policy.rules[rule_id]
    rule = er.rule
    left = masked.content_kinds if masked is not None else ()
    # What to remove: the descriptions still identifying, the personal matter last.
    removable = [k for k in left if k != "matter"] or list(left)
    values = {
        "class": scheme.label(a.rank),
        "identifiable": _describe(a.identifiable_because, _IDENTIFIABLE_JA, "、"),
        "combination": _combination(a.content_kinds, "ja"),
        "masked_combination": _combination(left, "ja"),
        "remove": _combination(removable, "ja"),
    }
    values_en = {
        "class": scheme.label(a.rank),
        "identifiable": _describe(a.identifiable_because, _IDENTIFIABLE_EN, ", "),
        "combination": _combination(a.content_kinds, "en"),
        "masked_combination": _combination(left, "en"),
        "remove": _combination(removable, "en"),
    }
    return Reason(
        code=rule_id,
        clause=er.clause_id,
        title=er.clause_title,
        message=_fill(rule.message, values),
        remedy=_fill(rule.remedy, values),
        message_en=_fill(rule.message_en, values_en),
        remedy_en=_fill(rule.remedy_en, values_en),
        layer=er.layer,
    )


def _describe(because: Sequence[str], words: Mapping[str, str], sep: str) -> str:
    from hinagata._messages import type_label

    parts: list[str] = []
    for b in because:
        if b.startswith("identifier_code:"):
            parts.append(type_label(b.split(":", 1)[1], "ja" if sep == "、" else "en"))
        elif b.startswith("content:"):
            kinds = b.split(":", 1)[1].split("+")
            parts.append(
                _combination(kinds, "ja") + "の組合せ（特異な記述）"
                if sep == "、"
                else "a combination of " + _combination(kinds, "en")
            )
        elif b.startswith("name_with:"):
            linked = [words.get(t, t) for t in b.split(":", 1)[1].split("+")]
            parts.append(
                ("氏名と" + "・".join(linked))
                if sep == "、"
                else ("a name with " + ", ".join(linked))
            )
        else:
            parts.append(words.get(b, b))
    return sep.join(parts) or ("個人に関する情報" if sep == "、" else "personal information")


def _fill(template: str, values: Mapping[str, str]) -> str:
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def _dedupe(reasons: Sequence[Reason]) -> list[Reason]:
    seen: set[str] = set()
    out = []
    for r in reasons:
        if r.code not in seen:
            seen.add(r.code)
            out.append(r)
    return out


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
