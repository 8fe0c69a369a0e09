"""The OpenAI-compatible gateway (ASGI, Starlette): judge, mask, forward, restore, audit.

:class:`Gateway` is the API face over a :class:`hinagata.runtime.Runtime`: it adds what
only the API needs (upstream clients, rate limits, metrics, the worker for large requests)
and its endpoints; one request's way through it is :class:`hinagata.gateway._pipeline.Pipeline`.
The server (:mod:`hinagata.server`) mounts :meth:`Gateway.api_routes` beside the web pages.

Per request: authenticate the key → read and validate the body → collect every text slot →
one judgment over all of them (against the model's catalog service, the key's
municipality policy and the grants in scope) → write the decision to the audit chain
*before* anything leaves → forward as written (``allow``), masked with this request's own
placeholder table (``allow_masked``), or refuse with 403 (``review``/``deny``) → restore
placeholders in the answer, streamed deltas and tool-call arguments included → write the
outcome.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Iterator, Mapping
from typing import Any

import httpx
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from hinagata._check import Policies
from hinagata.config import ServerConfig
from hinagata.detect import default_detector
from hinagata.gateway import _messages as say
from hinagata.gateway._analyse import LargeRequestPool
from hinagata.gateway._auth import authenticate
from hinagata.gateway._conversation import conversation_screen
from hinagata.gateway._conversation import load as load_conversation
from hinagata.gateway._demo import make_upstream
from hinagata.gateway._documents import DocumentEndpoints
from hinagata.gateway._errors import ApiError, audit_unavailable, check_failed
from hinagata.gateway._limits import make_limiter
from hinagata.gateway._metrics import Metrics
from hinagata.gateway._pipeline import Pipeline
from hinagata.gateway._records import outcome_summary
from hinagata.gateway._request_id import new_request_id
from hinagata.gateway._schema import openapi
from hinagata.gateway._shapes import RESPONSES_SHAPE, finish_whole
from hinagata.gateway._upstream import UpstreamError
from hinagata.guard import default_detector as default_injection_detector
from hinagata.policy import Policy
from hinagata.runtime import Caller, Runtime
from hinagata.store import AuditLog, Database, Documents, Grants, Keys, Transcripts

__all__ = ["Gateway"]

log = logging.getLogger("hinagata.gateway")


class Gateway:
    """The API face: everything a request needs beyond the runtime, built once at start-up.

    ``source``: the runtime it serves (or a config, for which one is built).
    ``upstreams`` replaces upstream clients by model name (tests).
    """

    def __init__(
        self, source: Runtime | ServerConfig, *, upstreams: Mapping[str, Any] | None = None
    ) -> None:
        #: Whether this gateway built its runtime (then :meth:`close` closes it too).
        self._owns_runtime = not isinstance(source, Runtime)
        self.runtime = source if isinstance(source, Runtime) else Runtime(source)
        config = self.runtime.config
        self.metrics = Metrics()
        self.limiter = make_limiter(
            config.limits.rate_per_minute_user,
            config.limits.rate_per_minute_department,
            config.redis_url,
        )
        self.client = httpx.AsyncClient(
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=50)
        )
        self.upstreams: dict[str, Any] = {
            m.name: (upstreams or {}).get(m.name) or make_upstream(m.name, m.upstream, self.client)
            for m in config.models
        }
        # Load the dictionary and compile the rules now, not on the first request.
        default_detector().scan("起動時の確認")
        self.injection_detector = default_injection_detector()
        #: Large requests are judged in a worker process (the event loop stays free).
        self.large = LargeRequestPool()
        self.pipeline = Pipeline(
            self.runtime,
            metrics=self.metrics,
            limiter=self.limiter,
            upstreams=self.upstreams,
            large=self.large,
        )
        #: The model routes by name.
        self.routes = self.pipeline.routes
        self.documents_api = DocumentEndpoints(self.runtime, self.injection_detector)
        self._inflight: dict[str, int] = {}

    # ------------------------------------------------------------------ the runtime's parts
    # (the names callers of the gateway object have used: tests, the CLI's checks)

    @property
    def config(self) -> ServerConfig:
        return self.runtime.config

    @config.setter
    def config(self, config: ServerConfig) -> None:
        # Tests tighten a limit on a running server; requests read limits per request.
        self.runtime.config = config

    @property
    def db(self) -> Database:
        return self.runtime.db

    @property
    def audit(self) -> AuditLog:
        return self.runtime.audit

    @property
    def keys(self) -> Keys:
        return self.runtime.keys

    @property
    def grants(self) -> Grants:
        return self.runtime.grants

    @property
    def transcripts(self) -> Transcripts:
        return self.runtime.transcripts

    @property
    def documents(self) -> Documents:
        return self.runtime.documents

    @property
    def policies(self) -> Policies | None:
        return self.runtime.policies

    @property
    def policy(self) -> Policy | None:
        return self.runtime.policy

    def prune_transcripts(self) -> int:
        """Delete transcripts past each policy's retention; returns how many."""
        return self.runtime.prune_transcripts()

    async def close(self) -> None:
        """Stop the worker and the clients (and the runtime, if this gateway built it)."""
        self.large.close()
        await self.client.aclose()
        await self.limiter.close()
        if self._owns_runtime:
            self.runtime.close()

    # ------------------------------------------------------------------ the pipeline

    async def handle(
        self, request: Request, endpoint: str, caller: Caller | None = None
    ) -> Response:
        """One request through the pipeline. ``caller``: someone already authenticated
        another way (the web application's chat page acts as the signed-in user, without
        an API key); None: the request's API key."""
        started = time.perf_counter()
        rid = getattr(request.state, "request_id", None) or new_request_id()
        try:
            caller = caller or authenticate(request, self.runtime)
            with self._one_more(caller):
                return await self.pipeline.run(request, endpoint, caller, rid, started)
        except ApiError as exc:
            if exc.metric:
                self.metrics.errors.labels(endpoint, exc.metric).inc()
            # The id a helpdesk finds the request by in the audit log.
            exc.extra.setdefault("request_id", rid)
            if endpoint in ("messages", "count_tokens"):
                exc.flavour = "anthropic"
            raise
        except ClientDisconnect:
            return Response(status_code=499)
        finally:
            self.metrics.latency.labels(endpoint).observe(time.perf_counter() - started)

    async def chat_as(self, request: Request, caller: Caller) -> Response:
        """A chat request on behalf of ``caller`` (the web chat page)."""
        return await self.handle(request, "chat", caller)

    @contextlib.contextmanager
    def _one_more(self, caller: Caller) -> Iterator[None]:
        """Count a request in flight for the caller (429 beyond the configured limit)."""
        limit = self.config.limits.max_concurrent_per_key
        slot = caller.slot
        if limit and self._inflight.get(slot, 0) >= limit:
            raise ApiError(
                429,
                say.too_many_concurrent(limit),
                type_="rate_limit_error",
                code="too_many_concurrent",
                metric="too_many_concurrent",
            )
        self._inflight[slot] = self._inflight.get(slot, 0) + 1
        try:
            yield
        finally:
            left = self._inflight[slot] - 1
            if left:
                self._inflight[slot] = left
            else:
                del self._inflight[slot]

    # ------------------------------------------------------------------ other endpoints

    def _models_for(self, caller: Caller) -> list[dict[str, Any]]:
        """The models the caller may use (none before the training the policy asks for)."""
        if not caller.trained:
            return []
        return [
            {"id": m.name, "object": "model", "created": 0, "owned_by": "hinagata",
             "service": m.service}
            for m in self.runtime.routes_for(caller.municipality)
        ]  # fmt: skip

    async def models(self, request: Request) -> Response:
        caller = authenticate(request, self.runtime)
        return JSONResponse({"object": "list", "data": self._models_for(caller)})

    async def model(self, request: Request) -> Response:
        """``GET /v1/models/{model}``: one of the caller's models; 404 for any other
        (another municipality's model is not named as existing)."""
        caller = authenticate(request, self.runtime)
        name = request.path_params["model"]
        for m in self._models_for(caller):
            if m["id"] == name:
                return JSONResponse(m)
        raise ApiError(
            404, say.model_not_here(name), type_="invalid_request_error", code="model_not_found"
        )

    async def stored_response(self, request: Request) -> Response:
        """``GET /v1/responses/{id}``: a response the upstream keeps, restored and screened
        at the exit like the answer was — only the caller's own (any other id is 404, as
        an unknown one), and only where the conversation is kept here."""
        caller = authenticate(request, self.runtime)
        response_id = request.path_params["response_id"]
        kept = self.runtime.conversations
        model = (
            await run_in_threadpool(
                kept.model_of, response_id, municipality=caller.municipality, user=caller.user
            )
            if kept is not None
            else None
        )
        upstream = self.upstreams.get(model) if model is not None else None
        if upstream is None or not hasattr(upstream, "get"):
            raise ApiError(
                404, say.RESPONSE_NOT_HERE, type_="invalid_request_error", code="response_not_found"
            )
        conversation = await run_in_threadpool(load_conversation, self.runtime, caller, response_id)
        try:
            result = await upstream.get(f"responses/{response_id}")
        except UpstreamError as exc:
            raise ApiError(exc.status, str(exc), type_="upstream_error", code=exc.code) from None
        if result.status >= 400:
            raise ApiError(
                result.status if result.status < 500 else 502,
                "upstream error",
                type_="upstream_error",
                code=f"http_{result.status}",
            )
        policy = self.runtime.policy_for(caller.municipality)
        try:
            screen = conversation_screen(policy, conversation)
            data, found = finish_whole(RESPONSES_SHAPE, result.body, conversation.mapping, screen)
        except Exception:
            raise check_failed() from None
        # A retrieval gives restored values back: recorded like an answer (who, which
        # conversation turn, what the exit screening removed), before it is sent.
        rid = getattr(request.state, "request_id", None) or new_request_id()
        try:
            await run_in_threadpool(
                self.runtime.audit.append,
                "retrieval",
                rid,
                {
                    "endpoint": "responses.retrieve",
                    "user": caller.user,
                    "department": caller.department,
                    "municipality": caller.municipality,
                    "model": model,
                    "output": outcome_summary(found),
                },
                chain=caller.municipality,
            )
        except Exception:
            raise audit_unavailable() from None
        return JSONResponse(data, headers={"x-hinagata-request-id": rid})

    async def openapi(self, request: Request) -> Response:
        """The declared request schemas: what the gateway forwards (no key needed)."""
        return JSONResponse(openapi([m.name for m in self.config.models]))

    async def healthz(self, request: Request) -> Response:
        try:
            self.audit.anchor()
        except Exception:
            return JSONResponse({"status": "unavailable", "database": "error"}, status_code=503)
        return JSONResponse({"status": "ok"})

    async def metrics_endpoint(self, request: Request) -> Response:
        return Response(generate_latest(self.metrics.registry), media_type=CONTENT_TYPE_LATEST)

    async def prune_forever(self) -> None:
        """Apply the transcripts' retention every hour (in every worker: deleting what is
        already gone is harmless)."""
        while True:
            try:
                await run_in_threadpool(self.prune_transcripts)
            except Exception:
                log.error("transcript retention run failed")
            await asyncio.sleep(3600)

    def api_routes(self) -> list[BaseRoute]:
        """The API's routes (under ``/v1/``, plus health and metrics)."""

        async def chat(request: Request) -> Response:
            return await self.handle(request, "chat")

        async def completions(request: Request) -> Response:
            return await self.handle(request, "completions")

        async def embeddings(request: Request) -> Response:
            return await self.handle(request, "embeddings")

        async def responses(request: Request) -> Response:
            return await self.handle(request, "responses")

        async def messages(request: Request) -> Response:
            return await self.handle(request, "messages")

        async def count_tokens(request: Request) -> Response:
            return await self.handle(request, "count_tokens")

        docs = self.documents_api
        return [
            Route("/v1/chat/completions", chat, methods=["POST"]),
            Route("/v1/completions", completions, methods=["POST"]),
            Route("/v1/embeddings", embeddings, methods=["POST"]),
            Route("/v1/responses", responses, methods=["POST"]),
            Route("/v1/responses/{response_id}", self.stored_response, methods=["GET"]),
            Route("/v1/messages", messages, methods=["POST"]),
            Route("/v1/messages/count_tokens", count_tokens, methods=["POST"]),
            Route("/v1/models", self.models, methods=["GET"]),
            Route("/v1/models/{model:path}", self.model, methods=["GET"]),
            Route("/v1/hinagata/documents", docs.check, methods=["POST"], name="document_check"),
            Route(
                "/v1/hinagata/documents/{sha256}",
                docs.provenance,
                methods=["GET"],
                name="document_provenance",
            ),
            Route("/v1/openapi.json", self.openapi, methods=["GET"]),
            Route("/healthz", self.healthz, methods=["GET"]),
            Route("/metrics", self.metrics_endpoint, methods=["GET"]),
        ]
