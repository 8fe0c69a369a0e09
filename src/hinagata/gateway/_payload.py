"""Where the text is in an OpenAI request and response: collect it, replace it, restore it.

Every piece of text a client sends — system, user and assistant messages, content parts,
tool results, tool-call arguments in the history, completion prompts, embedding inputs —
is a *slot*. The judgment runs on all slots together (a name in one message and an
address in another still identify a person); masking replaces inside each slot with one
per-request placeholder table; restoring works on whole responses and on streamed deltas.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hinagata.detect import Finding
from hinagata.guard import OutputFinding, OutputScreen, OutputStream
from hinagata.mask import Masker, StreamRestorer, restore

__all__ = [
    "BadRequest",
    "ExitState",
    "Slot",
    "StreamRestoreState",
    "answer_text",
    "append_to_answer",
    "append_to_chunk",
    "apply_texts",
    "chunk_text",
    "collect",
    "findings_by_slot",
    "join_slots",
    "restore_response",
    "screen_response",
]

_SEPARATOR = "\n\n"
_READABLE_PART_TYPES = {"text", "input_text"}
#: Part types recorded by name in the audit log; anything else is recorded as "other"
#: (a client-chosen string could carry anything).
_KNOWN_PART_TYPES = {
    "image_url",
    "input_image",
    "input_audio",
    "audio",
    "file",
    "input_file",
    "video_url",
}


class BadRequest(ValueError):
    """A request the gateway cannot judge; ``param`` names the offending field."""

    def __init__(
        self, message: str, param: str | None = None, code: str = "invalid_request"
    ) -> None:
        super().__init__(message)
        self.param = param
        self.code = code


@dataclass(frozen=True)
class Slot:
    path: tuple[str | int, ...]
    text: str


def param_of(path: Iterable[str | int]) -> str:
    """The OpenAI-style parameter name of a path: ``messages[3].content``."""
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else p)
    return out


def collect(
    endpoint: str,
    body: Any,
    *,
    max_messages: int,
    max_parts: int,
) -> tuple[list[Slot], list[str]]:
    """The text slots of a request body, and the types of the content parts the engine
    cannot read (images, files, audio: the policy decides about them). Raises
    :class:`BadRequest` on a malformed body."""
    if not isinstance(body, dict):
        raise BadRequest(
            "リクエストの本文はJSONオブジェクトでなければなりません / the body must be a JSON object"
        )
    if endpoint == "chat":
        return _collect_chat(body, max_messages, max_parts)
    key = "prompt" if endpoint == "completions" else "input"
    value = body.get(key)
    if isinstance(value, str):
        return [Slot((key,), value)], []
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        if len(value) > max_parts:
            raise BadRequest(
                f"{key} が多すぎます（上限 {max_parts}） / too many inputs", key, "too_many_parts"
            )
        return [Slot((key, i), v) for i, v in enumerate(value)], []
    if isinstance(value, list):
        raise BadRequest(
            "トークン列の入力は内容を確認できないため受け付けません。文字列で送ってください / token arrays cannot be checked; send strings",
            key,
            "unreadable_content",
        )
    raise BadRequest(
        f"{key} は文字列か文字列の配列で指定してください / {key} must be a string or a list of strings",
        key,
    )


def _collect_chat(
    body: dict[str, Any], max_messages: int, max_parts: int
) -> tuple[list[Slot], list[str]]:
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise BadRequest(
            "messages は1件以上の配列で指定してください / messages must be a non-empty list",
            "messages",
        )
    if len(messages) > max_messages:
        raise BadRequest(
            f"messages が多すぎます（上限 {max_messages}） / too many messages",
            "messages",
            "too_many_messages",
        )
    slots: list[Slot] = []
    unreadable: list[str] = []
    parts = 0
    for i, m in enumerate(messages):
        base: tuple[str | int, ...] = ("messages", i)
        if not isinstance(m, dict) or not isinstance(m.get("role"), str):
            raise BadRequest(
                "各メッセージには role が必要です / each message needs a role", param_of(base)
            )
        content = m.get("content")
        if isinstance(content, str):
            slots.append(Slot((*base, "content"), content))
        elif isinstance(content, list):
            for j, part in enumerate(content):
                parts += 1
                ppath = (*base, "content", j)
                if not isinstance(part, dict) or not isinstance(part.get("type"), str):
                    raise BadRequest(
                        "content の各要素には type が必要です / each content part needs a type",
                        param_of(ppath),
                    )
                ptype = part["type"]
                if ptype in _READABLE_PART_TYPES:
                    if not isinstance(part.get("text"), str):
                        raise BadRequest(
                            "text は文字列で指定してください / text must be a string",
                            param_of((*ppath, "text")),
                        )
                    slots.append(Slot((*ppath, "text"), part["text"]))
                else:
                    unreadable.append(ptype if ptype in _KNOWN_PART_TYPES else "other")
        elif content is not None:
            raise BadRequest(
                "content は文字列か配列で指定してください / content must be a string or a list",
                param_of((*base, "content")),
            )
        tool_calls = m.get("tool_calls")
        if tool_calls is not None:
            if not isinstance(tool_calls, list):
                raise BadRequest(
                    "tool_calls は配列で指定してください / tool_calls must be a list",
                    param_of((*base, "tool_calls")),
                )
            for k, call in enumerate(tool_calls):
                fn = call.get("function") if isinstance(call, dict) else None
                args = fn.get("arguments") if isinstance(fn, dict) else None
                if isinstance(args, str):
                    slots.append(Slot((*base, "tool_calls", k, "function", "arguments"), args))
        if parts > max_parts:
            raise BadRequest(
                f"content の要素が多すぎます（上限 {max_parts}） / too many content parts",
                "messages",
                "too_many_parts",
            )
    return slots, unreadable


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
    """Findings of the joined text, re-based into each slot (a finding never spans two)."""
    out: list[list[Finding]] = [[] for _ in slots]
    for f in findings:
        for i, (slot, start) in enumerate(zip(slots, starts, strict=True)):
            end = start + len(slot.text)
            if start <= f.start < end:
                s, e = f.start - start, min(f.end, end) - start
                out[i].append(
                    Finding(f.type, s, e, slot.text[s:e], f.score, f.personal, f.category, f.detail)
                )
                break
    return out


def mask_slots(
    masker: Masker, slots: Sequence[Slot], per_slot: Sequence[Sequence[Finding]]
) -> list[str]:
    return [masker.mask(s.text, fs).text for s, fs in zip(slots, per_slot, strict=True)]


def apply_texts(
    body: Mapping[str, Any], slots: Sequence[Slot], texts: Sequence[str]
) -> dict[str, Any]:
    """A copy of ``body`` with each slot's text replaced."""
    new = copy.deepcopy(dict(body))
    for slot, text in zip(slots, texts, strict=True):
        target: Any = new
        for p in slot.path[:-1]:
            target = target[p]
        target[slot.path[-1]] = text
    return new


def restore_response(obj: Any, mapping: Mapping[str, str]) -> Any:
    """Restore placeholders in a (non-streamed) completion, chat completion or its tool calls."""
    if not mapping or not isinstance(obj, dict):
        return obj
    for choice in obj.get("choices") or []:
        if not isinstance(choice, dict):
            continue
        if isinstance(choice.get("text"), str):
            choice["text"] = restore(choice["text"], mapping)
        msg = choice.get("message")
        if isinstance(msg, dict):
            if isinstance(msg.get("content"), str):
                msg["content"] = restore(msg["content"], mapping)
            for call in msg.get("tool_calls") or []:
                fn = call.get("function") if isinstance(call, dict) else None
                if isinstance(fn, dict) and isinstance(fn.get("arguments"), str):
                    fn["arguments"] = restore(fn["arguments"], mapping)
    return obj


@dataclass
class StreamRestoreState:
    """Per-stream restorers: one per choice's content and one per tool call's arguments."""

    mapping: Mapping[str, str]
    _content: dict[int, StreamRestorer] = field(default_factory=dict)
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
                if isinstance(delta.get("content"), str):
                    delta["content"] = self._r(self._content, idx).feed(delta["content"])
                for call in delta.get("tool_calls") or []:
                    fn = call.get("function") if isinstance(call, dict) else None
                    if isinstance(fn, dict) and isinstance(fn.get("arguments"), str):
                        key = (idx, call.get("index", 0))
                        fn["arguments"] = self._r(self._args, key).feed(fn["arguments"])
                if done:
                    tail = self._flush_choice(idx)
                    if tail:
                        delta["content"] = (delta.get("content") or "") + tail
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
                choice["text"] = self._r(self._content, idx).feed(choice["text"])
                if done:
                    choice["text"] += self._flush_choice(idx)
        return obj

    def _flush_choice(self, idx: int) -> str:
        r = self._content.pop(idx, None)
        return r.flush() if r else ""

    def pending(self) -> dict[int, str]:
        """What is still held back per choice when a stream ends without a finish reason."""
        out = {i: r.flush() for i, r in self._content.items()}
        self._content.clear()
        return {i: t for i, t in out.items() if t}


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
    """Exit screening of a (non-streamed) answer, in place: each choice's text (tool-call
    arguments are data for a program and are left alone)."""
    found: list[OutputFinding] = []
    if not isinstance(obj, dict) or not screen.active:
        return found
    for choice in obj.get("choices") or []:
        if not isinstance(choice, dict):
            continue
        msg = choice.get("message")
        if isinstance(msg, dict) and isinstance(msg.get("content"), str):
            msg["content"], f = screen.screen(msg["content"])
            found += f
        elif isinstance(choice.get("text"), str):
            choice["text"], f = screen.screen(choice["text"])
            found += f
    return found


@dataclass
class ExitState:
    """Exit screening of a stream: one :class:`OutputStream` per choice, a sentence at a time."""

    screen: OutputScreen
    _streams: dict[int, OutputStream] = field(default_factory=dict)
    findings: list[OutputFinding] = field(default_factory=list)

    def _s(self, idx: int) -> OutputStream:
        s = self._streams.get(idx)
        if s is None:
            s = self._streams[idx] = OutputStream(self.screen)
        return s

    def _close(self, idx: int) -> str:
        s = self._streams.pop(idx, None)
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
                if isinstance(delta.get("content"), str):
                    delta["content"] = self._s(idx).feed(delta["content"])
                if done:
                    tail = self._close(idx)
                    if tail:
                        delta["content"] = (delta.get("content") or "") + tail
            elif isinstance(choice.get("text"), str):
                choice["text"] = self._s(idx).feed(choice["text"])
                if done:
                    choice["text"] += self._close(idx)
        return obj

    def feed(self, idx: int, text: str) -> str:
        return self._s(idx).feed(text)

    def pending(self) -> dict[int, str]:
        """What is still held back per choice when a stream ends without a finish reason."""
        out = {i: self._close(i) for i in list(self._streams)}
        return {i: t for i, t in out.items() if t}
