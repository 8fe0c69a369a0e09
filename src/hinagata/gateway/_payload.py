"""Where the text is in an OpenAI request and response: collect it, replace it, restore it.

Every piece of text a client sends — system, user and assistant messages, content parts,
tool results, tool-call arguments in the history, completion prompts, embedding inputs —
is a *slot*. The judgment runs on all slots together (a name in one message and an
address in another still identify a person); masking replaces inside each slot with one
per-request placeholder table; restoring works on whole responses and on streamed deltas.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hinagata.detect import Finding
from hinagata.gateway._arguments import AnswerCalls, ArgumentsRestorer, restore_arguments
from hinagata.gateway._logprobs import (
    LogprobStream,
    restore_completion_logprobs,
    restore_entries,
)
from hinagata.gateway._schema import BadRequest, Slot, param_of
from hinagata.guard import OutputFinding, OutputScreen, OutputStream
from hinagata.judge import join, mask_parts, split
from hinagata.mask import Generalisation, Masker, StreamRestorer, restore

__all__ = [
    "BadRequest",
    "ExitState",
    "Slot",
    "StreamRestoreState",
    "answer_text",
    "append_to_answer",
    "append_to_chunk",
    "chunk_text",
    "findings_by_slot",
    "generalised_counts",
    "join_slots",
    "mask_slots",
    "param_of",
    "restore_response",
    "screen_response",
    "screen_texts",
]


def join_slots(slots: Sequence[Slot]) -> tuple[str, list[int]]:
    """All slot texts joined (for one judgment) and where each slot starts
    (:func:`hinagata.judge.join`)."""
    return join([s.text for s in slots])


def findings_by_slot(
    findings: Sequence[Finding], slots: Sequence[Slot], starts: Sequence[int]
) -> list[list[Finding]]:
    """Findings of the joined text, re-based into each slot (:func:`hinagata.judge.split`:
    a finding that spans a boundary gives a fragment to every slot it touches)."""
    return split(findings, [s.text for s in slots], starts)


def mask_slots(
    masker: Masker,
    slots: Sequence[Slot],
    per_slot: Sequence[Sequence[Finding]],
    generalise: Sequence[Sequence[Finding]] | None = None,
    generalised: list[Generalisation] | None = None,
) -> list[str]:
    """Each slot masked in its own place (:func:`hinagata.judge.mask_parts`)."""
    return mask_parts(masker, [s.text for s in slots], per_slot, generalise, generalised)


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


def restore_response(
    obj: Any,
    mapping: Mapping[str, str],
    screen: OutputScreen | None = None,
    found: list[OutputFinding] | None = None,
) -> Any:
    """Restore placeholders in a (non-streamed) completion or chat completion: every
    readable text field and the tool calls' arguments (kept masked where restoring would
    put a value into a URL to a host not allowed: :mod:`._arguments`, a choice's calls
    judged together; what that kept is added to ``found``)."""
    if not mapping or not isinstance(obj, dict):
        return obj
    for choice in obj.get("choices") or []:
        if not isinstance(choice, dict):
            continue
        if isinstance(choice.get("text"), str):
            choice["text"] = restore(choice["text"], mapping)
        _restore_logprobs(choice, mapping)
        msg = choice.get("message")
        if isinstance(msg, dict):
            for holder, key in _message_texts(msg):
                holder[key] = restore(holder[key], mapping)
            calls = AnswerCalls.of(_call_args(msg.get("tool_calls")), screen)
            for call in msg.get("tool_calls") or []:
                fn = call.get("function") if isinstance(call, dict) else None
                if isinstance(fn, dict) and isinstance(fn.get("arguments"), str):
                    fn["arguments"], kept = restore_arguments(
                        fn["arguments"], mapping, screen, calls
                    )
                    if found is not None:
                        found += kept
    return obj


def _restore_logprobs(choice: dict[str, Any], mapping: Mapping[str, str]) -> None:
    """A choice's log probabilities restored like its text (:mod:`._logprobs`)."""
    lp = choice.get("logprobs")
    if not isinstance(lp, dict):
        return
    if "tokens" in lp:
        choice["logprobs"] = restore_completion_logprobs(lp, mapping)
        return
    for name in ("content", "refusal"):
        if isinstance(lp.get(name), list):
            lp[name] = restore_entries(lp[name], mapping)


def _altered(found: Sequence[OutputFinding]) -> bool:
    return any(f.action in ("removed", "masked") for f in found)


#: A streamed text: (choice index, field) — field is one of TEXT_FIELDS, or "text" for a
#: completion choice.
StreamKey = tuple[int, str]


@dataclass
class StreamRestoreState:
    """Per-stream restorers: one per choice's text field and one per tool call's arguments."""

    mapping: Mapping[str, str]
    #: The exit screening (for the allowed hosts of tool-call arguments; None: off).
    screen: OutputScreen | None = None
    _texts: dict[StreamKey, StreamRestorer] = field(default_factory=dict)
    _logprobs: dict[StreamKey, LogprobStream] = field(default_factory=dict)
    #: Where the restored tokens of each completion choice have reached (``text_offset``).
    _offsets: dict[int, int] = field(default_factory=dict)
    #: Each tool call's arguments, held to the end of its choice (:mod:`._arguments`).
    _args: dict[tuple[int, int], ArgumentsRestorer] = field(default_factory=dict)
    #: What restoring the arguments kept masked.
    findings: list[OutputFinding] = field(default_factory=list)
    #: Each choice's tool calls so far: once one named a foreign host, the later ones
    #: keep their placeholders (:class:`._arguments.AnswerCalls`).
    _calls: dict[int, AnswerCalls] = field(default_factory=dict)

    def _r(self, table: dict[Any, StreamRestorer], key: Any) -> StreamRestorer:
        r = table.get(key)
        if r is None:
            r = table[key] = StreamRestorer(self.mapping)
        return r

    def _a(self, key: tuple[int, int]) -> ArgumentsRestorer:
        r = self._args.get(key)
        if r is None:
            calls = self._calls.setdefault(key[0], AnswerCalls())
            r = self._args[key] = ArgumentsRestorer(self.mapping, self.screen, calls)
        return r

    def _flush_args(self, key: tuple[int, int]) -> str:
        r = self._args.pop(key)
        out = r.flush()
        self.findings += r.findings
        return out

    def pending_calls(self) -> list[tuple[int, int, str]]:
        """The arguments still held when a stream ends without a finish reason:
        (choice, call index, arguments)."""
        return [(i, k, self._flush_args((i, k))) for i, k in list(self._args)]

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
            self._chunk_logprobs(choice, idx, done)
            if isinstance(delta, dict):
                for name in TEXT_FIELDS:
                    if isinstance(delta.get(name), str):
                        delta[name] = self._r(self._texts, (idx, name)).feed(delta[name])
                for call in delta.get("tool_calls") or []:
                    fn = call.get("function") if isinstance(call, dict) else None
                    if isinstance(fn, dict) and isinstance(fn.get("arguments"), str):
                        key = (idx, call.get("index", 0))
                        fn["arguments"] = self._a(key).feed(fn["arguments"])
                if done:
                    for (_, name), tail in self._flush_choice(idx).items():
                        delta[name] = (delta.get(name) or "") + tail
                    held = [(k, self._flush_args((i, k))) for i, k in list(self._args) if i == idx]
                    calls = [{"index": k, "function": {"arguments": a}} for k, a in held if a]
                    if calls:
                        delta["tool_calls"] = [*(delta.get("tool_calls") or []), *calls]
            elif isinstance(choice.get("text"), str):
                choice["text"] = self._r(self._texts, (idx, "text")).feed(choice["text"])
                if done:
                    choice["text"] += "".join(self._flush_choice(idx).values())
        return obj

    def _chunk_logprobs(self, choice: dict[str, Any], idx: int, done: bool) -> None:
        """A chunk's log probabilities restored, tokens of a possible placeholder held
        until it is complete (or the choice ends)."""
        lp = choice.get("logprobs")
        if not isinstance(lp, dict) and not done:
            return
        lp = lp if isinstance(lp, dict) else {}
        if "tokens" in lp or (not lp and "text" in choice):
            tokens = lp.get("tokens") or []
            probs = lp.get("token_logprobs") or [None] * len(tokens)
            entries = [{"token": t, "logprob": p} for t, p in zip(tokens, probs, strict=False)]
            out = self._lp((idx, "text")).feed(entries)
            if done:
                out += self._logprobs.pop((idx, "text")).flush()
            if not out and not lp:
                return
            pos = self._offsets.get(idx, 0)
            offsets = []
            for e in out:
                offsets.append(pos)
                pos += len(e["token"])
            self._offsets[idx] = pos
            choice["logprobs"] = {
                "tokens": [e["token"] for e in out],
                "token_logprobs": [e["logprob"] for e in out],
                "top_logprobs": [None] * len(out),
                "text_offset": offsets,
            }
            return
        for name in ("content", "refusal"):
            items = lp.get(name)
            if isinstance(items, list) or (done and (idx, name) in self._logprobs):
                out = self._lp((idx, name)).feed(items if isinstance(items, list) else [])
                if done:
                    out += self._logprobs.pop((idx, name)).flush()
                lp[name] = out
        if lp:
            choice["logprobs"] = lp

    def _lp(self, key: StreamKey) -> LogprobStream:
        s = self._logprobs.get(key)
        if s is None:
            s = self._logprobs[key] = LogprobStream(self.mapping)
        return s

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
        mine: list[OutputFinding] = []
        msg = choice.get("message")
        if isinstance(msg, dict):
            each, rest = screen_texts(_message_texts(msg), screen)
            mine += [f for fs in each for f in fs] + rest
        elif isinstance(choice.get("text"), str):
            choice["text"], f = screen.screen(choice["text"])
            mine += f
        if _altered(mine) and choice.get("logprobs") is not None:
            # The tokens would show what the screening removed or masked.
            choice["logprobs"] = None
        found += mine
    return found


def screen_texts(
    texts: list[tuple[dict[str, Any], str]], screen: OutputScreen
) -> tuple[list[list[OutputFinding]], list[OutputFinding]]:
    """An answer's texts screened in place: what was found in each, and what the end of the
    screening still reported (copies of a system message judged over). Several (the parts
    of a list content, a refusal or reasoning beside it, a Responses item's parts, Messages'
    blocks) are read one after the other, as a client shows them: one screening with a
    joint between each two, so an image whose URL one part begins and the next ends is
    still seen."""
    if len(texts) == 1:
        holder, key = texts[0]
        holder[key], found = screen.screen(holder[key])
        return [found], []
    joined = OutputStream(screen)
    out: list[list[OutputFinding]] = []
    for holder, key in texts:
        before = len(joined.findings)
        holder[key] = joined.feed(holder[key]) + joined.joint()
        out.append(joined.findings[before:])
    before = len(joined.findings)
    joined.flush()  # (nothing is held after the last joint)
    return out, joined.findings[before:]


@dataclass
class ExitState:
    """Exit screening of a stream: one :class:`OutputStream` per choice and text field,
    holding back only what could still become a match."""

    screen: OutputScreen
    _streams: dict[StreamKey, OutputStream] = field(default_factory=dict)
    findings: list[OutputFinding] = field(default_factory=list)
    #: Log probabilities held per choice until it ends (the tokens must not show text the
    #: screening still holds back, or has removed or masked).
    _held: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    _altered: set[int] = field(default_factory=set)

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
        if _altered(s.findings):
            self._altered.add(key[0])
        return tail

    def _gate_logprobs(self, choice: dict[str, Any], idx: int, done: bool) -> None:
        """Hold a choice's log probabilities; at its end send them all, unless the
        screening changed its text."""
        lp = choice.pop("logprobs", None)
        if isinstance(lp, dict):
            self._held.setdefault(idx, []).append(lp)
        if not done:
            if lp is not None:
                choice["logprobs"] = None
            return
        held = self._held.pop(idx, [])
        if idx in self._altered or not held:
            choice["logprobs"] = None
            return
        merged: dict[str, Any] = {}
        for part in held:
            for k, v in part.items():
                if isinstance(v, list):
                    merged[k] = [*merged.get(k, []), *v]
                else:
                    merged.setdefault(k, v)
        choice["logprobs"] = merged

    def chunk(self, obj: Any) -> Any:
        """Screen one parsed chunk in place: text comes out at sentence ends."""
        if not self.screen.active or not isinstance(obj, dict):
            return obj
        for choice in obj.get("choices") or []:
            if not isinstance(choice, dict):
                continue
            idx = choice.get("index", 0)
            done = choice.get("finish_reason") is not None
            gate = self.screen.alters and ("logprobs" in choice or idx in self._held)
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
            if gate:
                self._gate_logprobs(choice, idx, done)
        return obj

    def feed(self, key: StreamKey, text: str) -> str:
        return self._s(key).feed(text)

    def pending(self) -> dict[StreamKey, str]:
        """What is still held back per choice and field when a stream ends without a
        finish reason."""
        out = {k: self._close(k) for k in list(self._streams)}
        return {k: t for k, t in out.items() if t}
