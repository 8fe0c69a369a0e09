"""Masking for the judgment: placeholders, then generalisation, then the masked text read again.

The masked text is what the receiver reads; :func:`_mask_and_generalise` masks and, while the
result still identifies by content, generalises stage by stage; :func:`_read_again` reads the
masked text afresh around each placeholder (a replacement changes the words next to it).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from hinagata.assess import Assessment, assess
from hinagata.detect import Detector, Finding
from hinagata.mask import GENERALISATION_STAGES, Masked, Masker, kind_of
from hinagata.policy import Policy


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
