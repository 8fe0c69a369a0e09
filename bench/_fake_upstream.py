"""A fast OpenAI-compatible upstream for the gateway benchmark (separate process).

Answers every chat completion at once with a short text that repeats the start of the last
user message (so placeholders come back and are restored); streams in 20 chunks, or — with
a second argument, milliseconds per chunk — in chunks of two characters at that pace, as
a model generating tokens would.
"""

from __future__ import annotations

import asyncio
import json
import sys

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

LAST: dict = {}
DELAY_MS = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0


async def last(request: Request) -> Response:
    """The last request body received (to check what a proxy let through)."""
    return JSONResponse(LAST)


async def chat(request: Request) -> Response:
    body = await request.json()
    LAST.clear()
    LAST.update(body)
    last = body["messages"][-1]["content"]
    text = "要約: " + (last if isinstance(last, str) else "")[:80]
    if not body.get("stream"):
        return JSONResponse(
            {
                "id": "x",
                "object": "chat.completion",
                "created": 1,
                "model": body.get("model", "m"),
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": text},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
            }
        )

    async def gen():  # type: ignore[no-untyped-def]
        step = 2 if DELAY_MS else max(1, len(text) // 20)
        for i in range(0, len(text), step):
            if DELAY_MS and i:
                await asyncio.sleep(DELAY_MS / 1000)
            chunk = {
                "id": "x",
                "object": "chat.completion.chunk",
                "created": 1,
                "model": "m",
                "choices": [
                    {"index": 0, "delta": {"content": text[i : i + step]}, "finish_reason": None}
                ],
            }
            yield f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"
        yield "data: [DONE]\n\n"

    return StreamingResponse(gen(), media_type="text/event-stream")


app = Starlette(
    routes=[Route("/v1/chat/completions", chat, methods=["POST"]), Route("/last", last)]
)

if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
