"""The one entry of the judgment for every face (判定の入口): the CLI, the web pages and
the gateway judge a request's texts here, and show the same decision and explanation.

:func:`judge` takes one text or the parts of a request, screens each part for prompt
injection by who wrote it, detects personal values in all parts together (and across
their boundaries), and decides for the service — and, on the same findings, for any other
services asked about (nothing is detected twice). It returns a :class:`Judgment`: the
decision for the whole request, a judgment per part, the findings and combinations that
span parts (each flagged on every part it is made of), and the masking.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from hinagata.decide import CHECK_FAILED, Decision, Grant, User, check_failed, decide
from hinagata.detect import Finding
from hinagata.guard import InjectionResult
from hinagata.judge._parts import join, mask_parts, split
from hinagata.judge._read import Part, Reading, read
from hinagata.mask import Generalisation, Masked, Masker, mask
from hinagata.policy import Policy
from hinagata.services import Service

__all__ = ["Combination", "Judgment", "MaskedParts", "PartJudgment", "judge"]

#: The grants of a request: one list for every service, or a function of the service id.
Grants = Sequence[Grant] | Callable[[str], Sequence[Grant]]


@dataclass(frozen=True)
class Combination:
    """Values in several parts that identify someone only together.

    ``why``: ``content`` (quasi-identifiers whose combination is a 特異な記述: an area in
    one message, an age in another, a role in a third; ``kinds`` names them) or
    ``identifiable`` (no part identifies anyone alone, the parts together do).
    """

    why: str
    #: The parts it is made of (indexes), in order.
    parts: tuple[int, ...]
    #: Its findings, in joined-text offsets.
    findings: tuple[Finding, ...]
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class PartJudgment:
    """One part of a request: its own decision, and what it shares with other parts."""

    index: int
    #: The text judged (the policy's notice where an attacked document was quarantined).
    text: str
    injection: InjectionResult | None
    #: The part judged alone (None where the caller asked for the request's decision only).
    decision: Decision | None
    #: Fragments, in this part's offsets, of the findings that span a boundary into
    #: another part (a phone number split over two fields).
    spanning: tuple[Finding, ...] = ()
    #: The combinations across parts that this part contributes to.
    combinations: tuple[Combination, ...] = ()

    @property
    def flagged(self) -> bool:
        """Part of a finding or a combination that spans parts."""
        return bool(self.spanning or self.combinations)


@dataclass(frozen=True)
class MaskedParts:
    """Every part masked in its own place, with one placeholder table for the request."""

    texts: list[str]
    #: placeholder → original value (kept by the caller, never logged).
    mapping: dict[str, str]
    #: The descriptions generalised (87歳 → 80代), in part order; never restored.
    generalised: list[Generalisation]
    #: Per part: each replacement as (start, end, placeholder or generalised wording).
    edits: list[tuple[tuple[int, int, str], ...]] = field(default_factory=list)


@dataclass(frozen=True)
class Judgment:
    """The judgment of a request for a service: ``decision`` (all parts read together)
    decides; ``parts`` explains it part by part."""

    decision: Decision
    parts: tuple[PartJudgment, ...]
    reading: Reading
    #: Where each part starts in the joined text (what ``decision`` read).
    starts: tuple[int, ...]
    #: Findings that span a boundary between parts (joined-text offsets).
    spanning: tuple[Finding, ...] = ()
    combinations: tuple[Combination, ...] = ()
    #: The decisions for the other services asked about, on the same findings, in order.
    others: tuple[Decision, ...] = ()
    #: Every part's text joined (:func:`hinagata.judge.join`): what ``decision`` read.
    joined: str = field(default="", repr=False)

    @property
    def failed(self) -> bool:
        """The check could not be completed (the decision is a ``deny`` that says so)."""
        return any(r.code == CHECK_FAILED for r in self.decision.reasons)

    def offer(self) -> Masked | None:
        """The masked version of a one-part text, offered whatever the verdict (it may go
        to another service): the decision's own where it is ``allow_masked``, else the
        text's findings masked with the same generalisation (87歳 → 80代); None where
        nothing was found."""
        d = self.decision
        if d.masked is not None:
            return d.masked
        if not d.findings:
            return None
        return mask(self.joined, d.findings, generalise=d.generalise)

    def mask(self, known: Mapping[str, str] | None = None) -> MaskedParts:
        """Each part masked in its own place as the decision says (a finding that spans
        parts masked in every part it touches), with one placeholder table (``known``:
        the table of the conversation's earlier turns, which it extends)."""
        d = self.decision
        texts = list(self.reading.texts)
        masker = Masker(known=known)
        done: list[Generalisation] = []
        edits: list[tuple[tuple[int, int, str], ...]] = []
        sent = mask_parts(
            masker,
            texts,
            split(d.findings, texts, self.starts),
            split(d.generalise, texts, self.starts) if d.generalise else None,
            done,
            edits,
        )
        return MaskedParts(sent, dict(masker.mapping), done, edits)


def _grants_of(grants: Grants, service: Service) -> Sequence[Grant]:
    return grants(service.id) if callable(grants) else grants


def _reading_of(text: str, decision: Decision) -> Reading | None:
    """A completed decision for the same one-part text, as what reading it found."""
    if decision.injection is None or decision.assessment is None:
        return None  # a failed check has nothing to reuse
    return Reading((decision.injection,), (text,), decision.findings, ("prompt",), (False,))


def judge(
    parts: str | Sequence[str | Part] | Reading,
    service: str | Service,
    policy: Policy,
    *,
    user: User | None = None,
    declared_class: str | None = None,
    grants: Grants = (),
    use_case: str | None = None,
    now: dt.datetime | None = None,
    unreadable: bool = False,
    notice: str | None = None,
    also: Sequence[str | Service] = (),
    reuse: Reading | Decision | None = None,
    per_part: bool = True,
) -> Judgment:
    """Judge a request's texts for ``service`` (a catalog id or a Service) under ``policy``.

    ``parts``: one text (what the user wrote, screened as a prompt), the parts of a
    request (a plain string is a prompt; a :class:`Part` says how it is screened), or a
    request already read (a :class:`Reading`, e.g. from a worker process: nothing is
    screened or detected again).
    ``notice`` replaces an attacked document part (None: it stays, and the request is
    refused for it, clause 4.8). ``grants``: the review body's permissions, as one list or
    a function of the service id. ``also``: other services to decide for on the same
    findings (:attr:`Judgment.others`; none when the check failed). ``reuse``: what an
    earlier reading of the same parts found (a :class:`Reading`, or a completed
    :class:`~hinagata.decide.Decision` of the same one text, for another service):
    nothing is screened or detected again. ``per_part``: judge each part alone too (a
    decision per part; False: only the request's, as the gateway needs).

    Never raises for an internal error: a detector that fails is a ``deny`` with the
    reason code ``check_failed``. An unknown service id raises
    :class:`~hinagata.services.UnknownServiceError`; a declared class the scheme does not
    know, :class:`~hinagata.decide.DeclaredClassError`.

    >>> from hinagata._check import national_policy
    >>> p = national_policy()
    >>> j = judge(["転入届：高橋", "健一、生年月日 1988年11月2日"], "example-foreign-japan-region", p)
    >>> j.decision.verdict, [pj.decision.verdict for pj in j.parts]
    ('review', ['allow', 'allow'])
    >>> [(c.why, c.parts) for c in j.parts[0].combinations], [f.text for f in j.parts[1].spanning]
    ([('identifiable', (0, 1))], ['健一'])
    """
    svc = policy.catalog.get(service) if isinstance(service, str) else service
    if isinstance(parts, Reading):
        reuse, parts = parts, list(parts.texts)
    given = [
        p if isinstance(p, Part) else Part(p)
        for p in ([parts] if isinstance(parts, str) else parts)
    ]
    if isinstance(reuse, Decision):
        reuse = _reading_of(given[0].text, reuse) if len(given) == 1 else None
    try:
        reading = reuse if reuse is not None else read(given, notice, policy.injection)
    except Exception as exc:  # fail closed, as the decision does
        return _failed(check_failed(svc, policy, exc), given)
    asked = _Request(
        reading, policy, user or User(), declared_class, grants, use_case, now, unreadable
    )
    decision = asked.decide(svc, reading.findings)
    failed = any(r.code == CHECK_FAILED for r in decision.reasons)
    # Other services judge the decision's findings (the municipality's listed areas too).
    others = (
        ()
        if failed
        else tuple(
            asked.decide(policy.catalog.get(o) if isinstance(o, str) else o, decision.findings)
            for o in also
        )
    )
    if len(reading.texts) == 1:
        pjs = (PartJudgment(0, reading.texts[0], reading.injection[0], decision),)
        return Judgment(decision, pjs, reading, asked.starts, others=others, joined=asked.joined)
    return asked.explained(decision, svc, others, per_part=per_part and not failed)


def _failed(decision: Decision, given: Sequence[Part]) -> Judgment:
    """The judgment of a request that could not be read: the check-failed deny throughout."""
    texts = tuple(p.text for p in given)
    joined, starts = join(texts)
    pjs = tuple(PartJudgment(i, t, None, decision) for i, t in enumerate(texts))
    empty = Reading((None,) * len(texts), texts, ())
    return Judgment(decision, pjs, empty, tuple(starts), joined=joined)


@dataclass
class _Request:
    """One request as read, and what every decision about it shares."""

    reading: Reading
    policy: Policy
    user: User
    declared_class: str | None
    grants: Grants
    use_case: str | None
    now: dt.datetime | None
    unreadable: bool
    joined: str = ""
    starts: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        joined, starts = join(self.reading.texts)
        self.joined, self.starts = joined, tuple(starts)

    def decide(
        self, service: Service, findings: Sequence[Finding], part: int | None = None
    ) -> Decision:
        """The decision for ``service`` on ``findings``: of the whole request, or of one
        ``part`` alone (its own findings and screening; content the engine cannot read
        belongs to the request, not to a part)."""
        r = self.reading
        one = part is not None or len(r.texts) == 1
        screened = r if part is None else _part_reading(r, part, findings)
        d = decide(
            self.joined if part is None else r.texts[part],
            service,
            self.policy,
            user=self.user,
            declared_class=self.declared_class,
            grants=_grants_of(self.grants, service),
            use_case=self.use_case,
            now=self.now,
            unreadable=self.unreadable if part is None else False,
            injection=screened.injection_attack,
            untrusted_injection=screened.untrusted_attack,
            findings=findings,
        )
        return dataclasses.replace(d, injection=screened.injection[0]) if one else d

    def explained(
        self, decision: Decision, service: Service, others: tuple[Decision, ...], *, per_part: bool
    ) -> Judgment:
        """The judgment of a request of several parts: each part alone (where asked), the
        findings and combinations that span parts, flagged on every part they touch."""
        r, starts = self.reading, self.starts
        texts = list(r.texts)
        spanning = [
            f for f in r.findings if _part_at(starts, f.start) != _part_at(starts, f.end - 1)
        ]
        alone: list[Decision | None] = [None] * len(texts)
        if per_part:
            for i, own in enumerate(split(r.findings, texts, starts)):
                inside = [f for f in own if not any(_same(f, s, starts[i]) for s in spanning)]
                alone[i] = self.decide(service, inside, part=i)
        combos = _combinations(decision, alone, r.findings, texts, starts)
        frags = [_unique(fs) for fs in split(spanning, texts, starts)]
        pjs = tuple(
            PartJudgment(
                i,
                t,
                r.injection[i],
                alone[i],
                tuple(frags[i]),
                tuple(c for c in combos if i in c.parts),
            )
            for i, t in enumerate(texts)
        )
        return Judgment(decision, pjs, r, starts, tuple(spanning), combos, others, self.joined)


def _part_reading(reading: Reading, i: int, findings: Sequence[Finding]) -> Reading:
    """Part ``i`` as if it had been read alone."""
    return Reading(
        (reading.injection[i],),
        (reading.texts[i],),
        tuple(findings),
        (reading.screens[i],) if reading.screens else ("prompt",),
        (reading.quarantined[i],) if reading.quarantined else (False,),
    )


def _part_at(starts: Sequence[int], pos: int) -> int:
    """The part a joined-text offset lies in (a separator counts to the part before)."""
    return max(bisect_right(starts, pos) - 1, 0)


def _unique(findings: Sequence[Finding]) -> list[Finding]:
    return list({(f.type, f.start, f.end): f for f in findings}.values())


def _same(fragment: Finding, whole: Finding, start: int) -> bool:
    return fragment.type == whole.type and whole.start <= fragment.start + start < whole.end


def _parts_of(
    findings: Sequence[Finding], texts: Sequence[str], starts: Sequence[int]
) -> tuple[int, ...]:
    per = split(findings, list(texts), starts)
    return tuple(i for i, fs in enumerate(per) if fs)


def _combinations(
    decision: Decision,
    alone: Sequence[Decision | None],
    findings: Sequence[Finding],
    texts: Sequence[str],
    starts: Sequence[int],
) -> tuple[Combination, ...]:
    """The combinations of values in several parts that identify someone only together."""
    out: list[Combination] = []
    a = decision.assessment
    if a is None:
        return ()
    if a.content_identifiable and a.content_evidence:
        where = _parts_of(a.content_evidence, texts, starts)
        if len(where) > 1:
            out.append(Combination("content", where, a.content_evidence, a.content_kinds))
    if a.identifiable and alone and all(d is not None and not d.identifiable for d in alone):
        personal = tuple(f for f in findings if f.personal)
        where = _parts_of(personal, texts, starts)
        if len(where) > 1:
            out.append(Combination("identifiable", where, personal))
    return tuple(out)
