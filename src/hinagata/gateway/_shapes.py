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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from hinagata.gateway._events import (
    Channels,
    Key,
    OutputCheckError,
    Translator,
    deep_restore,
    screen_rest,
)
from hinagata.gateway._logprobs import restore_entries
from hinagata.gateway._payload import screen_texts
from hinagata.guard import OutputFinding, OutputScreen
from hinagata.mask import restore

__all__ = ["MESSAGES_SHAPE", "RESPONSES_SHAPE", "Shape", "finish_whole"]

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


def finish_whole(
    shape: Shape, body: Any, mapping: Mapping[str, str], screen: OutputScreen | None
) -> tuple[Any, list[OutputFinding]]:
    """A whole answer restored and screened at the exit: its texts (and their log
    probabilities: restored token by token before the strings; withheld where the
    screening changed the text or the tokens do not spell it; no alternatives while the
    screening may change text), then every other string a person may read, each on its own.
    Raises :class:`~hinagata.gateway._events.OutputCheckError` when the screening fails."""
    for holder, _key in shape.texts(body):
        if isinstance(holder.get("logprobs"), list):
            holder["logprobs"] = restore_entries(holder["logprobs"], mapping)
    kept: list[OutputFinding] = []
    data = deep_restore(body, mapping, screen, kept)
    if screen is None:
        return data, []
    found: list[OutputFinding] = kept
    done: set[tuple[int, str]] = set()
    texts = shape.texts(data)
    originals = [holder[key] for holder, key in texts]
    try:
        each, tail = screen_texts(texts, screen)
        for (holder, key), text, f in zip(texts, originals, each, strict=True):
            found += f
            done.add((id(holder), key))
            lp = holder.get("logprobs")
            if isinstance(lp, list) and lp:
                spelled = "".join(e.get("token", "") for e in lp if isinstance(e, dict))
                if spelled != text or any(x.action in ("removed", "masked") for x in f):
                    holder["logprobs"] = []  # the tokens would show what was changed
                elif screen.alters:
                    for e in lp:
                        if isinstance(e, dict) and e.get("top_logprobs"):
                            e["top_logprobs"] = []  # alternatives the text never showed
        found += tail
    except Exception as exc:
        raise OutputCheckError from exc
    data, rest = screen_rest(data, screen, frozenset(done))
    return data, found + rest


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


#: Per channel kind: the delta event's type and its index field; the text's field.
_DELTA_OF: dict[str, tuple[str, str | None]] = {
    "text": ("response.output_text.delta", "content_index"),
    "refusal": ("response.refusal.delta", "content_index"),
    "summary": ("response.reasoning_summary_text.delta", "summary_index"),
    "reasoning": ("response.reasoning_text.delta", "content_index"),
    "args": ("response.function_call_arguments.delta", None),
    "input": ("response.custom_tool_call_input.delta", None),
}
_FIELD_OF = {
    "text": "text",
    "refusal": "refusal",
    "summary": "text",
    "reasoning": "text",
    "args": "arguments",
    "input": "input",
}


def _readable(name: str) -> bool:
    return name not in ("args", "input")


def _part_key(output_index: Any, content_index: Any, part: Any) -> Key | None:
    """The channel of a message's content part (output text or refusal)."""
    if not isinstance(part, dict):
        return None
    if part.get("type") == "refusal" or ("refusal" in part and "text" not in part):
        return ("refusal", output_index, content_index)
    return ("text", output_index, content_index)


def _managed(kind: str, event: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """The texts of an event that go through a channel (not screened again on their own)."""
    items: list[tuple[Any, Any]] = []
    if kind.startswith("response.output_item."):
        items = [(event.get("output_index"), event.get("item"))]
    elif kind in _RESPONSE_OBJECTS and isinstance(event.get("response"), dict):
        items = list(enumerate(event["response"].get("output") or []))
    elif kind.startswith("response.content_part."):
        part = event.get("part")
        key = _part_key(event.get("output_index"), event.get("content_index"), part)
        return [(part, _FIELD_OF[key[0]])] if key is not None and isinstance(part, dict) else []
    return [(h, _FIELD_OF[k[0]]) for i, item in items for k, h in _item_channels(i, item)]


def _item_channels(output_index: Any, item: Any) -> list[tuple[Key, dict[str, Any]]]:
    """The channels of an output item, and the dict that holds each one's text."""
    if not isinstance(item, dict):
        return []
    kind = item.get("type")
    out: list[tuple[Key, dict[str, Any]]] = []
    if kind == "message":
        for ci, part in enumerate(item.get("content") or []):
            key = _part_key(output_index, ci, part)
            if key is not None and isinstance(part, dict):
                out.append((key, part))
    elif kind == "reasoning":
        for name, channel in (("summary", "summary"), ("content", "reasoning")):
            for si, part in enumerate(item.get(name) or []):
                if isinstance(part, dict):
                    out.append(((channel, output_index, si), part))
    elif kind == "function_call":
        out.append((("args", output_index, None), item))
    elif kind == "custom_tool_call":
        out.append((("input", output_index, None), item))
    return out


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
            return self._numbered(
                [
                    deep_restore(
                        event, self.channels.mapping, self.channels.screen, self.channels.findings
                    )
                ]
            )
        base, _, step = kind.rpartition(".")
        spec = _RESPONSE_CHANNELS.get(base)
        if spec is not None and step in ("delta", "done"):
            return self._numbered(self._channel(event, base, step, spec))
        out: list[dict[str, Any]] = []
        after: list[dict[str, Any]] = []
        if kind == "response.output_item.added":
            event["item"], after = self._seed_item(event.get("output_index"), event.get("item"))
        elif kind == "response.content_part.added":
            part = event.get("part")
            key = _part_key(event.get("output_index"), event.get("content_index"), part)
            if key is not None and isinstance(part, dict):
                part = deep_restore(
                    part, self.channels.mapping, self.channels.screen, self.channels.findings
                )
                after = self._seed(key, event.get("item_id"), part)
                event["part"] = part
        elif kind == "response.output_item.done":
            out += self._close_where(event.get("output_index"))
            event["item"], before = self._settle_item(event.get("output_index"), event.get("item"))
            out += before
        elif kind == "response.content_part.done":
            part = event.get("part")
            key = _part_key(event.get("output_index"), event.get("content_index"), part)
            if key is not None and isinstance(part, dict):
                part = deep_restore(
                    part, self.channels.mapping, self.channels.screen, self.channels.findings
                )
                out += self._settle(key, event.get("item_id"), part)
                event["part"] = part
        elif kind in _RESPONSE_OBJECTS:
            resp = event.get("response")
            if isinstance(resp, dict):
                resp = deep_restore(
                    resp, self.channels.mapping, self.channels.screen, self.channels.findings
                )
                if kind in ("response.completed", "response.incomplete", "response.failed"):
                    out += self._close_where(None)
                    for i, item in enumerate(resp.get("output") or []):
                        resp["output"][i], before = self._settle_item(i, item)
                        out += before
                else:
                    # Not yet the answer: whatever text it carries is not passed on.
                    resp["output"] = []
                if resp.get("usage"):
                    self.usage = resp["usage"]
                if isinstance(resp.get("id"), str):
                    self.response_id = resp["id"]
                event["response"] = resp
        else:
            event = deep_restore(
                event, self.channels.mapping, self.channels.screen, self.channels.findings
            )
        # Every other string a person may read (annotations, an error's message, text in
        # an event of a kind not known here) is screened too, each on its own.
        event = self._rest(event, _managed(kind, event))
        return self._numbered([*out, event, *after])

    def _rest(self, obj: Any, holders: list[tuple[dict[str, Any], str]]) -> Any:
        out, found = screen_rest(
            obj, self.channels.screen, frozenset((id(h), k) for h, k in holders)
        )
        self.channels.findings += found
        return out

    # An item's texts go through its channels whatever event carries them: text in an
    # ``…added`` event is sent on as a delta after it (restored, screened); text in a
    # ``…done`` event or the final response for a channel that never streamed is sent as
    # a delta before it; every closing event then says what the deltas said.

    def _seed(self, key: Key, item_id: Any, holder: dict[str, Any]) -> list[dict[str, Any]]:
        field_ = _FIELD_OF[key[0]]
        piece = holder.get(field_)
        if not isinstance(piece, str) or not piece:
            return []
        holder[field_] = ""
        self._opened.setdefault(key, self._delta_event(key, item_id, ""))
        released = self.channels.feed(key, piece, readable=_readable(key[0]))
        return [self._delta_event(key, item_id, released)] if released else []

    def _settle(self, key: Key, item_id: Any, holder: dict[str, Any]) -> list[dict[str, Any]]:
        field_ = _FIELD_OF[key[0]]
        if not isinstance(holder.get(field_), str):
            return []
        before: list[dict[str, Any]] = []
        if key not in self._final:
            if self.channels.sent(key) is None and key not in self._opened:
                # Never streamed: screened as a whole, only in this closing object (a
                # client has no part to add a delta to).
                self.channels.feed(key, holder[field_], readable=_readable(key[0]))
                self._tail(key, _readable(key[0]))
            else:
                before += self._tail(key, _readable(key[0]))
        holder[field_] = self._final.get(key, "")
        if isinstance(holder.get("logprobs"), list):
            # What the deltas carried, never the upstream's own list (it would spell what
            # the screening masked, or placeholders).
            holder["logprobs"] = self.channels.all_logprobs(key)
        return before

    def _seed_item(self, output_index: Any, item: Any) -> tuple[Any, list[dict[str, Any]]]:
        item = deep_restore(
            item, self.channels.mapping, self.channels.screen, self.channels.findings
        )
        after: list[dict[str, Any]] = []
        for key, holder in _item_channels(output_index, item):
            after += self._seed(key, item.get("id"), holder)
        return item, after

    def _settle_item(self, output_index: Any, item: Any) -> tuple[Any, list[dict[str, Any]]]:
        """An output item as its deltas said it (restored; texts as sent)."""
        item = deep_restore(
            item, self.channels.mapping, self.channels.screen, self.channels.findings
        )
        before: list[dict[str, Any]] = []
        for key, holder in _item_channels(output_index, item):
            before += self._settle(key, item.get("id"), holder)
        return item, before

    @staticmethod
    def _delta_event(key: Key, item_id: Any, piece: str) -> dict[str, Any]:
        name, output_index, index = key
        etype, index_field = _DELTA_OF[name]
        event: dict[str, Any] = {"type": etype, "item_id": item_id, "output_index": output_index}
        if index_field is not None:
            event[index_field] = index
        event["delta"] = piece
        if name == "text":
            event["logprobs"] = []
        return event

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
            return [
                self._rest(
                    deep_restore(
                        event, self.channels.mapping, self.channels.screen, self.channels.findings
                    ),
                    [],
                )
            ]
        out: list[dict[str, Any]] = []
        if kind == "content_block_stop":
            out = self._close(event.get("index"))
        elif kind == "message_stop":
            out = self._close(None)
        elif kind == "message_start":
            message = event.get("message")
            if isinstance(message, dict):
                if isinstance(message.get("usage"), dict):
                    self.usage = dict(message["usage"])
                # Not yet the answer: whatever content it carries is not passed on.
                message["content"] = []
        elif kind == "content_block_start":
            block = deep_restore(
                event.get("content_block"),
                self.channels.mapping,
                self.channels.screen,
                self.channels.findings,
            )
            event["content_block"] = block
            after: list[dict[str, Any]] = []
            if isinstance(block, dict) and block.get("type") in ("text", "thinking"):
                name = block["type"]
                piece = block.get(name)
                if isinstance(piece, str) and piece:
                    # Text in the start event goes through the channel, as a delta after it.
                    block[name] = ""
                    key = (name, event.get("index"))
                    self._kinds[key] = f"{name}_delta"
                    released = self.channels.feed(key, piece)
                    if released:
                        after.append(
                            {
                                "type": "content_block_delta",
                                "index": event.get("index"),
                                "delta": {"type": f"{name}_delta", name: released},
                            }
                        )
            event = deep_restore(
                event, self.channels.mapping, self.channels.screen, self.channels.findings
            )
            block = event.get("content_block")
            managed = (
                [(block, block["type"])]
                if isinstance(block, dict) and block.get("type") in ("text", "thinking")
                else []
            )
            return [self._rest(event, managed), *after]
        elif kind == "message_delta":
            usage = event.get("usage")
            if isinstance(usage, dict):
                self.usage = {**(self.usage or {}), **usage}
        return [
            *out,
            self._rest(
                deep_restore(
                    event, self.channels.mapping, self.channels.screen, self.channels.findings
                ),
                [],
            ),
        ]

    def _rest(self, obj: Any, holders: list[tuple[dict[str, Any], str]]) -> Any:
        out, found = screen_rest(
            obj, self.channels.screen, frozenset((id(h), k) for h, k in holders)
        )
        self.channels.findings += found
        return out

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
