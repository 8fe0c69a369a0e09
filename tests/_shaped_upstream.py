"""Answers of the upstream double for the Responses API and Anthropic Messages, in the
shapes the real services send (whole bodies and event streams, event by event)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from typing import Any


def last_user_text(endpoint: str, body: Mapping[str, Any]) -> str:
    """The last user message's text as received (what the answer echoes)."""
    if endpoint == "responses":
        items = body["input"]
        if isinstance(items, str):
            return items
        users = [i for i in items if i.get("role") == "user"]
    else:
        users = [m for m in body["messages"] if m.get("role") == "user"]
    if not users:
        return ""
    content = users[-1].get("content")
    if isinstance(content, str):
        return content
    return " ".join(
        p.get("text", "")
        for p in content or []
        if isinstance(p, dict) and p.get("type") in ("text", "input_text")
    )


def _pieces(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


# ---------------------------------------------------------------------- Responses


def response_whole(
    text: str,
    args: str | None,
    instructions: Any = None,
    rid: str = "resp_1",
    *,
    name: str = "save",
) -> dict[str, Any]:
    output: list[dict[str, Any]] = [
        {
            "id": "msg_1",
            "type": "message",
            "status": "completed",
            "role": "assistant",
            "content": [{"type": "output_text", "text": text, "annotations": [], "logprobs": []}],
        }
    ]
    if args is not None:
        output.append(
            {
                "id": "fc_1",
                "type": "function_call",
                "status": "completed",
                "call_id": "call_1",
                "name": name,
                "arguments": args,
            }
        )
    return {
        "id": rid,
        "object": "response",
        "created_at": 1,
        "status": "completed",
        "model": "up",
        "instructions": instructions,
        "output": output,
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "tools": [],
        "usage": {
            "input_tokens": 3,
            "output_tokens": 5,
            "total_tokens": 8,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens_details": {"reasoning_tokens": 0},
        },
    }


async def response_events(
    text: str,
    args: str | None,
    size: int,
    instructions: Any = None,
    rid: str = "resp_1",
    *,
    name: str = "save",
) -> AsyncIterator[str]:
    seq = 0

    def ev(obj: dict[str, Any]) -> list[str]:
        nonlocal seq
        obj["sequence_number"] = seq
        seq += 1
        return [f"event: {obj['type']}", "data: " + json.dumps(obj, ensure_ascii=False), ""]

    whole = response_whole(text, args, instructions, rid, name=name)
    start = {**whole, "status": "in_progress", "output": [], "usage": None}
    lines = ev({"type": "response.created", "response": start})
    lines += ev({"type": "response.in_progress", "response": start})
    msg = {**whole["output"][0], "status": "in_progress", "content": []}
    lines += ev({"type": "response.output_item.added", "output_index": 0, "item": msg})
    part = {"type": "output_text", "text": "", "annotations": [], "logprobs": []}
    lines += ev(
        {
            "type": "response.content_part.added",
            "item_id": "msg_1",
            "output_index": 0,
            "content_index": 0,
            "part": part,
        }
    )
    for piece in _pieces(text, size):
        lines += ev(
            {
                "type": "response.output_text.delta",
                "item_id": "msg_1",
                "output_index": 0,
                "content_index": 0,
                "delta": piece,
                "logprobs": [],
            }
        )
    lines += ev(
        {
            "type": "response.output_text.done",
            "item_id": "msg_1",
            "output_index": 0,
            "content_index": 0,
            "text": text,
            "logprobs": [],
        }
    )
    lines += ev(
        {
            "type": "response.content_part.done",
            "item_id": "msg_1",
            "output_index": 0,
            "content_index": 0,
            "part": {**part, "text": text},
        }
    )
    lines += ev(
        {"type": "response.output_item.done", "output_index": 0, "item": whole["output"][0]}
    )
    if args is not None:
        call = {**whole["output"][1], "status": "in_progress", "arguments": ""}
        lines += ev({"type": "response.output_item.added", "output_index": 1, "item": call})
        for piece in _pieces(args, size):
            lines += ev(
                {
                    "type": "response.function_call_arguments.delta",
                    "item_id": "fc_1",
                    "output_index": 1,
                    "delta": piece,
                }
            )
        lines += ev(
            {
                "type": "response.function_call_arguments.done",
                "item_id": "fc_1",
                "output_index": 1,
                "arguments": args,
            }
        )
        lines += ev(
            {"type": "response.output_item.done", "output_index": 1, "item": whole["output"][1]}
        )
    lines += ev({"type": "response.completed", "response": whole})
    for line in lines:
        yield line


# ---------------------------------------------------------------------- Anthropic Messages


def message_whole(
    text: str, tool_input: dict[str, Any] | None, *, name: str = "save"
) -> dict[str, Any]:
    content: list[dict[str, Any]] = [{"type": "text", "text": text}]
    if tool_input is not None:
        content.append({"type": "tool_use", "id": "toolu_1", "name": name, "input": tool_input})
    return {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": "up",
        "content": content,
        "stop_reason": "tool_use" if tool_input is not None else "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 3, "output_tokens": 5},
    }


async def message_events(
    text: str, tool_input: dict[str, Any] | None, size: int, *, name: str = "save"
) -> AsyncIterator[str]:
    def ev(obj: dict[str, Any]) -> list[str]:
        return [f"event: {obj['type']}", "data: " + json.dumps(obj, ensure_ascii=False), ""]

    whole = message_whole(text, tool_input, name=name)
    lines = ev(
        {
            "type": "message_start",
            "message": {
                **whole,
                "content": [],
                "stop_reason": None,
                "usage": {"input_tokens": 3, "output_tokens": 1},
            },
        }
    )
    lines += ev(
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}
    )
    lines += ev({"type": "ping"})
    for piece in _pieces(text, size):
        lines += ev(
            {
                "type": "content_block_delta",
                "index": 0,
                "delta": {"type": "text_delta", "text": piece},
            }
        )
    lines += ev({"type": "content_block_stop", "index": 0})
    if tool_input is not None:
        lines += ev(
            {
                "type": "content_block_start",
                "index": 1,
                "content_block": {"type": "tool_use", "id": "toolu_1", "name": name, "input": {}},
            }
        )
        raw = json.dumps(tool_input, ensure_ascii=False)
        for piece in _pieces(raw, size):
            lines += ev(
                {
                    "type": "content_block_delta",
                    "index": 1,
                    "delta": {"type": "input_json_delta", "partial_json": piece},
                }
            )
        lines += ev({"type": "content_block_stop", "index": 1})
    lines += ev(
        {
            "type": "message_delta",
            "delta": {"stop_reason": whole["stop_reason"], "stop_sequence": None},
            "usage": {"output_tokens": 5},
        }
    )
    lines += ev({"type": "message_stop"})
    for line in lines:
        yield line
