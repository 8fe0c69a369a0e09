"""The OpenAI-compatible gateway (ASGI, Starlette): judge, mask, forward, restore, audit.

Per request: authenticate the key → read and validate the body → collect every text slot →
one judgment over all of them (against the model's catalog service, the key's
municipality policy and the grants in scope) → write the decision to the audit chain
*before* anything leaves → forward as written (``allow``), masked with this request's own
placeholder table (``allow_masked``), or refuse with 403 (``review``/``deny``) → restore
placeholders in the answer, streamed deltas and tool-call arguments included → write the
outcome. Anything that fails in detection, policy, database or audit refuses the request
(5xx) and nothing reaches the upstream. Logs and metrics never carry text.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import hashlib
import json
import logging
import re
import time
import uuid
from collections import Counter as Tally
from collections.abc import AsyncIterator, Mapping
from typing import Any
from urllib.parse import quote

import httpx
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from hinagata._check import Policies, national_policy
from hinagata.decide import CHECK_FAILED, Decision, User, decide
from hinagata.detect import default_detector
from hinagata.gateway._analyse import Analysis, LargeRequestPool, analyse
from hinagata.gateway._config import GatewayConfig
from hinagata.gateway._limits import RateLimitUnavailable, make_limiter
from hinagata.gateway._metrics import Metrics
from hinagata.gateway._payload import (
    BadRequest,
    ExitState,
    StreamRestoreState,
    answer_text,
    append_to_answer,
    append_to_chunk,
    chunk_text,
    findings_by_slot,
    generalised_counts,
    join_slots,
    mask_slots,
    restore_response,
    screen_response,
)
from hinagata.gateway._schema import Slot, openapi, parse, render
from hinagata.gateway._screen import Screening, outcome, plan
from hinagata.gateway._strictjson import BadJSON
from hinagata.gateway._strictjson import loads as strict_loads
from hinagata.gateway._upstream import UpstreamError, make_upstream
from hinagata.guard import OutputFinding, OutputRules, OutputScreen
from hinagata.guard import default_detector as default_injection_detector
from hinagata.ingest import check_bytes
from hinagata.mask import Generalisation, Masker
from hinagata.policy import Policy, load_policy
from hinagata.policy._model import Disclosure
from hinagata.services import UnknownServiceError
from hinagata.store import (
    WIDE_AUDIT,
    AuditLog,
    Database,
    Documents,
    Grants,
    KeyInfo,
    Keys,
    Scope,
    Transcripts,
)

__all__ = [
    "Gateway",
    "create_app",
    "load_gateway_policies",
    "prune_transcripts",
    "transcript_database",
]

log = logging.getLogger("hinagata.gateway")

#: Between the model's text and a disclosure the policy appends to it.
_SUFFIX_SEPARATOR = "\n\n"
_ENDPOINTS = {"chat": "chat/completions", "completions": "completions", "embeddings": "embeddings"}
_VERDICT_MESSAGE = {
    "review": "この内容は、審査機関の許可がなければ送信できません。",
    "deny": "この内容は、このAIサービスには送信できません。",
}


def _error(
    status: int, message: str, *, type_: str, code: str, param: str | None = None, **extra: Any
) -> JSONResponse:
    body: dict[str, Any] = {
        "error": {"message": message, "type": type_, "code": code, "param": param, **extra}
    }
    return JSONResponse(body, status_code=status)


def _check_failed_response() -> JSONResponse:
    """Fail closed: the check could not be completed, so nothing was sent."""
    return _error(
        503,
        "確認を完了できなかったため、送信を止めました。時間をおいて再度お試しください / the check could not be completed; nothing was sent",
        type_="service_unavailable",
        code=CHECK_FAILED,
    )


def load_gateway_policies(config: GatewayConfig) -> tuple[Policies | None, Policy | None]:
    """The policies a config names, checked against its models; raises with a clear message.

    A shared platform (``municipalities``) gets one policy per municipality, keyed by the
    name in the config, which must be the municipality its policy layer declares.
    """
    policies: Policies | None = None
    policy: Policy | None = None
    if config.municipalities:
        loaded = []
        for m in config.municipalities:
            p = load_policy(config.path(m.policy))
            if p.municipality != m.name:
                raise ValueError(
                    f"municipalities の「{m.name}」に指定した規定は「{p.municipality or '国のひな型'}」のものです / "
                    f"the policy given for {m.name!r} is for {p.municipality!r}"
                )
            loaded.append(p)
        policies = Policies(loaded)
        every = loaded
    else:
        policy = load_policy(config.path(config.policy)) if config.policy else national_policy()
        every = [policy]
    # Every service a route names must exist in the catalogs it will be judged with.
    for route in config.models:
        for p in every:
            if route.municipalities and p.municipality not in route.municipalities:
                continue
            p.catalog.get(route.service)
    return policies, policy


def transcript_database(config: GatewayConfig, main: Database) -> Database:
    """Where kept transcripts go: their own database when the config names one."""
    url = config.transcripts.database_url
    if not url:
        return main
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/"):
        url = prefix + str(config.path(url[len(prefix) :]).resolve())
    db = Database(url)
    db.migrate()
    return db


def prune_transcripts(store: Transcripts, policies: Policies | None, policy: Policy | None) -> int:
    """Delete transcripts past each policy's retention; returns how many were deleted."""
    removed = 0
    if policies is not None:
        for p in policies:
            if p.transcripts is not None:
                removed += store.prune(
                    p.transcripts.retention_days, municipality=p.municipality or ""
                )
    elif policy is not None and policy.transcripts is not None:
        removed += store.prune(policy.transcripts.retention_days)
    return removed


class Gateway:
    """Everything a request needs, built once at start-up."""

    def __init__(
        self, config: GatewayConfig, *, upstreams: Mapping[str, Any] | None = None
    ) -> None:
        self.config = config
        self.db = Database(config.database())
        self.db.migrate()
        self.audit = AuditLog(self.db, config.secret())
        self.keys = Keys(self.db)
        self.grants = Grants(self.db)
        self.transcripts = Transcripts(transcript_database(config, self.db))
        self.documents = Documents(self.db)
        self.policies, self.policy = load_gateway_policies(config)
        self.routes = {m.name: m for m in config.models}
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
        self._inflight: dict[int, int] = {}

    def policy_for(self, key: KeyInfo) -> Policy:
        if self.policies is not None:
            return self.policies[key.municipality]
        assert self.policy is not None
        return self.policy

    def prune_transcripts(self) -> int:
        """Delete transcripts past each policy's retention; returns how many."""
        return prune_transcripts(self.transcripts, self.policies, self.policy)

    async def close(self) -> None:
        self.large.close()
        await self.client.aclose()
        await self.limiter.close()
        if self.transcripts.db is not self.db:
            self.transcripts.db.dispose()
        self.db.dispose()

    # ------------------------------------------------------------------ helpers

    def _auth(self, request: Request) -> KeyInfo | JSONResponse:
        header = request.headers.get("authorization", "")
        token = (
            header[7:].strip()
            if header.lower().startswith("bearer ")
            else request.headers.get("api-key", "")
        )
        if not token:
            return _error(
                401,
                "APIキーがありません / missing API key",
                type_="authentication_error",
                code="invalid_api_key",
            )
        try:
            key = self.keys.lookup(token)
        except Exception:
            log.error("key lookup failed (database)")
            return _error(
                503,
                "認証を確認できませんでした / cannot check the key right now",
                type_="service_unavailable",
                code="store_unavailable",
            )
        if key is None:
            return _error(
                401,
                "APIキーが無効か、取り消されています / invalid or revoked API key",
                type_="authentication_error",
                code="invalid_api_key",
            )
        return key

    async def _body(self, request: Request, limit: int | None = None) -> Any:
        limit = limit or self.config.limits.max_body_bytes
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise BadRequest(
                f"リクエストが大きすぎます（上限 {limit} バイト） / request too large",
                None,
                "request_too_large",
            )
        chunks = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise BadRequest(
                    f"リクエストが大きすぎます（上限 {limit} バイト） / request too large",
                    None,
                    "request_too_large",
                )
            chunks.append(chunk)
        raw = b"".join(chunks)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise BadRequest(
                "本文が UTF-8 ではありません / the body is not valid UTF-8", None, "invalid_utf8"
            ) from None
        try:
            return strict_loads(text)
        except BadJSON as exc:
            raise BadRequest(str(exc), None, exc.code) from None

    def _audit_decision(
        self,
        rid: str,
        key: KeyInfo,
        model: str,
        service: str,
        d: Decision,
        endpoint: str,
        unreadable: list[str],
        screening: Screening | None = None,
        use_case: str | None = None,
    ) -> None:
        findings = Tally(f.type for f in d.findings if f.personal)
        self.audit.append(
            "decision",
            rid,
            {
                "endpoint": endpoint,
                "user": key.user,
                "department": key.department,
                "municipality": key.municipality,
                "model": model,
                "service": service,
                "verdict": d.verdict,
                "class": d.information_class,
                "findings": dict(sorted(findings.items())),
                "sensitive": list(d.sensitive),
                "unreadable_parts": dict(sorted(Tally(unreadable).items())),
                "injection": screening.audit() if screening is not None else None,
                "clauses": list(d.clauses),
                "reasons": [r.code for r in d.reasons],
                "grants": list(d.grants),
                "use_case": use_case,
                "policy_version": d.policy_version,
                "policy_hash": d.policy_hash,
            },
        )

    async def _write(self, fn: Any, *args: Any) -> Any:
        """A database write: inline on SQLite (a local file, measured faster), in a thread
        on a server database, so the event loop serves other requests while it commits."""
        if self.db.is_sqlite:
            return fn(*args)
        return await run_in_threadpool(fn, *args)

    async def _judge_and_record(
        self,
        rid: str,
        key: KeyInfo,
        route: Any,
        model: str,
        joined: str,
        endpoint: str,
        unreadable: list[str],
        screening: Screening,
        use_case: str | None = None,
        findings: Any = None,
    ) -> Decision | JSONResponse:
        """The judgment and the decision record; any failure refuses the request."""
        t0 = time.perf_counter()
        decision: Decision | None
        try:
            policy = self.policy_for(key)
            service = policy.catalog.get(route.service)
            user = User(
                id=key.user,
                department=key.department,
                municipality=key.municipality,
                roles=key.roles,
                trained=key.trained,
            )
            grants = self.grants.active_for(
                service=service.id, municipality=policy.municipality or key.municipality
            )
            decision = decide(
                joined,
                service,
                policy,
                user=user,
                grants=grants,
                unreadable=bool(unreadable),
                injection=screening.injection,
                untrusted_injection=screening.untrusted_injection,
                use_case=use_case,
                findings=findings,
            )
        except (KeyError, UnknownServiceError):
            log.error("no policy or service for the key's municipality (request %s)", rid)
            decision = None
        except Exception:
            log.error("judgment failed (request %s)", rid)
            decision = None
        self.metrics.judgment.observe(time.perf_counter() - t0)
        if decision is None or any(r.code == CHECK_FAILED for r in decision.reasons):
            self.metrics.errors.labels(endpoint, "check_failed").inc()
            return _check_failed_response()
        self.metrics.requests.labels(endpoint, decision.verdict).inc()
        try:
            await self._write(
                self._audit_decision,
                rid,
                key,
                model,
                decision.service,
                decision,
                endpoint,
                unreadable,
                screening,
                use_case,
            )
        except Exception:
            log.error("audit decision write failed (request %s)", rid)
            self.metrics.errors.labels(endpoint, "audit_failed").inc()
            return _error(
                503,
                "監査ログに記録できないため、送信を止めました / the audit log is unavailable; nothing was sent",
                type_="service_unavailable",
                code="audit_unavailable",
            )
        return decision

    def _audit_outcome(
        self,
        rid: str,
        status: int,
        started: float,
        usage: Any,
        output: list[OutputFinding] | None = None,
    ) -> None:
        try:
            self.audit.append(
                "outcome",
                rid,
                {
                    "status": status,
                    "latency_ms": round((time.perf_counter() - started) * 1000, 1),
                    "usage": usage if isinstance(usage, dict) else None,
                    # Kinds, actions and hosts or types only: never the text.
                    "output": _output_summary(output) if output else None,
                },
            )
        except Exception:
            log.error("audit outcome write failed (request %s)", rid)

    def _headers(self, rid: str, d: Decision, disclosure: Disclosure | None) -> dict[str, str]:
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

    def _output_screen(
        self,
        policy: Policy,
        endpoint: str,
        slots: list[Slot],
        joined: str,
        decision: Decision,
    ) -> OutputScreen | None:
        """The exit screening the policy asks for (None: none, or nothing to screen)."""
        o = policy.output
        if o is None or endpoint == "embeddings":
            return None
        screen = OutputScreen(
            OutputRules(o.exfiltration, o.system_prompt_leak, o.new_personal, o.allowed_domains),
            request_text=joined,
            request_values=[f.text for f in decision.findings if f.personal],
            system_texts=[
                s.text
                for s in slots
                if endpoint == "chat" and s.kind == "content" and s.role in ("system", "developer")
            ],
        )
        return screen if screen.active else None

    # ------------------------------------------------------------------ endpoints

    async def handle(self, request: Request, endpoint: str, key: KeyInfo | None = None) -> Response:
        """One request through the pipeline. ``key``: a caller already authenticated another
        way (the web application's chat page acts as the signed-in user, without an API
        key); None: the request's API key."""
        started = time.perf_counter()
        rid = "req_" + uuid.uuid4().hex[:20]
        try:
            if key is None:
                found = self._auth(request)
                if isinstance(found, JSONResponse):
                    self.metrics.errors.labels(endpoint, "auth").inc()
                    return found
                key = found
            limit = self.config.limits.max_concurrent_per_key
            if limit and self._inflight.get(key.id, 0) >= limit:
                self.metrics.errors.labels(endpoint, "too_many_concurrent").inc()
                return _error(
                    429,
                    f"同じキーで同時に送れるのは {limit} 件までです。前の送信が終わってから再度お試しください / "
                    f"at most {limit} requests at once per key",
                    type_="rate_limit_error",
                    code="too_many_concurrent",
                )
            self._inflight[key.id] = self._inflight.get(key.id, 0) + 1
            try:
                return await self._handle_as(request, endpoint, rid, started, key)
            finally:
                left = self._inflight[key.id] - 1
                if left:
                    self._inflight[key.id] = left
                else:
                    del self._inflight[key.id]
        except ClientDisconnect:
            return Response(status_code=499)
        finally:
            self.metrics.latency.labels(endpoint).observe(time.perf_counter() - started)

    async def _handle_as(
        self, request: Request, endpoint: str, rid: str, started: float, key: KeyInfo
    ) -> Response:
        if self.policies is not None and key.municipality not in self.policies:
            self.metrics.errors.labels(endpoint, "municipality_not_configured").inc()
            return _error(
                403,
                f"このキーの団体「{key.municipality}」の規定がゲートウェイに設定されていません。管理者に連絡してください / "
                "no policy is configured for this key's municipality",
                type_="permission_error",
                code="municipality_not_configured",
            )
        try:
            limited = await self.limiter.check(key.user, key.department)
        except RateLimitUnavailable:
            log.error("the shared rate-limit store is unavailable (request %s)", rid)
            self.metrics.errors.labels(endpoint, "rate_limit_unavailable").inc()
            return _error(
                503,
                "利用回数を確認できないため、送信を止めました。時間をおいて再度お試しください / the rate-limit store is unavailable; nothing was sent",
                type_="service_unavailable",
                code="rate_limit_unavailable",
            )
        if limited:
            self.metrics.errors.labels(endpoint, "rate_limited").inc()
            return _error(
                429,
                "利用回数の上限に達しました。しばらく待ってから再度お試しください / rate limit exceeded",
                type_="rate_limit_error",
                code=f"rate_limit_{limited}",
            )
        try:
            body = await self._body(request)
            model = body.get("model") if isinstance(body, dict) else None
            if not isinstance(model, str) or model not in self.routes:
                raise BadRequest(
                    f"モデル「{model}」は利用できません。利用できるモデル: {', '.join(self.routes)} / model not available",
                    "model",
                    "model_not_found",
                )
            route = self.routes[model]
            if route.municipalities and key.municipality not in route.municipalities:
                raise BadRequest(
                    f"モデル「{model}」はこの団体では利用できません / model not available here",
                    "model",
                    "model_not_found",
                )
            use_case = request.headers.get("x-hinagata-use-case") or None
            if use_case is not None and not _USE_CASE.fullmatch(use_case):
                raise BadRequest(
                    "x-hinagata-use-case は利用申請の番号（例: UC-12）で指定してください / "
                    "x-hinagata-use-case must be a use-case id such as UC-12",
                    "x-hinagata-use-case",
                    "invalid_use_case",
                )
            marked = _marked_messages(request, body)
            parsed = parse(
                endpoint,
                body,
                max_messages=self.config.limits.max_messages,
                max_parts=self.config.limits.max_parts,
                extra_fields=route.extra_fields,
            )
            slots, unreadable = parsed.slots, parsed.unreadable
            stream = bool(body.get("stream")) if endpoint != "embeddings" else False
        except BadRequest as exc:
            self.metrics.errors.labels(endpoint, exc.code).inc()
            status = (
                413
                if exc.code == "request_too_large"
                else 404
                if exc.code == "model_not_found"
                else 400
            )
            return _error(
                status, str(exc), type_="invalid_request_error", code=exc.code, param=exc.param
            )

        # --- prompt injection by who wrote each part, then personal values across all
        # parts and their boundaries (fail closed). CPU-bound: inline for ordinary
        # requests (a thread pool only adds GIL contention, measured with
        # bench/gateway.py), in a worker process for large ones.
        try:
            the_plan = plan(endpoint, slots, self.policy_for(key), marked, key.roles)
            texts = [s.text for s in slots]
            size = sum(map(len, texts))
            kinds = [s.kind for s in slots]
            analysis: Analysis = (
                await self.large.analyse(texts, the_plan.kinds, the_plan.notice, kinds)
                if size >= self.config.limits.large_request_chars
                else analyse(texts, the_plan.kinds, the_plan.notice, kinds)
            )
            screening = outcome(endpoint, slots, the_plan, analysis.injection)
        except Exception:
            log.error("screening or detection failed (request %s)", rid)
            self.metrics.errors.labels(endpoint, "check_failed").inc()
            return _check_failed_response()
        # The model gets the policy's notice instead of each quarantined passage.
        slots = screening.slots
        joined, starts = join_slots(slots)
        judged = await self._judge_and_record(
            rid,
            key,
            route,
            model,
            joined,
            endpoint,
            unreadable,
            screening,
            use_case,
            analysis.findings,
        )
        if isinstance(judged, JSONResponse):
            return judged
        decision = judged
        disclosure = self.policy_for(key).disclosure if endpoint != "embeddings" else None
        headers = self._headers(rid, decision, disclosure)
        if screening.quarantined:
            headers["x-hinagata-quarantined"] = ",".join(screening.quarantined)
        injection = [f.to_dict() for f in screening.flagged]
        if decision.verdict in ("review", "deny"):
            reasons = [r.to_dict() for r in decision.reasons]
            text = (
                _VERDICT_MESSAGE[decision.verdict]
                + " "
                + " ".join(
                    f"〔{r['clause']} {r['title']}〕{r['message']} {r['remedy']}" for r in reasons
                )
            )
            resp = _error(
                403,
                text,
                type_="policy_violation",
                code=decision.verdict,
                reasons=reasons,
                injection=injection,
            )
            resp.headers.update(headers)
            await self._write(self._audit_outcome, rid, 403, started, None)
            return resp

        # --- exit screening, prepared before anything is sent (fail closed) -------------
        try:
            out_screen = self._output_screen(
                self.policy_for(key), endpoint, slots, joined, decision
            )
        except Exception:
            log.error("exit screening could not be prepared (request %s)", rid)
            self.metrics.errors.labels(endpoint, "check_failed").inc()
            await self._write(self._audit_outcome, rid, 503, started, None)
            return _check_failed_response()

        # --- forward ------------------------------------------------------------------
        # The upstream gets a body rebuilt from the declared, judged parts only.
        mapping: dict[str, str] = {}
        sent = [s.text for s in slots]
        done: list[Generalisation] = []
        if decision.verdict == "allow_masked":
            masker = Masker()
            sent = mask_slots(
                masker,
                slots,
                findings_by_slot(decision.findings, slots, starts),
                findings_by_slot(decision.generalise, slots, starts)
                if decision.generalise
                else None,
                done,
            )
            mapping = masker.mapping
            if done:
                # How many descriptions of each kind were generalised, never the values.
                headers["x-hinagata-generalised"] = generalised_counts(done)
        forward = render(parsed.template, sent)
        keep = self.policy_for(key).transcripts
        keep_answer = keep is not None and keep.keep
        if keep_answer:
            # The policy requires the full text to be kept: if it cannot be, nothing is sent.
            try:
                await self._write(self._keep_transcript, rid, key, model, joined)
            except Exception:
                log.error("transcript write failed (request %s)", rid)
                self.metrics.errors.labels(endpoint, "transcript_unavailable").inc()
                resp = _error(
                    503,
                    "規定により全文を保存する必要がありますが、保存できないため送信を止めました / the policy requires keeping the transcript, which failed; nothing was sent",
                    type_="service_unavailable",
                    code="transcript_unavailable",
                )
                resp.headers.update(headers)
                await self._write(self._audit_outcome, rid, 503, started, None)
                return resp
        upstream = self.upstreams[model]
        try:
            result = await _cancel_on_disconnect(
                request, upstream.call(_ENDPOINTS[endpoint], forward, stream=stream)
            )
        except UpstreamError as exc:
            self.metrics.upstream_errors.labels(model, exc.code).inc()
            await self._write(self._audit_outcome, rid, exc.status, started, None)
            resp = _error(exc.status, str(exc), type_="upstream_error", code=exc.code)
            resp.headers.update(headers)
            return resp
        except asyncio.CancelledError:
            self._audit_outcome(rid, 499, started, None)
            raise
        if result.status >= 400:
            self.metrics.upstream_errors.labels(model, f"http_{result.status}").inc()
            await self._write(self._audit_outcome, rid, result.status, started, None)
            body_out = (
                result.body
                if isinstance(result.body, dict)
                else {"error": {"message": "upstream error", "type": "upstream_error"}}
            )
            return JSONResponse(
                body_out, status_code=result.status if result.status < 500 else 502, headers=headers
            )
        if result.lines is None:
            data = restore_response(result.body, mapping)
            output: list[OutputFinding] = []
            if out_screen is not None:
                try:
                    # A large answer is screened in the worker, like a large request.
                    if len(answer_text(data)) >= self.config.limits.large_request_chars:
                        data, output = await self.large.screen_answer(data, out_screen)
                    else:
                        output = screen_response(data, out_screen)
                except Exception:
                    # Fail closed: an answer that could not be checked is not shown.
                    log.error("exit screening failed (request %s)", rid)
                    self.metrics.errors.labels(endpoint, "output_check_failed").inc()
                    await self._write(self._audit_outcome, rid, 503, started, None)
                    resp = _error(
                        503,
                        "回答を確認できなかったため、表示を止めました。時間をおいて再度お試しください / the answer could not be checked and was withheld",
                        type_="service_unavailable",
                        code="output_check_failed",
                    )
                    resp.headers.update(headers)
                    return resp
            if output:
                headers["x-hinagata-output"] = ",".join(
                    f"{k}={v}" for k, v in sorted(Tally(f.kind for f in output).items())
                )
            meta: dict[str, Any] = {}
            if isinstance(data, dict) and disclosure is not None:
                if disclosure.append_to_answer:
                    append_to_answer(data, _SUFFIX_SEPARATOR + disclosure.text)
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
            if done:
                # Counts by kind only: the generalised values never leave the gateway.
                meta["generalised"] = dict(Tally(g.kind for g in done))
            if isinstance(data, dict) and meta:
                data["hinagata"] = {
                    "verdict": decision.verdict,
                    "clauses": list(decision.clauses),
                    **meta,
                }
            usage = data.get("usage") if isinstance(data, dict) else None
            # The outcome is recorded after the answer is on its way: it adds no latency.
            outcome_task = BackgroundTask(
                self._after_answer,
                rid,
                result.status,
                started,
                usage,
                answer_text(data) if keep_answer else None,
                output,
            )
            return JSONResponse(
                data, status_code=result.status, headers=headers, background=outcome_task
            )
        return StreamingResponse(
            self._stream(
                result,
                mapping,
                rid,
                started,
                _SUFFIX_SEPARATOR + disclosure.text
                if disclosure is not None and disclosure.append_to_answer
                else "",
                keep_answer,
                out_screen,
            ),
            media_type="text/event-stream",
            headers={**headers, "cache-control": "no-cache"},
        )

    async def _stream(
        self,
        result: Any,
        mapping: Mapping[str, str],
        rid: str,
        started: float,
        suffix: str,
        keep_answer: bool,
        out_screen: OutputScreen | None = None,
    ) -> AsyncIterator[bytes]:
        state = StreamRestoreState(mapping)
        exit_state = ExitState(out_screen) if out_screen is not None else None
        kept: list[str] | None = [] if keep_answer else None
        usage: Any = None
        status = 200
        template: dict[str, Any] | None = None
        try:
            async for line in result.lines:
                if not line.startswith("data:"):
                    continue
                payload = line[5:].strip()
                if payload == "[DONE]":
                    tails = state.pending()
                    if exit_state is not None:
                        try:
                            tails = {k: exit_state.feed(k, t) for k, t in tails.items()}
                            for k, t in exit_state.pending().items():
                                tails[k] = tails.get(k, "") + t
                        except Exception as exc:
                            raise OutputCheckError from exc
                    for (idx, name), tail in tails.items():
                        if not tail:
                            continue
                        if kept is not None:
                            kept.append(tail)
                        yield _sse(_tail_chunk(template, idx, name, tail))
                    yield b"data: [DONE]\n\n"
                    continue
                try:
                    obj = json.loads(payload)
                except json.JSONDecodeError:
                    continue
                template = obj if isinstance(obj, dict) else template
                if isinstance(obj, dict) and obj.get("usage"):
                    usage = obj["usage"]
                obj = state.chunk(obj)
                if exit_state is not None:
                    try:
                        obj = exit_state.chunk(obj)
                    except Exception as exc:
                        raise OutputCheckError from exc
                if suffix:
                    obj = append_to_chunk(obj, suffix)
                if kept is not None:
                    kept.append(chunk_text(obj))
                yield _sse(obj)
        except (asyncio.CancelledError, GeneratorExit):
            status = 499
            raise
        except OutputCheckError:
            status = 503
            yield _sse(
                {
                    "error": {
                        "message": "回答を確認できなかったため、続きの表示を止めました / the answer could not be checked; the rest was withheld",
                        "type": "service_unavailable",
                        "code": "output_check_failed",
                    }
                }
            )
        except httpx.HTTPError:
            status = 502
            yield _sse(
                {
                    "error": {
                        "message": "上流のAIとの接続が切れました / the upstream connection broke",
                        "type": "upstream_error",
                        "code": "upstream_stream_broken",
                    }
                }
            )
        finally:
            if result.close is not None:
                with contextlib.suppress(Exception):
                    await result.close()
            self._after_answer(
                rid,
                status,
                started,
                usage,
                "".join(kept) if kept is not None else None,
                exit_state.findings if exit_state is not None else None,
            )

    def _after_answer(
        self,
        rid: str,
        status: int,
        started: float,
        usage: Any,
        answer: str | None,
        output: list[OutputFinding] | None = None,
    ) -> None:
        self._audit_outcome(rid, status, started, usage, output)
        if answer is not None:
            try:
                self.transcripts.set_answer(rid, answer)
            except Exception:
                log.error("transcript answer write failed (request %s)", rid)

    def _keep_transcript(self, rid: str, key: KeyInfo, model: str, prompt: str) -> None:
        self.transcripts.add(
            rid,
            user=key.user,
            department=key.department,
            municipality=key.municipality,
            model=model,
            prompt=prompt,
        )

    # ------------------------------------------------------------------ RAG ingestion

    async def document_check(self, request: Request) -> Response:
        """Check a document before a RAG pipeline indexes it, and record its provenance.

        Body: ``{"source", "owner"?, "title"?, "text"}`` or with ``"content_base64"`` and
        ``"filename"`` (.docx, .xlsx, .pdf, .html, .md, .txt …) instead of ``text``.
        """
        rid = "doc_" + uuid.uuid4().hex[:20]
        key = self._auth(request)
        if isinstance(key, JSONResponse):
            return key
        limits = self.config.limits
        try:
            body = await self._body(request, limit=limits.max_document_bytes * 4 // 3 + 65536)
            data, filename, meta = _document_request(body)
        except BadRequest as exc:
            status = 413 if exc.code == "request_too_large" else 400
            return _error(
                status, str(exc), type_="invalid_request_error", code=exc.code, param=exc.param
            )
        try:
            report = await run_in_threadpool(
                check_bytes,
                data,
                filename,
                max_bytes=limits.max_document_bytes,
                detector=default_detector(),
                injection_detector=self.injection_detector,
            )
        except Exception:
            log.error("document check failed (request %s)", rid)
            return _error(
                503,
                "文書を検査できませんでした。時間をおいて再度お試しください / the document could not be checked",
                type_="service_unavailable",
                code=CHECK_FAILED,
            )
        result = report.to_dict()
        try:
            record = await self._write(
                lambda: self.documents.add(
                    sha256=report.sha256 or hashlib.sha256(data).hexdigest(),
                    source=meta["source"],
                    owner=meta["owner"],
                    title=meta["title"],
                    filename=filename,
                    checked_by=key.user,
                    department=key.department,
                    municipality=key.municipality,
                    verdict=report.verdict,
                    chars=report.chars,
                    injection={
                        "score": result["injection"]["score"],
                        "categories": result["injection"]["categories"],
                    },
                    personal=result["personal"],
                    rules_version=report.rules_version,
                )
            )
            await self._write(
                self.audit.append,
                "document",
                rid,
                {
                    "user": key.user,
                    "department": key.department,
                    "municipality": key.municipality,
                    "sha256": record.sha256,
                    "verdict": report.verdict,
                    "categories": result["injection"]["categories"],
                    "personal": result["personal"],
                },
            )
        except Exception:
            log.error("document provenance write failed (request %s)", rid)
            return _error(
                503,
                "検査の記録を保存できなかったため、結果を返せません。索引に取り込まないでください / the check could not be recorded; do not index the document",
                type_="service_unavailable",
                code="provenance_unavailable",
            )
        status = 422 if report.verdict == "error" else 200
        return JSONResponse(
            {**result, "provenance": record.to_dict(), "request_id": rid}, status_code=status
        )

    async def document_provenance(self, request: Request) -> Response:
        """Every recorded check of the document with this SHA-256 in the key's scope."""
        key = self._auth(request)
        if isinstance(key, JSONResponse):
            return key
        sha = request.path_params["sha256"].lower()
        if not _SHA256.fullmatch(sha):
            return _error(
                400,
                "SHA-256 は16進数64文字で指定してください / give the SHA-256 as 64 hex digits",
                type_="invalid_request_error",
                code="invalid_hash",
                param="sha256",
            )
        # Like every other data: the key's municipality, and its department unless wide.
        scope = Scope.of(key, shared=self.policies is not None, wide=WIDE_AUDIT)
        records = await run_in_threadpool(lambda: self.documents.for_hash(sha, scope=scope))
        if not records:
            return _error(
                404,
                "この文書の検査記録はありません。取り込む前に検査してください / this document has not been checked",
                type_="invalid_request_error",
                code="document_not_checked",
            )
        return JSONResponse({"sha256": sha, "checks": [r.to_dict() for r in records]})

    async def models(self, request: Request) -> Response:
        key = self._auth(request)
        if isinstance(key, JSONResponse):
            return key
        if not key.trained:
            return JSONResponse({"object": "list", "data": []})
        data = [
            {
                "id": m.name,
                "object": "model",
                "created": 0,
                "owned_by": "hinagata",
                "service": m.service,
            }
            for m in self.config.models
            if not m.municipalities or key.municipality in m.municipalities
        ]
        return JSONResponse({"object": "list", "data": data})

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


_SHA256 = re.compile(r"[0-9a-f]{64}")
_USE_CASE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


def _document_request(body: Any) -> tuple[bytes, str, dict[str, str]]:
    """The document's bytes, its file name and its provenance fields; BadRequest if wrong."""
    if not isinstance(body, dict):
        raise BadRequest(
            "リクエストの本文はJSONオブジェクトでなければなりません / the body must be a JSON object"
        )
    meta: dict[str, str] = {}
    for name, limit, required in (
        ("source", 2000, True),
        ("owner", 200, False),
        ("title", 500, False),
    ):
        value = body.get(name, "")
        if not isinstance(value, str) or len(value) > limit or (required and not value.strip()):
            raise BadRequest(
                f"{name} は{limit}文字以内の文字列で指定してください"
                + ("（必須）" if required else "")
                + f" / {name} must be a string of at most {limit} characters"
                + (" (required)" if required else ""),
                name,
            )
        meta[name] = value.strip()
    filename = body.get("filename", "")
    if not isinstance(filename, str) or len(filename) > 500:
        raise BadRequest(
            "filename は文字列で指定してください / filename must be a string", "filename"
        )
    text, b64 = body.get("text"), body.get("content_base64")
    if (text is None) == (b64 is None):
        raise BadRequest(
            "text か content_base64 のどちらか一方を指定してください / give either text or content_base64",
            "text",
        )
    if text is not None:
        if not isinstance(text, str):
            raise BadRequest("text は文字列で指定してください / text must be a string", "text")
        return text.encode("utf-8"), filename or "document.txt", meta
    if not isinstance(b64, str) or not filename:
        raise BadRequest(
            "content_base64 には filename（拡張子で形式を判断します）が必要です / content_base64 needs a filename",
            "filename",
        )
    try:
        data = base64.b64decode(b64, validate=True)
    except (binascii.Error, ValueError):
        raise BadRequest(
            "content_base64 が正しい Base64 ではありません / content_base64 is not valid base64",
            "content_base64",
            "invalid_base64",
        ) from None
    return data, filename, meta


def _marked_messages(request: Request, body: Any) -> frozenset[int]:
    """``x-hinagata-untrusted-messages: 2,3``: messages the caller says came from outside."""
    raw = request.headers.get("x-hinagata-untrusted-messages", "").strip()
    if not raw:
        return frozenset()
    count = len(body.get("messages") or []) if isinstance(body, dict) else 0
    try:
        marked = frozenset(int(x) for x in raw.split(",") if x.strip())
    except ValueError:
        marked = frozenset({-1})
    if any(i < 0 or i >= count for i in marked):
        raise BadRequest(
            "x-hinagata-untrusted-messages はメッセージの番号（0から）をカンマ区切りで指定してください / "
            "x-hinagata-untrusted-messages must list message indexes (from 0), comma-separated",
            "x-hinagata-untrusted-messages",
            "invalid_untrusted_messages",
        )
    return marked


class OutputCheckError(RuntimeError):
    """The exit screening of a streamed answer failed: the rest is withheld."""


def _output_summary(found: list[OutputFinding]) -> dict[str, Any]:
    tally = Tally(f"{f.kind}:{f.action}:{f.detail}" for f in found)
    return dict(sorted(tally.items()))


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


async def _cancel_on_disconnect(request: Request, coro: Any) -> Any:
    """Run ``coro``; if the client goes away first, cancel it (and the upstream call)."""
    task = asyncio.ensure_future(coro)

    async def watch() -> None:
        while not task.done():
            if await request.is_disconnected():
                task.cancel()
                return
            await asyncio.sleep(0.05)

    watcher = asyncio.ensure_future(watch())
    try:
        return await task
    finally:
        watcher.cancel()


def create_app(config: GatewayConfig, *, upstreams: Mapping[str, Any] | None = None) -> Starlette:
    """The ASGI application for ``config`` (``upstreams`` replaces upstream clients in tests)."""
    gw = Gateway(config, upstreams=upstreams)

    async def chat(request: Request) -> Response:
        return await gw.handle(request, "chat")

    async def completions(request: Request) -> Response:
        return await gw.handle(request, "completions")

    async def embeddings(request: Request) -> Response:
        return await gw.handle(request, "embeddings")

    async def prune_forever() -> None:
        # Retention runs in every worker; deleting what is already gone is harmless.
        while True:
            try:
                await run_in_threadpool(gw.prune_transcripts)
            except Exception:
                log.error("transcript retention run failed")
            await asyncio.sleep(3600)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pruner = asyncio.create_task(prune_forever())
        yield
        pruner.cancel()
        await gw.close()

    async def not_found(request: Request, exc: Exception) -> Response:
        if web and not request.url.path.startswith("/v1/"):
            return gw.web.render(  # type: ignore[attr-defined,no-any-return]
                request,
                "error.html.j2",
                {"title": "ページが見つかりません", "message": "URLを確かめてください。"},
                status=404,
            )
        return _error(
            404, "そのURLはありません / not found", type_="invalid_request_error", code="not_found"
        )

    async def method_not_allowed(request: Request, exc: Exception) -> Response:
        return _error(
            405,
            "そのメソッドは使えません / method not allowed",
            type_="invalid_request_error",
            code="method_not_allowed",
        )

    async def server_error(request: Request, exc: Exception) -> Response:
        log.error("unhandled error: %s", type(exc).__name__)
        return _error(
            500,
            "内部エラーが発生しました。送信は行っていません / internal error; nothing was sent",
            type_="server_error",
            code="internal_error",
        )

    web: list[Any] = []
    if config.web.enabled:
        from hinagata.web import web_routes

        web = web_routes(gw)
    app = Starlette(
        routes=[
            *web,
            Route("/v1/chat/completions", chat, methods=["POST"]),
            Route("/v1/completions", completions, methods=["POST"]),
            Route("/v1/embeddings", embeddings, methods=["POST"]),
            Route("/v1/models", gw.models, methods=["GET"]),
            Route("/v1/hinagata/documents", gw.document_check, methods=["POST"]),
            Route("/v1/hinagata/documents/{sha256}", gw.document_provenance, methods=["GET"]),
            Route("/v1/openapi.json", gw.openapi, methods=["GET"]),
            Route("/healthz", gw.healthz, methods=["GET"]),
            Route("/metrics", gw.metrics_endpoint, methods=["GET"]),
        ],
        lifespan=lifespan,
        exception_handlers={404: not_found, 405: method_not_allowed, 500: server_error},
    )
    app.state.gateway = gw
    return app
