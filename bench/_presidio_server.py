"""Presidio's analyzer and anonymizer as HTTP services, for the LiteLLM guardrail comparison.

LiteLLM's Presidio guardrail calls ``POST {analyzer}/analyze`` and ``POST
{anonymizer}/anonymize`` with the request and response shapes of Presidio's own REST apps
(``presidio-analyzer``'s and ``presidio-anonymizer``'s ``app.py``, which ship only in their
Docker images). This serves the same two endpoints from one process, with the analyzer
configured for Japanese exactly as the detector baseline (GiNZA, ``_baseline.py``).
Bench environment only (bench/.venv).

    bench/.venv/bin/python bench/_presidio_server.py PORT
"""

from __future__ import annotations

import json
import sys
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from _baseline import presidio_engine


def build() -> Starlette:
    from presidio_anonymizer import AnonymizerEngine
    from presidio_anonymizer.services.app_entities_convertor import AppEntitiesConvertor

    analyzer = presidio_engine()
    anonymizer = AnonymizerEngine()
    analyzer.analyze(text="起動時の確認です。", language="ja")

    def _analyze(body: dict[str, Any]) -> list[dict[str, Any]]:
        results = analyzer.analyze(
            text=body["text"],
            language=body.get("language", "ja"),
            entities=body.get("entities"),
            score_threshold=body.get("score_threshold"),
            allow_list=body.get("allow_list"),
        )
        return [r.to_dict() for r in results]

    def _anonymize(body: dict[str, Any]) -> dict[str, Any]:
        results = AppEntitiesConvertor.analyzer_results_from_json(body.get("analyzer_results"))
        operators = AppEntitiesConvertor.operators_config_from_json(body.get("anonymizers"))
        out = anonymizer.anonymize(body["text"], results, operators)
        return json.loads(out.to_json())

    async def analyze(request: Request) -> Response:
        body = await request.json()
        if body.get("language") not in (None, "ja"):
            return JSONResponse({"error": "only ja is configured"}, status_code=400)
        return JSONResponse(await run_in_threadpool(_analyze, body))

    async def anonymize(request: Request) -> Response:
        return JSONResponse(await run_in_threadpool(_anonymize, await request.json()))

    async def health(request: Request) -> Response:
        return Response("Presidio Analyzer service is up")

    return Starlette(
        routes=[
            Route("/analyze", analyze, methods=["POST"]),
            Route("/anonymize", anonymize, methods=["POST"]),
            Route("/health", health),
        ]
    )


if __name__ == "__main__":
    uvicorn.run(
        build(), host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False
    )
