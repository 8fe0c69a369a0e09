"""Each message's share of a request's one judgment (メッセージごとの判定).

The gateway decides a request once, reading all its messages together: a name in one
message and an illness in another are special-care information about one person, an
area and a role two messages apart identify someone (clause 4.9). Nothing here judges a
message alone — that would miss exactly those combinations. This module *attributes*
the one judgment to the messages (ADR 0027):

- every finding of the decision goes to each message its span touches (the findings are
  split back into the parts by :func:`hinagata.judge.split`, as the masking splits them);
  a value cut in two by a joint between messages is flagged on both;
- every combination across messages (特異な記述, :class:`hinagata.judge.Combination`) is
  flagged on every message it is made of;
- a refusal's reasons go to the messages that hold what each reason rests on: the facts
  its rule's condition reads (``context.class_rank``, ``context.injection`` …) and the
  findings or parts behind those facts. A reason that rests on nothing a message holds
  (content the engine cannot read, the service itself) belongs to the request as a whole.

The web chat shows the result beside each message (``x-hinagata-messages``); the API's
refusal names the messages in its error body (``messages``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from hinagata.detect import Finding
from hinagata.gateway._spec import Slot, param_of
from hinagata.judge import Judgment, split
from hinagata.policy import Policy

__all__ = ["HEADER_BUDGET", "Share", "attribute", "messages_header", "refusal_entries"]

#: A fact of the Cedar context a rule's condition reads.
_FACT = re.compile(r"\bcontext\.([A-Za-z_][A-Za-z0-9_]*)")
#: Facts that rest on the personal values found (and the text's markings): the class,
#: identifiability and special care, before and after masking.
_BY_FINDINGS = frozenset(
    {
        "class_rank",
        "masked_class_rank",
        "identifiable",
        "masked_identifiable",
        "personal",
        "special_care",
    }
)
_BY_CONTENT = frozenset({"content_identifiable", "masked_content_identifiable"})


@dataclass
class Share:
    """One message's share of the judgment (``message`` None: the request's other fields,
    or the request as a whole)."""

    message: int | None
    #: The verdict shown on the message: the request's where a reason of its refusal rests
    #: on this message; ``allow_masked`` where something in it was masked or generalised;
    #: else ``allow``.
    verdict: str = "allow"
    #: The codes of the refusal's reasons that rest on this message (empty: none).
    codes: list[str] = field(default_factory=list)
    #: Its findings: (slot index, the fragment in that slot's own offsets).
    findings: list[tuple[int, Finding]] = field(default_factory=list)
    #: The other messages it identifies someone together with (a combination across
    #: messages, or a value cut in two by a joint).
    together: set[int] = field(default_factory=set)
    #: Part of a value cut in two by a joint between it and another message.
    split: bool = False
    #: Where the request was masked: (slot index, start, end, what stands there now).
    sent: list[tuple[int, int, int, str]] = field(default_factory=list)

    @property
    def cause(self) -> bool:
        return bool(self.codes)


def _touched(f: Finding, starts: Sequence[int], ends: Sequence[int]) -> list[int]:
    """The parts whose characters a joined-text finding covers."""
    return [
        i
        for i, (s, e) in enumerate(zip(starts, ends, strict=True))
        if max(s, f.start) < min(e, f.end)
    ]


def _facts(policy: Policy | None, code: str) -> frozenset[str] | None:
    """The context facts a reason's rule reads (None: not a rule of the policy)."""
    er = policy.rules.get(code) if policy is not None else None
    if er is None:
        return None
    return frozenset(_FACT.findall(f"{er.rule.when} {er.rule.unless}"))


def _resting_parts(judgment: Judgment, policy: Policy | None, code: str) -> set[int]:
    """The parts a reason of the decision rests on (empty: the request as a whole)."""
    facts = _facts(policy, code)
    if not facts:
        return set()
    d, r = judgment.decision, judgment.reading
    a = d.assessment
    texts = r.texts
    starts = judgment.starts
    ends = [s + len(t) for s, t in zip(starts, texts, strict=True)]
    behind: list[Finding] = []
    parts: set[int] = set()
    if a is not None:
        if facts & _BY_FINDINGS:
            behind += [f for f in d.findings if f.personal]
            if a.marking and policy is not None:
                parts |= {i for i, t in enumerate(texts) if policy.markings.find(t)}
        if facts & _BY_CONTENT or (facts & _BY_FINDINGS and a.content_identifiable):
            behind += a.content_evidence
        if "my_number" in facts:
            behind += [f for f in d.findings if f.type == "MY_NUMBER"]
    screens = r.screens or ("prompt",) * len(texts)
    quarantined = r.quarantined or (False,) * len(texts)
    for i, res in enumerate(r.injection):
        if res is None or not res.attack or screens[i] is None:
            continue
        if ("injection" in facts and screens[i] != "document") or (
            "untrusted_injection" in facts and screens[i] == "document" and not quarantined[i]
        ):
            parts.add(i)
    for f in behind:
        parts.update(_touched(f, starts, ends))
    return parts


def attribute(
    slots: Sequence[Slot],
    judgment: Judgment,
    policy: Policy | None = None,
    edits: Sequence[Sequence[tuple[int, int, str]]] | None = None,
) -> list[Share]:
    """The judgment's share of each message, in message order, then (message None) the
    request's other fields and what belongs to the request as a whole — that last entry
    only where it holds something.

    ``slots``: the request's parts as judged (one per part of ``judgment``); ``policy``:
    the policy that decided (for the conditions of its rules); ``edits``: per part, what
    the masking replaced (:attr:`hinagata.judge.MaskedParts.edits`), where it masked.
    """
    d = judgment.decision
    texts = list(judgment.reading.texts)
    starts = judgment.starts
    ends = [s + len(t) for s, t in zip(starts, texts, strict=True)]
    if len(slots) != len(texts):
        raise ValueError("one slot per judged part")
    shares: dict[int | None, Share] = {}

    def share(part: int) -> Share:
        m = slots[part].message
        s = shares.get(m)
        if s is None:
            s = shares[m] = Share(m)
        return s

    for part in range(len(slots)):
        share(part)
    for part, fragments in enumerate(split(d.findings, texts, starts)):
        share(part).findings += [(part, f) for f in fragments]

    def join(parts: Sequence[int], *, cut: bool = False) -> None:
        messages = {slots[p].message for p in parts}
        for p in parts:
            s = share(p)
            s.together |= {m for m in messages if m is not None and m != s.message}
            s.split = s.split or (cut and len(messages) > 1)

    for f in d.findings:
        touched = _touched(f, starts, ends)
        if len(touched) > 1:
            join(touched, cut=True)
    for c in judgment.combinations:
        join(c.parts)
    refused = d.verdict in ("review", "deny")
    if refused:
        whole = shares.setdefault(None, Share(None))
        for reason in d.reasons:
            resting = _resting_parts(judgment, policy, reason.code)
            holders = [share(p) for p in sorted(resting)] or [whole]
            for s in holders:
                if reason.code not in s.codes:
                    s.codes.append(reason.code)
                s.verdict = d.verdict
    if edits is not None:
        for part, replaced in enumerate(edits):
            s = share(part)
            s.sent += [(part, a, b, now) for a, b, now in replaced]
            if replaced and not refused:
                s.verdict = "allow_masked"
    out = [shares[m] for m in sorted(k for k in shares if k is not None)]
    rest = shares.get(None)
    if rest is not None and (rest.codes or rest.findings or rest.together):
        out.append(rest)
    return out


def _message_param(slots: Sequence[Slot], message: int | None) -> str | None:
    """``messages[2]`` (``input[2]`` for Responses): where the message is in the body."""
    if message is None:
        return None
    for s in slots:
        if s.message == message:
            path = s.path
            for k, step in enumerate(path):
                if step == message and k and isinstance(step, int):
                    return param_of(path[: k + 1])
            return param_of(path[:1])
    return None


#: The most characters ``x-hinagata-messages`` takes: reverse proxies keep a response's
#: headers in one buffer (nginx: 4 or 8 KiB by default) and fail the answer beyond it.
HEADER_BUDGET = 6000


def messages_header(slots: Sequence[Slot], shares: Sequence[Share]) -> str:
    """``x-hinagata-messages`` (ASCII JSON), for the web chat: each message's share, with
    where its findings are (offsets in each judged string and their types, never the
    values) and what they became where the request was masked. A long conversation
    whose details would pass :data:`HEADER_BUDGET` gets the verdicts, reasons and
    combinations without the offsets (``brief``)."""
    entries = [
        {
            "message": s.message,
            "verdict": s.verdict,
            "codes": s.codes,
            "with": sorted(s.together),
            "split": s.split,
            "found": [_found(slots, p, f) for p, f in s.findings],
            "sent": [
                {"at": slots[p].param, "start": a, "end": b, "as": now} for p, a, b, now in s.sent
            ],
        }
        for s in shares
    ]
    text = json.dumps(entries, separators=(",", ":"))
    if len(text) <= HEADER_BUDGET:
        return text
    # Brief: only the messages with something to say (the page takes a message left out
    # as sent unchanged), then only those a refusal rests on.
    keep = ("message", "verdict", "codes", "with", "split")
    brief = [
        {**{k: e[k] for k in keep}, "brief": True}
        for e in entries
        if e["codes"] or e["with"] or e["split"] or e["verdict"] != "allow"
    ]
    for entries in (brief, [e for e in brief if e["codes"]]):
        text = json.dumps(entries, separators=(",", ":"))
        if len(text) <= HEADER_BUDGET:
            return text
    return "[]"


def _found(slots: Sequence[Slot], part: int, f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {"at": slots[part].param, "start": f.start, "end": f.end, "type": f.type}
    if f.type == "QUASI_IDENTIFIER" and f.category:
        out["kind"] = f.category
    return out


def refusal_entries(slots: Sequence[Slot], shares: Sequence[Share]) -> list[dict[str, Any]]:
    """The refusal's ``messages`` (API error bodies): each message a reason rests on, as
    its index and place in the body, the reasons' codes, what kinds of value it holds
    (never the values) and the messages it combines with."""
    return [
        {
            "message": s.message,
            "param": _message_param(slots, s.message),
            "codes": s.codes,
            "types": sorted({f.type for _, f in s.findings}),
            "with": sorted(s.together),
            "split": s.split,
        }
        for s in shares
        if s.cause
    ]
