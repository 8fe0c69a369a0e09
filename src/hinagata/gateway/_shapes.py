"""The answers of the Responses API and of Anthropic Messages: where their text is, as a
whole body and as a stream of events (:class:`Shape`, one per protocol).

Whole answers are restored everywhere (every string: the answer echoes the request's
instructions and tools as they were sent) and screened at the exit where a person reads
them (output text, refusals, reasoning summaries, thinking); tool-call arguments are
restored, never altered. Streams go through a :class:`hinagata.gateway._events.Translator`:
each text channel's deltas restored and screened, its held-back tail sent as one more delta
just before the event that closes it, and every closing event and final object made to
say exactly what the deltas said.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hinagata.gateway._events import Channels, Key, Translator, deep_restore
from hinagata.mask import restore

__all__ = ["MESSAGES_SHAPE", "RESPONSES_SHAPE", "Shape"]

Holder = tuple[dict[str, Any], str]


@dataclass(frozen=True)
class Shape:
    """One protocol's answer: its readable texts and tool arguments (whole body), and the
    translator of its stream."""

    texts: Callable[[Any], list[Holder]]
    args: Callable[[Any], list[str]]
    translator: Callable[[Channels, str], Translator]

    def answer_text(self, body: Any) -> str:
        return "\n".join([h[k] for h, k in self.texts(body)] + self.args(body))

    def append(self, body: Any, suffix: str) -> None:
        """The disclosure after every text part (a person's text, not reasoning)."""
        for holder, key in self.texts(body):
            if key == "text" and holder.get("type") in ("output_text", "text"):
                holder[key] += suffix


# ---------------------------------------------------------------------- Responses


def _response_texts(body: Any) -> list[Holder]:
    out: list[Holder] = []
    items = body.get("output") if isinstance(body, dict) else None
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        kind = item.get("type")
        if kind == "message":
            for part in item.get("content") or []:
                if isinstance(part, dict):
                    for key in ("text", "refusal"):
                        if isinstance(part.get(key), str):
                            out.append((part, key))
        elif kind == "reasoning":
            for name in ("summary", "content"):
                for part in item.get(name) or []:
                    if isinstance(part, dict) and isinstance(part.get("text"), str):
                        out.append((part, "text"))
    return out


def _response_args(body: Any) -> list[str]:
    items = body.get("output") if isinstance(body, dict) else None
    out = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            for key in ("arguments", "input"):
                if item.get("type") in ("function_call", "custom_tool_call") and isinstance(
                    item.get(key), str
                ):
                    out.append(item[key])
    return out


#: Delta/done events of the Responses stream: (channel kind, the delta's index field,
#: the done event's field, whether a person reads it).
_RESPONSE_CHANNELS: dict[str, tuple[str, str | None, str, bool]] = {
    "response.output_text": ("text", "content_index", "text", True),
    "response.refusal": ("refusal", "content_index", "refusal", True),
    "response.reasoning_summary_text": ("summary", "summary_index", "text", True),
    "response.reasoning_text": ("reasoning", "content_index", "text", True),
    "response.function_call_arguments": ("args", None, "arguments", False),
    "response.custom_tool_call_input": ("input", None, "input", False),
}
_RESPONSE_OBJECTS = frozenset(
    {
        "response.created",
        "response.in_progress",
        "response.queued",
        "response.completed",
        "response.incomplete",
        "response.failed",
    }
)


@dataclass
class ResponsesStream:
    """The Responses API's events (``response.output_text.delta`` …)."""

    channels: Channels
    suffix: str
    usage: Any = None
    #: The upstream's id of this response (from ``response.created``).
    response_id: str | None = None
    _seq: int = 0
    #: What each closed channel sent in all (disclosure included).
    _final: dict[Key, str] = field(default_factory=dict)
    #: The event that opened each channel (its ids, for a tail delta).
    _opened: dict[Key, dict[str, Any]] = field(default_factory=dict)

    def _numbered(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for e in events:
            if "sequence_number" in e or self._seq:
                e["sequence_number"] = self._seq
                self._seq += 1
        return events

    def on(self, event: dict[str, Any]) -> list[dict[str, Any]]:
        kind = event.get("type")
        if not isinstance(kind, str):
            return self._numbered([deep_restore(event, self.channels.mapping)])
        base, _, step = kind.rpartition(".")
        spec = _RESPONSE_CHANNELS.get(base)
        if spec is not None and step in ("delta", "done"):
            return self._numbered(self._channel(event, base, step, spec))
        out: list[dict[str, Any]] = []
        if kind == "response.output_item.done":
            out += self._close_where(event.get("output_index"))
            event["item"] = self._fix_item(event.get("output_index"), event.get("item"))
        elif kind == "response.content_part.done":
            part = event.get("part")
            key = ("text", event.get("output_index"), event.get("content_index"))
            if isinstance(part, dict):
                part = deep_restore(part, self.channels.mapping)
                for field_ in ("text", "refusal"):
                    final = self._final.get((field_, *key[1:]))
                    if final is not None and isinstance(part.get(field_), str):
                        part[field_] = final
                event["part"] = part
        elif kind in _RESPONSE_OBJECTS:
            if kind in ("response.completed", "response.incomplete", "response.failed"):
                out += self._close_where(None)
            resp = event.get("response")
            if isinstance(resp, dict):
                resp = deep_restore(resp, self.channels.mapping)
                for i, item in enumerate(resp.get("output") or []):
                    resp["output"][i] = self._fix_item(i, item)
                if resp.get("usage"):
                    self.usage = resp["usage"]
                if isinstance(resp.get("id"), str):
                    self.response_id = resp["id"]
                event["response"] = resp
        if kind not in _RESPONSE_OBJECTS and kind not in (
            "response.output_item.done",
            "response.content_part.done",
        ):
            event = deep_restore(event, self.channels.mapping)
        return self._numbered([*out, event])

    def _channel(
        self,
        event: dict[str, Any],
        base: str,
        step: str,
        spec: tuple[str, str | None, str, bool],
    ) -> list[dict[str, Any]]:
        name, index_field, done_field, readable = spec
        key = (name, event.get("output_index"), event.get(index_field) if index_field else None)
        if step == "delta":
            self._opened.setdefault(key, event)
            piece = event.get("delta")
            if isinstance(piece, str):
                event["delta"] = self.channels.feed(key, piece, readable=readable)
            if isinstance(event.get("logprobs"), list):
                event["logprobs"] = self.channels.logprobs(key, event["logprobs"])
            return [event] if event.get("delta") != "" or event.get("logprobs") else []
        out = self._tail(key, readable)
        if key in self._final:
            event[done_field] = self._final[key]
        elif isinstance(event.get(done_field), str):
            event[done_field] = restore(event[done_field], self.channels.mapping)
        if isinstance(event.get("logprobs"), list):
            event["logprobs"] = self.channels.all_logprobs(key)
        return [*out, event]

    def _tail(self, key: Key, readable: bool) -> list[dict[str, Any]]:
        """Close a channel: its held-back tail (and the disclosure after a text part) as
        one more delta."""
        if self.channels.sent(key) is not None:
            return []
        tail = self.channels.close(key, readable=readable)
        sent = self.channels.sent(key) or ""
        if key[0] == "text" and self.suffix:
            tail += self.suffix
            sent += self.suffix
        self._final[key] = sent
        opened = self._opened.get(key)
        logprobs = self.channels.closing_logprobs(key)
        if (not tail and not logprobs) or opened is None:
            return []
        delta = {k: v for k, v in opened.items() if k not in ("delta", "logprobs")}
        delta["delta"] = tail
        if "logprobs" in opened:
            delta["logprobs"] = logprobs
        return [delta]

    def _close_where(self, output_index: Any) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for key in list(self._opened):
            if output_index is None or key[1] == output_index:
                spec = next(s for s in _RESPONSE_CHANNELS.values() if s[0] == key[0])
                out += self._tail(key, spec[3])
        return out

    def _fix_item(self, output_index: Any, item: Any) -> Any:
        """An output item as its deltas said it (restored; texts as sent)."""
        item = deep_restore(item, self.channels.mapping)
        if not isinstance(item, dict):
            return item
        kind = item.get("type")
        if kind == "message":
            for ci, part in enumerate(item.get("content") or []):
                if isinstance(part, dict):
                    for name in ("text", "refusal"):
                        final = self._final.get((name, output_index, ci))
                        if final is not None and isinstance(part.get(name), str):
                            part[name] = final
        elif kind == "reasoning":
            for name, channel in (("summary", "summary"), ("content", "reasoning")):
                for si, part in enumerate(item.get(name) or []):
                    final = self._final.get((channel, output_index, si))
                    if final is not None and isinstance(part, dict):
                        part["text"] = final
        elif kind in ("function_call", "custom_tool_call"):
            name = "arguments" if kind == "function_call" else "input"
            final = self._final.get(
                ("args" if name == "arguments" else "input", output_index, None)
            )
            if final is not None:
                item[name] = final
        return item

    def end(self) -> list[dict[str, Any]]:
        return self._numbered(self._close_where(None))

    def error(self, message: str, code: str) -> dict[str, Any]:
        return self._numbered([{"type": "error", "code": code, "message": message, "param": None}])[
            0
        ]


RESPONSES_SHAPE = Shape(_response_texts, _response_args, ResponsesStream)


# ---------------------------------------------------------------------- Anthropic Messages


def _message_texts(body: Any) -> list[Holder]:
    out: list[Holder] = []
    blocks = body.get("content") if isinstance(body, dict) else None
    for block in blocks if isinstance(blocks, list) else []:
        if isinstance(block, dict):
            for key in ("text", "thinking"):
                if block.get("type") == key and isinstance(block.get(key), str):
                    out.append((block, key))
    return out


def _message_args(body: Any) -> list[str]:
    blocks = body.get("content") if isinstance(body, dict) else None
    return [
        json.dumps(b.get("input"), ensure_ascii=False)
        for b in (blocks if isinstance(blocks, list) else [])
        if isinstance(b, dict) and b.get("type") == "tool_use"
    ]


#: content_block_delta types: (channel, the delta's text field, whether a person reads it).
_MESSAGE_DELTAS = {
    "text_delta": ("text", "text", True),
    "thinking_delta": ("thinking", "thinking", True),
    "input_json_delta": ("json", "partial_json", False),
}


@dataclass
class MessagesStream:
    """Anthropic Messages' events (``content_block_delta`` …)."""

    channels: Channels
    suffix: str
    usage: Any = None
    _kinds: dict[Key, str] = field(default_factory=dict)

    def on(self, event: dict[str, Any]) -> list[dict[str, Any]]:
        kind = event.get("type")
        if kind == "content_block_delta":
            delta = event.get("delta")
            dtype = delta.get("type") if isinstance(delta, dict) else None
            spec = _MESSAGE_DELTAS.get(dtype) if isinstance(dtype, str) else None
            if spec is not None and isinstance(delta, dict):
                name, text_field, readable = spec
                key = (name, event.get("index"))
                self._kinds[key] = delta["type"]
                piece = delta.get(text_field)
                if isinstance(piece, str):
                    delta[text_field] = self.channels.feed(key, piece, readable=readable)
                    if delta[text_field] == "":
                        return []
                return [event]
            return [deep_restore(event, self.channels.mapping)]
        out: list[dict[str, Any]] = []
        if kind == "content_block_stop":
            out = self._close(event.get("index"))
        elif kind == "message_stop":
            out = self._close(None)
        elif kind == "message_start":
            message = event.get("message")
            if isinstance(message, dict) and isinstance(message.get("usage"), dict):
                self.usage = dict(message["usage"])
        elif kind == "message_delta":
            usage = event.get("usage")
            if isinstance(usage, dict):
                self.usage = {**(self.usage or {}), **usage}
        return [*out, deep_restore(event, self.channels.mapping)]

    def _close(self, index: Any) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for key in self.channels.open_keys():
            name, i = key
            if index is not None and i != index:
                continue
            spec = _MESSAGE_DELTAS[self._kinds[key]]
            tail = self.channels.close(key, readable=spec[2])
            if name == "text":
                tail += self.suffix
            if tail:
                out.append(
                    {
                        "type": "content_block_delta",
                        "index": i,
                        "delta": {"type": self._kinds[key], spec[1]: tail},
                    }
                )
        return out

    def end(self) -> list[dict[str, Any]]:
        return self._close(None)

    def error(self, message: str, code: str) -> dict[str, Any]:
        return {"type": "error", "error": {"type": "api_error", "message": message, "code": code}}


MESSAGES_SHAPE = Shape(_message_texts, _message_args, MessagesStream)
