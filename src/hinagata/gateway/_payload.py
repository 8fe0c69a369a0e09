"""Where the text is in an OpenAI request and response: collect it, replace it, restore it.

Every piece of text a client sends — system, user and assistant messages, content parts,
tool results, tool-call arguments in the history, completion prompts, embedding inputs —
is a *slot*. The judgment runs on all slots together (a name in one message and an
address in another still identify a person); masking replaces inside each slot with one
per-request placeholder table; restoring works on whole responses and on streamed deltas.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hinagata.detect import Finding
from hinagata.gateway._schema import BadRequest, Slot, param_of
from hinagata.guard import OutputFinding, OutputScreen, OutputStream
from hinagata.mask import Generalisation, Masker, StreamRestorer, restore

__all__ = [
    "BadRequest",
    "ExitState",
    "Slot",
    "StreamRestoreState",
    "answer_text",
    "append_to_answer",
    "append_to_chunk",
    "boundary_findings",
    "chunk_text",
    "findings_by_slot",
    "generalised_counts",
    "join_slots",
    "param_of",
    "restore_response",
    "screen_response",
]

_SEPARATOR = "\n\n"
#: Characters on each side of a boundary between two slots that are scanned together,
#: so that a value split across two parts or messages is still found.
BOUNDARY_WINDOW = 40


def join_slots(slots: Sequence[Slot]) -> tuple[str, list[int]]:
    """All slot texts joined (for one judgment) and where each slot starts."""
    starts: list[int] = []
    pos = 0
    pieces: list[str] = []
    for s in slots:
        starts.append(pos)
        pieces.append(s.text)
        pos += len(s.text) + len(_SEPARATOR)
    return _SEPARATOR.join(pieces), starts


def findings_by_slot(
    findings: Sequence[Finding], slots: Sequence[Slot], starts: Sequence[int]
) -> list[list[Finding]]:
    """Findings of the joined text, re-based into each slot. A finding that spans a
    boundary (a value split across two parts or messages) gives a fragment to every slot
    it touches, each masked in its own place."""
    out: list[list[Finding]] = [[] for _ in slots]
    ends = [start + len(slot.text) for slot, start in zip(slots, starts, strict=True)]
    for f in findings:
        i = bisect_right(starts, f.start) - 1
        i = max(i, 0)
        while i < len(slots) and starts[i] < f.end:
            s, e = max(f.start, starts[i]) - starts[i], min(f.end, ends[i]) - starts[i]
            if s < e:
                text = slots[i].text
                out[i].append(
                    Finding(f.type, s, e, text[s:e], f.score, f.personal, f.category, f.detail)
                )
            i += 1
    return out


def boundary_findings(
    scan: Callable[[str], Sequence[Finding]], slots: Sequence[Slot], starts: Sequence[int]
) -> list[Finding]:
    """Findings that only exist across a boundary between two neighbouring slots, mapped
    back into joined-text offsets (spanning the separator).

    One scan of a *seam text*: each slot contributes its first and last
    ``BOUNDARY_WINDOW`` characters (a short slot all of it, once), neighbouring slots
    written directly after one another; where a long slot's middle is left out, a
    separator stands. The seam text is at most the request's size, and a finding that
    runs from one slot into the next shows up whole.
    """
    if len(slots) < 2:
        return []
    w = BOUNDARY_WINDOW
    pieces: list[str] = []
    # (seam offset, joined offset, length) of each copied stretch, in seam order.
    stretches: list[tuple[int, int, int]] = []
    #: Seam offsets where one slot ends and the next begins directly.
    seams: list[int] = []
    pos = 0
    for i, slot in enumerate(slots):
        t = slot.text
        parts = [(0, t)] if len(t) <= 2 * w else [(0, t[:w]), (len(t) - w, t[-w:])]
        for k, (off, piece) in enumerate(parts):
            if k:
                pieces.append(_SEPARATOR)
                pos += len(_SEPARATOR)
            stretches.append((pos, starts[i] + off, len(piece)))
            pieces.append(piece)
            pos += len(piece)
        if i < len(slots) - 1:
            seams.append(pos)
    seam_text = "".join(pieces)
    offsets = [st[0] for st in stretches]

    def joined_at(x: int, *, end: bool) -> int:
        k = bisect_right(offsets, x - 1 if end else x) - 1
        seam_at, joined, _ = stretches[max(k, 0)]
        return joined + (x - seam_at)

    out: list[Finding] = []
    for f in scan(seam_text):
        k = bisect_right(seams, f.start)
        if k >= len(seams) or not (f.start < seams[k] < f.end):
            continue  # inside one slot: the joined scan has it already
        start, end = joined_at(f.start, end=False), joined_at(f.end, end=True)
        out.append(Finding(f.type, start, end, f.text, f.score, f.personal, f.category, f.detail))
    return out


def mask_slots(
    masker: Masker,
    slots: Sequence[Slot],
    per_slot: Sequence[Sequence[Finding]],
    generalise: Sequence[Sequence[Finding]] | None = None,
    generalised: list[Generalisation] | None = None,
) -> list[str]:
    """Each slot masked in its own place; ``generalise`` (per slot, as ``per_slot``): the
    quasi-identifiers the judgment generalised (87歳 → 80代), generalised the same way.
    What was generalised is appended to ``generalised`` when given."""
    out: list[str] = []
    for i, (s, fs) in enumerate(zip(slots, per_slot, strict=True)):
        m = masker.mask(s.text, fs, generalise[i] if generalise is not None else ())
        if generalised is not None:
            generalised.extend(m.generalised)
        out.append(m.text)
    return out


def generalised_counts(generalised: Sequence[Generalisation]) -> str:
    """``age=1,role=1``: how many descriptions of each kind were generalised (never values)."""
    counts: dict[str, int] = {}
    for g in generalised:
        counts[g.kind] = counts.get(g.kind, 0) + 1
    return ",".join(f"{k}={v}" for k, v in sorted(counts.items()))


#: Text fields of an answer's message or streamed delta that a person reads: each is
#: restored and exit-screened (``reasoning_content``/``reasoning``: what vLLM, DeepSeek-
#: style and other OpenAI-compatible servers return beside ``content``).
TEXT_FIELDS = ("content", "refusal", "reasoning_content", "reasoning")


def _message_texts(msg: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """(container, key) of every readable string of an answer message: the text fields,
    text parts of a list content, and the audio transcript."""
    out: list[tuple[dict[str, Any], str]] = []
    for name in TEXT_FIELDS:
        value = msg.get(name)
        if isinstance(value, str):
            out.append((msg, name))
        elif name == "content" and isinstance(value, list):
            out.extend(
                (part, "text")
                for part in value
                if isinstance(part, dict) and isinstance(part.get("text"), str)
            )
    audio = msg.get("audio")
    if isinstance(audio, dict) and isinstance(audio.get("transcript"), str):
        out.append((audio, "transcript"))
    return out


def restore_response(obj: Any, mapping: Mapping[str, str]) -> Any:
    """Restore placeholders in a (non-streamed) completion or chat completion: every
    readable text field and the tool calls' arguments."""
    if not mapping or not isinstance(obj, dict):
        return obj
    for choice in obj.get("choices") or []:
        if not isinstance(choice, dict):
            continue
        if isinstance(choice.get("text"), str):
            choice["text"] = restore(choice["text"], mapping)
        msg = choice.get("message")
        if isinstance(msg, dict):
            for holder, key in _message_texts(msg):
                holder[key] = restore(holder[key], mapping)
            for call in msg.get("tool_calls") or []:
                fn = call.get("function") if isinstance(call, dict) else None
                if isinstance(fn, dict) and isinstance(fn.get("arguments"), str):
                    fn["arguments"] = restore(fn["arguments"], mapping)
    return obj


#: A streamed text: (choice index, field) — field is one of TEXT_FIELDS, or "text" for a
#: completion choice.
StreamKey = tuple[int, str]


@dataclass
class StreamRestoreState:
    """Per-stream restorers: one per choice's text field and one per tool call's arguments."""

    mapping: Mapping[str, str]
    _texts: dict[StreamKey, StreamRestorer] = field(default_factory=dict)
    _args: dict[tuple[int, int], StreamRestorer] = field(default_factory=dict)

    def _r(self, table: dict[Any, StreamRestorer], key: Any) -> StreamRestorer:
        r = table.get(key)
        if r is None:
            r = table[key] = StreamRestorer(self.mapping)
        return r

    def chunk(self, obj: Any) -> Any:
        """Restore one parsed ``chat.completion.chunk`` (or completion chunk) in place."""
        if not self.mapping or not isinstance(obj, dict):
            return obj
        for choice in obj.get("choices") or []:
            if not isinstance(choice, dict):
                continue
            idx = choice.get("index", 0)
            delta = choice.get("delta")
            done = choice.get("finish_reason") is not None
            if isinstance(delta, dict):
                for name in TEXT_FIELDS:
                    if isinstance(delta.get(name), str):
                        delta[name] = self._r(self._texts, (idx, name)).feed(delta[name])
                for call in delta.get("tool_calls") or []:
                    fn = call.get("function") if isinstance(call, dict) else None
                    if isinstance(fn, dict) and isinstance(fn.get("arguments"), str):
                        key = (idx, call.get("index", 0))
                        fn["arguments"] = self._r(self._args, key).feed(fn["arguments"])
                if done:
                    for (_, name), tail in self._flush_choice(idx).items():
                        delta[name] = (delta.get(name) or "") + tail
                    calls = [
                        {"index": k, "function": {"arguments": r.flush()}}
                        for (i, k), r in list(self._args.items())
                        if i == idx and r.pending
                    ]
                    for i, k in [key for key in self._args if key[0] == idx]:
                        del self._args[(i, k)]
                    if calls:
                        delta["tool_calls"] = [*(delta.get("tool_calls") or []), *calls]
            elif isinstance(choice.get("text"), str):
                choice["text"] = self._r(self._texts, (idx, "text")).feed(choice["text"])
                if done:
                    choice["text"] += "".join(self._flush_choice(idx).values())
        return obj

    def _flush_choice(self, idx: int) -> dict[StreamKey, str]:
        out: dict[StreamKey, str] = {}
        for key in [k for k in self._texts if k[0] == idx]:
            tail = self._texts.pop(key).flush()
            if tail:
                out[key] = tail
        return out

    def pending(self) -> dict[StreamKey, str]:
        """What is still held back per choice and field when a stream ends without a
        finish reason."""
        out = {k: r.flush() for k, r in self._texts.items()}
        self._texts.clear()
        return {k: t for k, t in out.items() if t}


def _appendable(choice: dict[str, Any]) -> bool:
    # Tool calls are arguments for a program, not text for a person: never touched.
    return choice.get("finish_reason") not in (None, "tool_calls", "function_call")


def append_to_answer(obj: Any, suffix: str) -> Any:
    """Add ``suffix`` to the end of each choice's text in a (non-streamed) answer."""
    if not isinstance(obj, dict):
        return obj
    for choice in obj.get("choices") or []:
        if not isinstance(choice, dict) or not _appendable(choice):
            continue
        msg = choice.get("message")
        if isinstance(msg, dict) and isinstance(msg.get("content"), str):
            msg["content"] += suffix
        elif isinstance(choice.get("text"), str):
            choice["text"] += suffix
    return obj


def append_to_chunk(obj: Any, suffix: str) -> Any:
    """Add ``suffix`` to a streamed chunk where a choice finishes (its last text)."""
    if not isinstance(obj, dict):
        return obj
    for choice in obj.get("choices") or []:
        if not isinstance(choice, dict) or not _appendable(choice):
            continue
        delta = choice.get("delta")
        if isinstance(delta, dict):
            if delta.get("tool_calls"):
                continue
            delta["content"] = (delta.get("content") or "") + suffix
        elif isinstance(choice.get("text"), str):
            choice["text"] += suffix
    return obj


def _call_args(calls: Any) -> list[str]:
    out = []
    for call in calls or []:
        fn = call.get("function") if isinstance(call, dict) else None
        if isinstance(fn, dict) and isinstance(fn.get("arguments"), str):
            out.append(fn["arguments"])
    return out


def answer_text(obj: Any) -> str:
    """The text of a (non-streamed) answer as the client got it: every choice's content,
    completion text and tool-call arguments."""
    parts: list[str] = []
    for choice in (obj.get("choices") if isinstance(obj, dict) else None) or []:
        if not isinstance(choice, dict):
            continue
        msg = choice.get("message")
        if isinstance(msg, dict):
            if isinstance(msg.get("content"), str):
                parts.append(msg["content"])
            parts.extend(_call_args(msg.get("tool_calls")))
        elif isinstance(choice.get("text"), str):
            parts.append(choice["text"])
    return "\n".join(parts)


def chunk_text(obj: Any) -> str:
    """The text a streamed chunk carries (content, completion text, tool-call arguments)."""
    parts: list[str] = []
    for choice in (obj.get("choices") if isinstance(obj, dict) else None) or []:
        if not isinstance(choice, dict):
            continue
        delta = choice.get("delta")
        if isinstance(delta, dict):
            if isinstance(delta.get("content"), str):
                parts.append(delta["content"])
            parts.extend(_call_args(delta.get("tool_calls")))
        elif isinstance(choice.get("text"), str):
            parts.append(choice["text"])
    return "".join(parts)


def screen_response(obj: Any, screen: OutputScreen) -> list[OutputFinding]:
    """Exit screening of a (non-streamed) answer, in place: every readable text of each
    choice (tool-call arguments are data for a program and are left alone)."""
    found: list[OutputFinding] = []
    if not isinstance(obj, dict) or not screen.active:
        return found
    for choice in obj.get("choices") or []:
        if not isinstance(choice, dict):
            continue
        msg = choice.get("message")
        if isinstance(msg, dict):
            for holder, key in _message_texts(msg):
                holder[key], f = screen.screen(holder[key])
                found += f
        elif isinstance(choice.get("text"), str):
            choice["text"], f = screen.screen(choice["text"])
            found += f
    return found


@dataclass
class ExitState:
    """Exit screening of a stream: one :class:`OutputStream` per choice and text field, a
    sentence at a time."""

    screen: OutputScreen
    _streams: dict[StreamKey, OutputStream] = field(default_factory=dict)
    findings: list[OutputFinding] = field(default_factory=list)

    def _s(self, key: StreamKey) -> OutputStream:
        s = self._streams.get(key)
        if s is None:
            s = self._streams[key] = OutputStream(self.screen)
        return s

    def _close(self, key: StreamKey) -> str:
        s = self._streams.pop(key, None)
        if s is None:
            return ""
        tail = s.flush()
        self.findings += s.findings
        return tail

    def chunk(self, obj: Any) -> Any:
        """Screen one parsed chunk in place: text comes out at sentence ends."""
        if not self.screen.active or not isinstance(obj, dict):
            return obj
        for choice in obj.get("choices") or []:
            if not isinstance(choice, dict):
                continue
            idx = choice.get("index", 0)
            done = choice.get("finish_reason") is not None
            delta = choice.get("delta")
            if isinstance(delta, dict):
                for name in TEXT_FIELDS:
                    if isinstance(delta.get(name), str):
                        delta[name] = self._s((idx, name)).feed(delta[name])
                if done:
                    for key in [k for k in self._streams if k[0] == idx]:
                        tail = self._close(key)
                        if tail:
                            delta[key[1]] = (delta.get(key[1]) or "") + tail
            elif isinstance(choice.get("text"), str):
                choice["text"] = self._s((idx, "text")).feed(choice["text"])
                if done:
                    choice["text"] += self._close((idx, "text"))
        return obj

    def feed(self, key: StreamKey, text: str) -> str:
        return self._s(key).feed(text)

    def pending(self) -> dict[StreamKey, str]:
        """What is still held back per choice and field when a stream ends without a
        finish reason."""
        out = {k: self._close(k) for k in list(self._streams)}
        return {k: t for k, t in out.items() if t}
