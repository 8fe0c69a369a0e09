"""Streams of typed events (the Responses API and Anthropic Messages): each text channel
restored and screened at the exit, the events passed on in order.

Both protocols stream *events* (``event: response.output_text.delta`` / ``data: {…}``,
``content_block_delta`` …) in which text arrives as deltas of numbered channels (an
output item's content part, a content block) and a channel ends with its own event
(``…done``, ``content_block_stop``). :class:`Channels` keeps, per channel, the
placeholder restorer, the exit screening (for text a person reads; tool-call arguments
are restored only) and what the client has been sent, so that a channel's closing event
and the final response object say exactly what the deltas said. A protocol's
:class:`Translator` turns each upstream event into the events the client gets;
:func:`stream_events` drives it and reports the end (status, usage, answer, exit
findings) once, whatever ends the stream.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx

from hinagata.gateway import _messages as say
from hinagata.gateway._arguments import (
    AnswerCalls,
    ArgumentsRestorer,
    restore_arguments,
    restore_input,
)
from hinagata.gateway._logprobs import LogprobStream
from hinagata.guard import OutputFinding, OutputScreen, OutputStream
from hinagata.mask import StreamRestorer, restore

#: A text channel: (kind, index …), e.g. ("text", output 0, part 1).
Key = tuple[Any, ...]

__all__ = [
    "IDS",
    "STRUCTURE",
    "Channels",
    "Key",
    "OutputCheckError",
    "Translator",
    "deep_restore",
    "screen_rest",
    "stream_events",
]

#: ``on_end(status, usage, answer, output)``: called once when a stream ends.
OnEnd = Callable[[int, Any, str | None, list[OutputFinding] | None], None]


class OutputCheckError(RuntimeError):
    """The exit screening of a streamed answer failed: the rest is withheld."""


#: Keys whose values are identifiers, never restored: a placeholder in an id would come
#: back as the value (an upstream naming its response 〔氏名1〕 would read it in a URL).
IDS = frozenset({"id", "item_id", "call_id", "response_id", "tool_use_id", "previous_response_id"})

#: Keys of an answer that are structure, identifiers, numbers or the request's own echo
#: (instructions, tools, metadata as the client sent them), or handled on their own (the
#: channels' texts, tool arguments, log probabilities): not exit-screened as free text.
STRUCTURE = IDS | frozenset(
    {
        "object", "type", "role", "status", "model", "created", "created_at", "finish_reason",
        "stop_reason", "stop_sequence", "index", "output_index", "content_index",
        "summary_index", "sequence_number", "usage", "logprobs", "top_logprobs", "arguments",
        "input", "partial_json", "signature", "encrypted_content", "data", "instructions",
        "tools", "tool_choice", "metadata", "parallel_tool_calls", "text_format", "name",
        "hinagata", "service_tier", "truncation", "reasoning", "store", "user", "prompt_cache_key",
        "safety_identifier", "previous_response_id", "temperature", "top_p", "max_output_tokens",
    }
)  # fmt: skip


def deep_restore(
    obj: Any,
    mapping: Mapping[str, str],
    screen: OutputScreen | None = None,
    found: list[OutputFinding] | None = None,
) -> Any:
    """Every string of a JSON value with the placeholders restored (an answer echoes the
    request's instructions, tools and metadata as they were sent: masked); identifiers
    (:data:`IDS`) stay as they are; a tool call's arguments are restored as
    :mod:`._arguments` says (what it kept masked is added to ``found``)."""
    if not mapping:
        return obj
    # (the calls in it are judged together: a foreign host in one keeps all masked)
    calls = AnswerCalls.within(obj, screen, _ARGUMENTS)
    return _restore(obj, mapping, True, screen, found, calls)


#: Keys whose values are data for a program (a tool call's arguments): every string in
#: them is restored, keys named like identifiers included — unless that would carry a
#: value out (:mod:`._arguments`).
_ARGUMENTS = frozenset({"input", "arguments"})


def _restore(
    obj: Any,
    mapping: Mapping[str, str],
    protocol: bool,
    screen: OutputScreen | None,
    found: list[OutputFinding] | None,
    calls: AnswerCalls | None = None,
) -> Any:
    if isinstance(obj, str):
        return restore(obj, mapping)
    if isinstance(obj, list):
        return [_restore(x, mapping, protocol, screen, found, calls) for x in obj]
    if isinstance(obj, dict):
        out: dict[str, Any] = {}
        for k, v in obj.items():
            if protocol and k in IDS:
                out[k] = v
            elif protocol and k in _ARGUMENTS:
                out[k], kept = (
                    restore_arguments(v, mapping, screen, calls)
                    if isinstance(v, str)
                    else restore_input(v, mapping, screen, calls)
                )
                if found is not None:
                    found += kept
            else:
                out[k] = _restore(v, mapping, protocol, screen, found, calls)
        return out
    return obj


def screen_rest(
    obj: Any, screen: OutputScreen | None, done: frozenset[tuple[int, str]] = frozenset()
) -> tuple[Any, list[OutputFinding]]:
    """Every other string of an answer a person may read (an annotation's title or link,
    citations, a string where parts were expected, an error's message, text in an event of
    a kind not known here) through the exit screening, each on its own; ``done``: the
    (holder id, key) pairs already screened as the answer's text."""
    if screen is None or not screen.active:
        return obj, []
    found: list[OutputFinding] = []

    def walk(v: Any, key: str | None, holder: Any) -> Any:
        if isinstance(v, str):
            if key in STRUCTURE or (id(holder), key or "") in done or len(v) < 4:
                return v
            out, f = screen.screen(v)
            found.extend(f)
            return out
        if isinstance(v, list):
            return [walk(x, key, v) for x in v]
        if isinstance(v, dict):
            return {k: x if k in STRUCTURE else walk(x, k, v) for k, x in v.items()}
        return v

    try:
        return walk(obj, None, None), found
    except Exception as exc:
        raise OutputCheckError from exc


@dataclass
class _Channel:
    #: Placeholders restored as the text comes (tool arguments: held to the channel's end).
    restorer: StreamRestorer | ArgumentsRestorer
    #: Whether its text goes through the exit screening (a person reads it).
    screened: bool
    logprobs: LogprobStream
    sent: list[str] = field(default_factory=list)
    #: Log probabilities held until the channel closes (while the exit screening may
    #: still change its text, its tokens must not show it).
    held: list[Any] = field(default_factory=list)
    #: Whether the exit screening removed or masked any of its text.
    altered: bool = False


@dataclass
class Channels:
    """The text channels of one streamed answer.

    The readable channels go through **one** exit screening, one after the other, as a
    client shows them (``output_text`` joins the parts; a chat window shows the blocks in
    a row): a channel that closes is a *joint* (:meth:`OutputStream.joint`), so a link or a
    new phone number split over two parts is still seen whole, and what of it comes in
    the next part is removed or masked there. When another readable channel starts while
    one is open, the open one's held text is released at a joint and goes out with its
    tail; if it then goes on, the stream is refused (interleaved: the screening would read
    the text out of the order the client shows it in)."""

    mapping: Mapping[str, str]
    screen: OutputScreen | None
    _open: dict[Key, _Channel] = field(default_factory=dict)
    _closed: dict[Key, str] = field(default_factory=dict)
    #: Findings of the answer's other strings; :meth:`all_findings` adds the channels'.
    findings: list[OutputFinding] = field(default_factory=list)
    #: Everything sent on readable channels and tool arguments, in order (the kept answer).
    answer: list[str] = field(default_factory=list)
    #: The same restored but not screened: what the upstream holds (a kept conversation
    #: turn is judged on it — an attack the exit screening removed is still the upstream's).
    raw: list[str] = field(default_factory=list)
    _lp_sent: dict[Key, list[Any]] = field(default_factory=dict)
    _lp_tail: dict[Key, list[Any]] = field(default_factory=dict)
    #: The one exit screening of every readable channel, and the channel whose text it
    #: holds now; text released for a channel not being fed, owed to its next send.
    _exit: OutputStream | None = None
    _owner: Key | None = None
    _owed: dict[Key, str] = field(default_factory=dict)
    #: The answer's tool calls so far: once one named a foreign host, later ones stay masked.
    calls: AnswerCalls = field(default_factory=AnswerCalls)
    #: Open channels another readable channel took the screening from: one of them
    #: going on would be read out of the order a client shows the text in.
    _left: set[Key] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.screen is not None and self.screen.active:
            self._exit = OutputStream(self.screen)

    def all_findings(self) -> list[OutputFinding]:
        """What the exit screening found in the whole answer."""
        return [*self.findings, *(self._exit.findings if self._exit is not None else ())]

    def _get(self, key: Key, readable: bool) -> _Channel:
        ch = self._open.get(key)
        if ch is None:
            ch = self._open[key] = _Channel(
                StreamRestorer(self.mapping)
                if readable
                else ArgumentsRestorer(self.mapping, self.screen, self.calls),
                readable and self._exit is not None,
                LogprobStream(self.mapping),
            )
        return ch

    def _screened(self, key: Key, ch: _Channel, text: str, *, joint: bool = False) -> str:
        """``text`` of channel ``key`` through the one exit screening (what may go now)."""
        ex = self._exit
        assert ex is not None
        if key in self._left and text:
            # Interleaved: this channel's text would follow another's in the screening but
            # precede it on the client's screen, so a link or a value split around the
            # other is never read whole. No upstream streams text this way: refused.
            raise OutputCheckError(f"readable channel {key!r} resumed after another")
        try:
            if self._owner is not None and self._owner != key:
                # Another channel's text is held: it ends at a joint, released to it.
                self._owed[self._owner] = self._owed.get(self._owner, "") + self._release(
                    self._owner, ex.joint
                )
                self._left.add(self._owner)
            self._owner = key
            out = self._release(key, lambda: ex.feed(text))
            if joint:
                out += self._release(key, ex.joint)
                self._owner = None
        except Exception as exc:
            raise OutputCheckError from exc
        return out

    def _release(self, key: Key, step: Callable[[], str]) -> str:
        ex = self._exit
        assert ex is not None
        before = len(ex.findings)
        out = step()
        if any(f.action in ("removed", "masked") for f in ex.findings[before:]):
            ch = self._open.get(key)
            if ch is not None:
                ch.altered = True
        return out

    def logprobs(self, key: Key, entries: list[Any]) -> list[Any]:
        """A delta's log probabilities to send now: restored like the text; none while
        the exit screening may still change the channel's text (held to its end)."""
        ch = self._get(key, True)
        restored = ch.logprobs.feed(entries)
        if ch.screened and self.screen is not None and self.screen.alters:
            ch.held += restored
            return []
        self._lp_sent.setdefault(key, []).extend(restored)
        return restored

    def closing_logprobs(self, key: Key) -> list[Any]:
        """After :meth:`close`: what remains to send of the channel's log probabilities
        (nothing where the exit screening changed its text)."""
        return self._lp_tail.pop(key, [])

    def all_logprobs(self, key: Key) -> list[Any]:
        """Every log probability sent on a closed channel (for its ``done`` event)."""
        return self._lp_sent.get(key, [])

    def feed(self, key: Key, piece: str, *, readable: bool = True) -> str:
        """The text to send for ``piece`` (restored, screened; possibly "" while held)."""
        ch = self._get(key, readable)
        out = ch.restorer.feed(piece)
        self.raw.append(out)
        if ch.screened:
            out = self._screened(key, ch, out)
        out = self._owed.pop(key, "") + out
        ch.sent.append(out)
        self.answer.append(out)
        return out

    def close(self, key: Key, *, readable: bool = True) -> str:
        """The channel's held-back tail (to send before its closing event)."""
        ch = self._open.get(key)
        if ch is None:
            return ""
        tail = ch.restorer.flush()
        self.raw.append(tail)
        if isinstance(ch.restorer, ArgumentsRestorer):
            self.findings += ch.restorer.findings
        if ch.screened:
            tail = self._screened(key, ch, tail, joint=True)
        del self._open[key]
        self._left.discard(key)
        tail = self._owed.pop(key, "") + tail
        rest = [*ch.held, *ch.logprobs.flush()]
        if ch.altered:
            rest = []  # the tokens would show what the screening removed or masked
        if rest:
            self._lp_tail[key] = rest
            self._lp_sent.setdefault(key, []).extend(rest)
        ch.sent.append(tail)
        self.answer.append(tail)
        self._closed[key] = "".join(ch.sent)
        return tail

    def finish(self) -> None:
        """The answer is over (every channel closed): what the screening still reports."""
        if self._exit is not None and not self._open:
            try:
                self._exit.flush()  # (nothing is held after the last joint)
            except Exception as exc:
                raise OutputCheckError from exc

    def sent(self, key: Key) -> str | None:
        """What a closed channel sent in all (None: never opened or still open)."""
        return self._closed.get(key)

    def open_keys(self) -> list[Key]:
        return list(self._open)


class Translator(Protocol):
    """One protocol's events: the upstream's event in, the client's events out."""

    channels: Channels
    usage: Any

    def on(self, event: dict[str, Any]) -> list[dict[str, Any]]: ...

    def end(self) -> list[dict[str, Any]]:
        """Events for what is still held when the upstream stops without closing."""
        ...

    def error(self, message: str, code: str) -> dict[str, Any]: ...


def _sse(obj: dict[str, Any]) -> bytes:
    name = obj.get("type")
    head = f"event: {name}\n".encode() if isinstance(name, str) else b""
    return head + b"data: " + json.dumps(obj, ensure_ascii=False).encode("utf-8") + b"\n\n"


async def stream_events(
    result: Any, translator: Translator, keep_answer: bool, on_end: OnEnd, broken: str
) -> AsyncIterator[bytes]:
    """The client's stream of events, each restored and screened by ``translator``."""
    status = 200
    ended = False
    try:
        async for line in result.lines:
            if not line.startswith("data:"):
                continue  # event names are taken from each event's own ``type``
            payload = line[5:].strip()
            if payload == "[DONE]":
                continue
            try:
                obj = json.loads(payload)
            except json.JSONDecodeError:
                continue
            if not isinstance(obj, dict):
                continue
            for out in translator.on(obj):
                yield _sse(out)
        for out in translator.end():
            yield _sse(out)
        translator.channels.finish()
        ended = True
    except (asyncio.CancelledError, GeneratorExit):
        status = 499
        raise
    except OutputCheckError:
        status = 503
        yield _sse(translator.error(say.STREAM_OUTPUT_CHECK_FAILED, "output_check_failed"))
    except httpx.HTTPError:
        status = 502
        yield _sse(translator.error(broken, "upstream_stream_broken"))
    finally:
        if result.close is not None:
            with contextlib.suppress(Exception):
                await result.close()
        if not ended and status == 200:
            status = 499
        on_end(
            status,
            translator.usage,
            "".join(translator.channels.answer) if keep_answer else None,
            translator.channels.all_findings() if translator.channels.screen is not None else None,
        )
