"""The way back: the upstream's answer restored (placeholders → values), screened at the
exit (clause 6.3), marked with the disclosure, as a whole body or as a stream.

A stream is restored and screened chunk by chunk without buffering the answer; text held
back at a chunk's end (a placeholder or a sentence cut in two) comes out before
``[DONE]``. Whatever ends the stream — its end, an exit check that fails, a broken
upstream, a client that goes away — ``on_end`` gets the status, the usage, the answer
(when the policy keeps it) and what the exit found, for the outcome record.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import Counter as Tally
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any
from urllib.parse import quote

import httpx

from hinagata.decide import Decision
from hinagata.gateway import _messages as say
from hinagata.gateway._payload import (
    ExitState,
    StreamRestoreState,
    append_to_answer,
    append_to_chunk,
    chunk_text,
)
from hinagata.guard import OutputFinding, OutputScreen
from hinagata.mask import Generalisation
from hinagata.policy import Disclosure

__all__ = [
    "SUFFIX_SEPARATOR",
    "decision_headers",
    "mark_answer",
    "output_header",
    "stream_answer",
]

#: Between the model's text and a disclosure the policy appends to it.
SUFFIX_SEPARATOR = "\n\n"

#: ``on_end(status, usage, answer, output)``: called once when a stream ends.
OnEnd = Callable[[int, Any, str | None, list[OutputFinding] | None], None]


def decision_headers(rid: str, d: Decision, disclosure: Disclosure | None) -> dict[str, str]:
    """The headers every answer after a decision carries (refusals included)."""
    headers = {
        "x-hinagata-request-id": rid,
        "x-hinagata-verdict": d.verdict,
        "x-hinagata-clauses": ",".join(d.clauses),
        "x-hinagata-policy": d.policy_version,
    }
    if disclosure is not None and disclosure.header:
        # Header values are Latin-1: the Japanese text travels percent-encoded (UTF-8).
        headers["x-hinagata-disclosure"] = quote(disclosure.text)
        headers["x-hinagata-disclosure-clauses"] = ",".join(disclosure.clauses)
    return headers


def output_header(output: list[OutputFinding]) -> str:
    """``x-hinagata-output``: what the exit screening removed or masked, by kind."""
    return ",".join(f"{k}={v}" for k, v in sorted(Tally(f.kind for f in output).items()))


def mark_answer(
    data: Any,
    decision: Decision,
    disclosure: Disclosure | None,
    injection: list[dict[str, Any]],
    output: list[OutputFinding],
    generalised: list[Generalisation],
    *,
    append: bool = True,
) -> None:
    """Add the disclosure and the ``hinagata`` field (verdict, clauses, what was done) to
    a whole answer, in place (``append``: the disclosure to a chat or completion answer's
    text; other shapes append their own way)."""
    meta: dict[str, Any] = {}
    if isinstance(data, dict) and disclosure is not None:
        if disclosure.append_to_answer and append:
            append_to_answer(data, SUFFIX_SEPARATOR + disclosure.text)
        if disclosure.header:
            meta = {
                "disclosure": disclosure.text,
                "disclosure_en": disclosure.text_en,
                "disclosure_clauses": list(disclosure.clauses),
            }
    if injection:
        meta["injection"] = injection
    if output:
        meta["output"] = [f.to_dict() for f in output]
    if generalised:
        # Counts by kind only: the generalised values never leave the gateway.
        meta["generalised"] = dict(Tally(g.kind for g in generalised))
    if isinstance(data, dict) and meta:
        data["hinagata"] = {
            "verdict": decision.verdict,
            "clauses": list(decision.clauses),
            **meta,
        }


class OutputCheckError(RuntimeError):
    """The exit screening of a streamed answer failed: the rest is withheld."""


async def stream_answer(
    result: Any,
    mapping: Mapping[str, str],
    suffix: str,
    keep_answer: bool,
    out_screen: OutputScreen | None,
    on_end: OnEnd,
    *,
    chat: bool = True,
) -> AsyncIterator[bytes]:
    """The client's stream: each upstream chunk restored, screened and suffixed, in the
    endpoint's own chunk shape (``chat``: ``delta.content``; else a completion's ``text``)
    whatever shape the upstream's chunks came in, and what was held back sent before the
    end even where the upstream stops without ``[DONE]``."""
    state = StreamRestoreState(mapping, out_screen)
    exit_state = ExitState(out_screen) if out_screen is not None else None
    kept: list[str] | None = [] if keep_answer else None
    usage: Any = None
    status = 200
    template: dict[str, Any] | None = None
    done = False
    try:
        async for line in result.lines:
            if not line.startswith("data:"):
                continue
            payload = line[5:].strip()
            if payload == "[DONE]":
                for (idx, name), tail in _tails(state, exit_state).items():
                    if not tail:
                        continue
                    if kept is not None:
                        kept.append(tail)
                    yield _sse(_tail_chunk(template, idx, name, tail))
                for chunk in _call_chunks(state, template, kept):
                    yield _sse(chunk)
                yield b"data: [DONE]\n\n"
                done = True
                continue
            try:
                obj = json.loads(payload)
            except json.JSONDecodeError:
                continue
            obj = _in_shape(obj, chat)
            template = obj if isinstance(obj, dict) else template
            if isinstance(obj, dict) and obj.get("usage"):
                usage = obj["usage"]
            obj = _through_exit(state.chunk(obj), exit_state)
            if suffix:
                obj = append_to_chunk(obj, suffix)
            if kept is not None:
                kept.append(chunk_text(obj))
            yield _sse(obj)
        if not done:
            # The upstream stopped without [DONE]: what was held back still goes out.
            for (idx, name), tail in _tails(state, exit_state).items():
                if tail:
                    if kept is not None:
                        kept.append(tail)
                    yield _sse(_tail_chunk(template, idx, name, tail))
            for chunk in _call_chunks(state, template, kept):
                yield _sse(chunk)
    except (asyncio.CancelledError, GeneratorExit):
        status = 499
        raise
    except OutputCheckError:
        status = 503
        yield _sse(_stream_error(say.STREAM_OUTPUT_CHECK_FAILED, "output_check_failed"))
    except httpx.HTTPError:
        status = 502
        yield _sse(_stream_error(say.STREAM_BROKEN, "upstream_stream_broken", "upstream_error"))
    finally:
        if result.close is not None:
            with contextlib.suppress(Exception):
                await result.close()
        on_end(
            status,
            usage,
            "".join(kept) if kept is not None else None,
            [*exit_state.findings, *state.findings] if exit_state is not None else None,
        )


def _in_shape(obj: Any, chat: bool) -> Any:
    """A chunk in the endpoint's shape: a completion stream's choices carry ``text``, a
    chat stream's a ``delta`` (some servers and routers send the other shape, or a last
    chunk with neither)."""
    if not isinstance(obj, dict):
        return obj
    if "object" in obj:
        obj["object"] = "chat.completion.chunk" if chat else "text_completion"
    for choice in obj.get("choices") or []:
        if not isinstance(choice, dict):
            continue
        if chat:
            # Only the delta is restored and screened: a stray ``text`` never passes.
            text = choice.pop("text", None)
            if "delta" not in choice and isinstance(text, str):
                choice["delta"] = {"content": text}
        else:
            delta = choice.pop("delta", None)
            if not isinstance(choice.get("text"), str):
                content = delta.get("content") if isinstance(delta, dict) else None
                choice["text"] = content if isinstance(content, str) else ""
    return obj


def _through_exit(obj: Any, exit_state: ExitState | None) -> Any:
    if exit_state is None:
        return obj
    try:
        return exit_state.chunk(obj)
    except Exception as exc:
        raise OutputCheckError from exc


def _tails(state: StreamRestoreState, exit_state: ExitState | None) -> dict[Any, str]:
    """Text still held back at the end of the stream, through the exit screening."""
    tails = state.pending()
    if exit_state is None:
        return tails
    try:
        tails = {k: exit_state.feed(k, t) for k, t in tails.items()}
        for k, t in exit_state.pending().items():
            tails[k] = tails.get(k, "") + t
    except Exception as exc:
        raise OutputCheckError from exc
    return tails


def _call_chunks(
    state: StreamRestoreState, template: dict[str, Any] | None, kept: list[str] | None
) -> list[dict[str, Any]]:
    """Chunks carrying the tool calls' arguments still held when the stream ends without
    a finish reason."""
    out = []
    for idx, k, args in state.pending_calls():
        if not args:
            continue
        if kept is not None:
            kept.append(args)
        chunk = _tail_chunk(template, idx, "content", "")
        chunk["choices"][0]["delta"] = {
            "tool_calls": [{"index": k, "function": {"arguments": args}}]
        }
        out.append(chunk)
    return out


def _stream_error(message: str, code: str, type_: str = "service_unavailable") -> dict[str, Any]:
    return {"error": {"message": message, "type": type_, "code": code}}


def _sse(obj: Any) -> bytes:
    return b"data: " + json.dumps(obj, ensure_ascii=False).encode("utf-8") + b"\n\n"


def _tail_chunk(template: dict[str, Any] | None, idx: int, name: str, text: str) -> dict[str, Any]:
    """A chunk carrying text still held back at the end of a stream, in the stream's own
    shape: a completion choice's ``text``, or the chat delta's field it belongs to."""
    keys: tuple[str, ...] = ("id", "object", "created", "model")
    base: dict[str, Any] = {k: template[k] for k in keys if template and k in template}
    choice: dict[str, Any] = (
        {"index": idx, "text": text, "finish_reason": None}
        if name == "text"
        else {"index": idx, "delta": {name: text}, "finish_reason": None}
    )
    return {**base, "choices": [choice]}
