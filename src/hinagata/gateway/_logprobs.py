"""Log probabilities of an answer, restored like its text.

The model saw placeholders, so its tokens spell them in pieces (``〔氏``, ``名1``, ``〕``).
Where the answer's text is restored, the tokens that spell a placeholder become one entry
carrying the value (``token`` and ``bytes`` of the restored text, the pieces' log
probabilities summed, no alternatives: those would be alternatives to a placeholder).
Tokens that could still begin a placeholder wait for the next chunk of a stream.

Entries are the chat and Responses shape ``{"token", "logprob", "bytes",
"top_logprobs"}``; a completion's ``{"tokens", "token_logprobs", "top_logprobs",
"text_offset"}`` is converted to and from it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from typing import Any

from hinagata.mask import restore
from hinagata.mask._mask import _PLACEHOLDER, _could_start_placeholder

__all__ = ["LogprobStream", "restore_completion_logprobs", "restore_entries"]

Entry = dict[str, Any]


def _token(e: Any) -> str:
    return e.get("token", "") if isinstance(e, dict) and isinstance(e.get("token"), str) else ""


def restore_entries(entries: Sequence[Any], mapping: Mapping[str, str]) -> list[Any]:
    """``entries`` with every run of tokens that spells a placeholder of ``mapping``
    merged into one restored entry."""
    if not mapping or not entries:
        return list(entries)
    tokens = [_token(e) for e in entries]
    text = "".join(tokens)
    spans = [m.span() for m in _PLACEHOLDER.finditer(text) if m.group(0) in mapping]
    if not spans:
        return list(entries)
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for t in tokens:
        starts.append(pos)
        pos += len(t)
        ends.append(pos)
    # The token range [a, b] that spells each placeholder; overlapping ranges united.
    ranges: list[tuple[int, int]] = []
    for ps, pe in spans:
        first = bisect_right(ends, ps)
        last = bisect_left(starts, pe) - 1
        if ranges and first <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], max(last, ranges[-1][1]))
        else:
            ranges.append((first, last))
    out: list[Any] = []
    pos = 0
    for first, last in ranges:
        out.extend(entries[pos:first])
        group = entries[first : last + 1]
        merged = restore("".join(tokens[first : last + 1]), mapping)
        logprob = sum(
            float(g["logprob"])
            for g in group
            if isinstance(g, dict) and isinstance(g.get("logprob"), (int, float))
        )
        out.append(
            {
                "token": merged,
                "logprob": logprob,
                "bytes": list(merged.encode("utf-8")),
                "top_logprobs": [],
            }
        )
        pos = last + 1
    out.extend(entries[pos:])
    return out


class LogprobStream:
    """Entries of a stream restored as they come, holding back the tokens that may still
    become a placeholder (like :class:`hinagata.mask.StreamRestorer` for text)."""

    def __init__(self, mapping: Mapping[str, str]) -> None:
        self._mapping = mapping
        self._held: list[Any] = []

    def feed(self, entries: Sequence[Any]) -> list[Any]:
        if not self._mapping:
            return list(entries)
        buf = [*self._held, *entries]
        cut = len(buf)
        # Hold from the token where a possible placeholder starts; again while what is
        # left to release itself ends inside one (a token may end one and begin the next).
        while cut:
            text = "".join(_token(e) for e in buf[:cut])
            i = text.rfind("〔")
            if i < 0 or "〕" in text[i:] or not _could_start_placeholder(text[i:]):
                break
            pos = 0
            for k, e in enumerate(buf[:cut]):
                if pos + len(_token(e)) > i:
                    cut = k
                    break
                pos += len(_token(e))
        self._held = buf[cut:]
        return restore_entries(buf[:cut], self._mapping)

    def flush(self) -> list[Any]:
        held, self._held = self._held, []
        return restore_entries(held, self._mapping)


def restore_completion_logprobs(lp: Any, mapping: Mapping[str, str]) -> Any:
    """A completion's ``logprobs`` (parallel lists) restored the same way; ``text_offset``
    recomputed from the first offset."""
    if not mapping or not isinstance(lp, dict) or not isinstance(lp.get("tokens"), list):
        return lp
    tokens = lp["tokens"]
    logprobs = lp.get("token_logprobs") or [None] * len(tokens)
    entries = [
        {"token": t if isinstance(t, str) else "", "logprob": p, "top": top}
        for t, p, top in zip(
            tokens, logprobs, lp.get("top_logprobs") or [None] * len(tokens), strict=False
        )
    ]
    merged = restore_entries(entries, mapping)
    offsets = lp.get("text_offset")
    first = offsets[0] if isinstance(offsets, list) and offsets else 0
    out_offsets: list[int] = []
    pos = first if isinstance(first, int) else 0
    for e in merged:
        out_offsets.append(pos)
        pos += len(e["token"])
    return {
        **lp,
        "tokens": [e["token"] for e in merged],
        "token_logprobs": [e["logprob"] for e in merged],
        "top_logprobs": [e.get("top") if "top" in e else None for e in merged],
        "text_offset": out_offsets,
    }
