"""One request through the gateway, as named steps (:meth:`Pipeline.run`).

admit → read → screen → judge and record → (refuse) → prepare the exit → forward →
restore → record the outcome. Each step raises :class:`ApiError` when the request must
stop; once the decision is in the audit chain, every stop is also an outcome record,
written in one place (:meth:`Pipeline.record_outcome`). Anything that fails in detection,
policy, database or audit refuses the request (5xx) and nothing reaches the upstream.
Logs and metrics never carry text.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from hinagata.config import Limits, ModelRoute
from hinagata.decide import CHECK_FAILED, Decision, Grant
from hinagata.gateway import _messages as say
from hinagata.gateway._analyse import LargeRequestPool, analyse
from hinagata.gateway._answer import (
    SUFFIX_SEPARATOR,
    decision_headers,
    mark_answer,
    output_header,
    stream_answer,
)
from hinagata.gateway._attribution import Share, attribute, messages_header, refusal_entries
from hinagata.gateway._conversation import (
    DEFAULT_RETENTION_DAYS,
    HISTORY,
    history_slots,
    previous_id,
    stored,
    with_joined,
)
from hinagata.gateway._conversation import keep_turn as keep_conversation_turn
from hinagata.gateway._conversation import load as load_conversation
from hinagata.gateway._errors import (
    ApiError,
    audit_unavailable,
    bad_request,
    check_failed,
    unavailable,
)
from hinagata.gateway._events import (
    Channels,
    OutputCheckError,
    deep_restore,
    screen_rest,
    stream_events,
)
from hinagata.gateway._limits import Limiter, RateLimitUnavailable
from hinagata.gateway._metrics import Metrics
from hinagata.gateway._payload import (
    answer_text,
    generalised_counts,
    join_slots,
    restore_response,
    screen_response,
)
from hinagata.gateway._read import ReadRequest, read_request
from hinagata.gateway._records import decision_record, outcome_record, write
from hinagata.gateway._schema import BadRequest, Slot, render
from hinagata.gateway._screen import Screening, plan
from hinagata.gateway._screen import outcome as screened
from hinagata.gateway._shapes import MESSAGES_SHAPE, RESPONSES_SHAPE, Shape, finish_whole
from hinagata.gateway._upstream import UpstreamError, UpstreamResponse
from hinagata.guard import OutputFinding, OutputRules, OutputScreen
from hinagata.judge import Judgment, Reading, judge
from hinagata.mask import Generalisation, restore
from hinagata.policy import Disclosure, Policy
from hinagata.runtime import Caller, Runtime
from hinagata.services import UnknownServiceError
from hinagata.store import Conversation

__all__ = ["Exchange", "Pipeline"]

log = logging.getLogger("hinagata.gateway")

_ENDPOINTS = {
    "chat": "chat/completions",
    "completions": "completions",
    "embeddings": "embeddings",
    "responses": "responses",
    "messages": "messages",
    "count_tokens": "messages/count_tokens",
}
#: The endpoints whose answers are typed event streams (their shape of answer).
_SHAPES = {
    "responses": RESPONSES_SHAPE,
    "messages": MESSAGES_SHAPE,
    "count_tokens": MESSAGES_SHAPE,
}
#: Endpoints with messages whose system and developer parts are the operator's prompt.
_CONVERSATIONS = frozenset({"chat", "responses", "messages", "count_tokens"})


@dataclass
class Exchange:
    """One request on its way: who asks, what they sent, and what each step found."""

    request: Request
    endpoint: str
    caller: Caller
    rid: str
    started: float
    #: The policy for the caller's municipality (resolved once, at admission).
    policy: Policy
    read: ReadRequest
    #: The parts after screening (the policy's notice instead of a quarantined passage).
    slots: list[Slot] = field(default_factory=list)
    screening: Screening = field(default_factory=lambda: Screening([]))
    #: Every part joined (what the judgment reads), and where each part starts in it.
    joined: str = ""
    starts: list[int] = field(default_factory=list)
    #: What the engine's reading of the parts found (injection results, personal values
    #: across every part: the judgment reuses them), and its judgment of them.
    reading: Reading | None = None
    judgment: Judgment | None = None
    headers: dict[str, str] = field(default_factory=dict)
    #: The earlier turns of a conversation the upstream keeps (``previous_response_id``).
    conversation: Conversation | None = None
    #: The use case as the audit records it (see :func:`recorded_use_case`).
    use_case: str | None = None

    @property
    def disclosure(self) -> Disclosure | None:
        return self.policy.disclosure if self.endpoint != "embeddings" else None


@dataclass
class Exit:
    """What leaves: the rebuilt body, and how to restore and screen the answer."""

    forward: Any
    mapping: dict[str, str]
    generalised: list[Generalisation]
    screen: OutputScreen | None
    keep_answer: bool


class Pipeline:
    """The steps, with what they need: storage and policies, limits, upstreams, metrics."""

    def __init__(
        self,
        runtime: Runtime,
        *,
        metrics: Metrics,
        limiter: Limiter,
        upstreams: Mapping[str, Any],
        large: LargeRequestPool,
    ) -> None:
        self.runtime = runtime
        self.routes: dict[str, ModelRoute] = {m.name: m for m in runtime.config.models}
        self.metrics = metrics
        self.limiter = limiter
        self.upstreams = upstreams
        self.large = large

    @property
    def limits(self) -> Limits:
        return self.runtime.config.limits

    async def run(
        self, request: Request, endpoint: str, caller: Caller, rid: str, started: float
    ) -> Response:
        policy = await self.admit(caller, rid)
        read = await self.read(request, endpoint, caller)
        x = Exchange(request, endpoint, caller, rid, started, policy, read)
        if endpoint == "responses" and (pid := previous_id(read.slots)) is not None:
            try:
                x.conversation = await write(
                    self.runtime, load_conversation, self.runtime, caller, pid
                )
            except ApiError as exc:
                # An attempt at a conversation that is not the caller's (or gone) is on
                # record: who, and why it was refused (never the id they tried).
                await write(self.runtime, self._record_refusal, x, exc.code)
                raise
        await self.screen(x)
        decision = await self.judge_and_record(x)
        x.headers = decision_headers(rid, decision, x.disclosure)
        if x.judgment is not None and x.caller.via == "session":
            # The web chat shows each message's share of the verdict beside it.
            self._message_shares(x)
        if x.screening.quarantined:
            # Header values are Latin-1: anything else travels percent-encoded (UTF-8).
            x.headers["x-hinagata-quarantined"] = quote(
                ",".join(x.screening.quarantined), safe=",[]._-"
            )
        try:
            self.refuse_unless_allowed(x, decision)
            out = await self.prepare_exit(x, decision)
            result = await self.forward(x, out)
            return await self.restore(x, decision, out, result)
        except ApiError as exc:
            await write(self.runtime, self.record_outcome, x, exc.audit_status)
            raise
        except Exception:
            # A fault after the decision (an upstream client's bug, an unexpected library
            # error): recorded as an outcome like any stop, answered with the request id.
            log.error("request failed after its decision (request %s)", x.rid)
            await write(self.runtime, self.record_outcome, x, 500)
            raise ApiError(
                502, say.UPSTREAM_FAILED, type_="upstream_error", code="upstream_failed",
                headers=x.headers,
            ) from None  # fmt: skip

    # ------------------------------------------------------------------ the steps

    async def admit(self, caller: Caller, rid: str) -> Policy:
        """The caller's municipality has a policy here, and the caller is within the rate
        limits; returns that policy."""
        if not self.runtime.serves(caller.municipality):
            raise ApiError(
                403,
                say.municipality_not_configured(caller.municipality),
                type_="permission_error",
                code="municipality_not_configured",
                metric="municipality_not_configured",
            )
        try:
            # Windows per municipality: the 福祉課 of one city does not spend another's.
            limited = await self.limiter.check(
                f"{caller.municipality}\x00{caller.user}",
                f"{caller.municipality}\x00{caller.department}" if caller.department else "",
            )
        except RateLimitUnavailable:
            log.error("the shared rate-limit store is unavailable (request %s)", rid)
            raise unavailable(
                say.RATE_LIMIT_UNAVAILABLE,
                "rate_limit_unavailable",
                metric="rate_limit_unavailable",
            ) from None
        if limited:
            raise ApiError(
                429,
                say.RATE_LIMITED,
                type_="rate_limit_error",
                code=f"rate_limit_{limited}",
                metric="rate_limited",
            )
        return self.runtime.policy_for(caller.municipality)

    async def read(self, request: Request, endpoint: str, caller: Caller) -> ReadRequest:
        """The body, its model and its declared parts (400, 404 or 413 when wrong)."""
        try:
            return await read_request(request, endpoint, caller, self.routes, self.limits)
        except BadRequest as exc:
            raise bad_request(exc) from None

    async def screen(self, x: Exchange) -> None:
        """Prompt injection by who wrote each part, then personal values across all parts
        and their boundaries (fail closed). CPU-bound: inline for ordinary requests (a
        thread pool only adds GIL contention, measured with bench/gateway.py), in a worker
        process for large ones."""
        slots = x.read.slots
        if x.conversation is not None:
            slots = [*slots, *history_slots(x.conversation)]
        try:
            the_plan = plan(x.endpoint, slots, x.policy, x.read.marked, x.caller.roles)
            texts = [s.text for s in slots]
            kinds = [s.kind for s in slots]
            screening = x.policy.injection  # the municipality's mode and thresholds
            analysis = (
                await self.large.analyse(texts, the_plan.kinds, the_plan.notice, kinds, screening)
                if sum(map(len, texts)) >= self.limits.large_request_chars
                else analyse(texts, the_plan.kinds, the_plan.notice, kinds, screening)
            )
            x.screening = screened(x.endpoint, slots, the_plan, analysis.injection)
        except Exception:
            log.error("screening or detection failed (request %s)", x.rid)
            raise check_failed() from None
        if x.conversation is not None:
            # An attacked earlier answer cannot be replaced by the notice (the upstream
            # holds it): the judgment refuses it (clause 4.8).
            analysis = replace(
                analysis,
                quarantined=tuple(
                    q and k != HISTORY
                    for q, k in zip(
                        analysis.quarantined or (False,) * len(kinds), kinds, strict=True
                    )
                ),
            )
        x.reading = analysis
        # The model gets the policy's notice instead of each quarantined passage.
        x.slots = x.screening.slots
        x.joined, x.starts = join_slots(x.slots)

    async def judge_and_record(self, x: Exchange) -> Decision:
        """The judgment, and its record in the audit chain before anything leaves."""
        t0 = time.perf_counter()
        decision = self._judge(x)
        self.metrics.judgment.observe(time.perf_counter() - t0)
        if decision is None or any(r.code == CHECK_FAILED for r in decision.reasons):
            raise check_failed()
        self.metrics.requests.labels(x.endpoint, decision.verdict).inc()
        try:
            await write(self.runtime, self._record_decision, x, decision)
        except Exception:
            log.error("audit decision write failed (request %s)", x.rid)
            raise audit_unavailable() from None
        return decision

    def refuse_unless_allowed(self, x: Exchange, decision: Decision) -> None:
        """``review`` and ``deny``: 403 with the clauses and remedies; nothing is sent."""
        if decision.verdict not in ("review", "deny"):
            return
        reasons = [r.to_dict() for r in decision.reasons]
        named = self._refusal_messages(x)
        text = (
            say.VERDICT[decision.verdict]
            + say.caused_by([(e["message"], e["param"]) for e in named])
            + " "
            + " ".join(
                f"【{r['clause']} {r['title']}】{r['message']} {r['remedy']}" for r in reasons
            )
            + (say.EARLIER_ANSWER_ATTACKED if _earlier_answer_attacked(x) else "")
            + f"（問い合わせ番号: {x.rid}）"
        )
        injection = [f.to_dict() for f in x.screening.flagged]
        extra: dict[str, Any] = {"reasons": reasons, "injection": injection, "messages": named}
        training = x.policy.training
        if training is not None and any(r["clause"] in training.clauses for r in reasons):
            extra["training_url"] = "/training"  # the course (web/_training.py)
        raise ApiError(
            403,
            text,
            type_="policy_violation",
            code=decision.verdict,
            extra=extra,
            headers=x.headers,
        )

    def _shares(self, x: Exchange, edits: Any = None) -> list[Share]:
        """Each message's share of the one judgment (:mod:`._attribution`)."""
        if x.judgment is None or len(x.judgment.reading.texts) != len(x.slots):
            return []
        return attribute(x.slots, x.judgment, x.policy, edits)

    def _message_shares(self, x: Exchange, edits: Any = None) -> None:
        """``x-hinagata-messages`` (ASCII JSON; the web chat only)."""
        try:
            x.headers["x-hinagata-messages"] = messages_header(x.slots, self._shares(x, edits))
        except Exception:
            # An explanation only: the decision and the answer stand without it.
            log.error("the messages' shares could not be said (request %s)", x.rid)
            x.headers["x-hinagata-messages"] = "[]"

    def _refusal_messages(self, x: Exchange) -> list[dict[str, Any]]:
        """The messages a refusal's reasons rest on (never their text: an error body
        ends up in the client's logs)."""
        try:
            return refusal_entries(x.slots, self._shares(x))
        except Exception:
            # Naming the messages is an explanation: the refusal stands without it.
            log.error("the refusal's messages could not be named (request %s)", x.rid)
            return []

    async def prepare_exit(self, x: Exchange, decision: Decision) -> Exit:
        """Before anything is sent: the exit screening, the masked body, the transcript."""
        try:
            out_screen = self._output_screen(x, decision)
        except Exception:
            log.error("exit screening could not be prepared (request %s)", x.rid)
            raise check_failed() from None
        mapping, sent, done = self._mask(x, decision)
        keep = x.policy.transcripts
        keep_answer = keep is not None and keep.keep
        out = Exit(render(x.read.parsed.template, sent), mapping, done, out_screen, keep_answer)
        if keep_answer:
            # The policy requires the full text to be kept: if it cannot be, nothing is sent.
            try:
                await write(self.runtime, self._keep_transcript, x)
            except Exception:
                log.error("transcript write failed (request %s)", x.rid)
                raise unavailable(
                    say.TRANSCRIPT_UNAVAILABLE,
                    "transcript_unavailable",
                    metric="transcript_unavailable",
                    headers=x.headers,
                ) from None
        return out

    async def forward(self, x: Exchange, out: Exit) -> UpstreamResponse:
        """The upstream call (cancelled if the client goes away); its errors refuse."""
        model = x.read.model
        upstream = self.upstreams[model]
        try:
            result: UpstreamResponse = await _cancel_on_disconnect(
                x.request, upstream.call(_ENDPOINTS[x.endpoint], out.forward, stream=x.read.stream)
            )
        except UpstreamError as exc:
            self.metrics.upstream_errors.labels(model, exc.code).inc()
            raise ApiError(
                exc.status, str(exc), type_="upstream_error", code=exc.code, headers=x.headers
            ) from None
        except asyncio.CancelledError:
            self.record_outcome(x, 499)
            raise
        if result.status >= 400:
            self.metrics.upstream_errors.labels(model, f"http_{result.status}").inc()
            body: Any = {"error": {"message": "upstream error", "type": "upstream_error"}}
            if isinstance(result.body, dict):
                # The upstream's own error, in its own shape, but like an answer: restored
                # and through the exit screening (its message is the model side's text).
                try:
                    body, _ = screen_rest(deep_restore(result.body, out.mapping), out.screen)
                except OutputCheckError:
                    log.error("exit screening of an upstream error failed (request %s)", x.rid)
            raise ApiError(
                result.status if result.status < 500 else 502,
                "upstream error",
                type_="upstream_error",
                code=f"http_{result.status}",
                body=body,
                headers=x.headers,
                audit_status=result.status,
            )
        return result

    async def restore(
        self, x: Exchange, decision: Decision, out: Exit, result: UpstreamResponse
    ) -> Response:
        """The answer with the placeholders restored, screened at the exit, disclosed."""
        shape = _SHAPES.get(x.endpoint)
        if shape is not None:
            return await self.restore_shaped(x, decision, out, result, shape)
        if result.lines is not None:
            disclosure = x.disclosure
            suffix = (
                SUFFIX_SEPARATOR + disclosure.text
                if disclosure is not None and disclosure.append_to_answer
                else ""
            )

            def on_end(status: int, usage: Any, answer: str | None, output: Any) -> None:
                self.record_outcome(x, status, usage, answer, output)

            return StreamingResponse(
                stream_answer(
                    result,
                    out.mapping,
                    suffix,
                    out.keep_answer,
                    out.screen,
                    on_end,
                    chat=x.endpoint == "chat",
                ),
                media_type="text/event-stream",
                headers={**x.headers, "cache-control": "no-cache"},
            )
        kept: list[OutputFinding] = []
        data, found = await self._screen_answer(
            x, restore_response(result.body, out.mapping, out.screen, kept), out.screen
        )
        found = [*found, *kept]
        if found:
            x.headers["x-hinagata-output"] = output_header(found)
        injection = [f.to_dict() for f in x.screening.flagged]
        mark_answer(data, decision, x.disclosure, injection, found, out.generalised)
        usage = data.get("usage") if isinstance(data, dict) else None
        # The outcome is recorded after the answer is on its way: it adds no latency.
        task = BackgroundTask(
            self.record_outcome,
            x,
            result.status,
            usage,
            answer_text(data) if out.keep_answer else None,
            found,
        )
        return JSONResponse(data, status_code=result.status, headers=x.headers, background=task)

    async def restore_shaped(
        self, x: Exchange, decision: Decision, out: Exit, result: UpstreamResponse, shape: Shape
    ) -> Response:
        """:meth:`restore` for the Responses API and Anthropic Messages."""
        disclosure = x.disclosure
        suffix = (
            SUFFIX_SEPARATOR + disclosure.text
            if disclosure is not None and disclosure.append_to_answer
            else ""
        )
        if result.lines is not None:
            translator = shape.translator(Channels(out.mapping, out.screen), suffix)

            def on_end(status: int, usage: Any, answer: str | None, output: Any) -> None:
                self.record_outcome(x, status, usage, answer, output)
                rid = getattr(translator, "response_id", None)
                if status == 200 and isinstance(rid, str):
                    self.keep_turn(x, out, rid, "".join(translator.channels.raw))

            return StreamingResponse(
                stream_events(result, translator, out.keep_answer, on_end, say.STREAM_BROKEN),
                media_type="text/event-stream",
                headers={**x.headers, "cache-control": "no-cache"},
            )
        # The answer as the upstream holds it (restored, not screened), before the
        # screening changes the body: a kept turn is judged on it.
        keeps = shape is RESPONSES_SHAPE and self.runtime.conversations is not None
        raw = restore(shape.answer_text(result.body), out.mapping) if keeps else ""
        try:
            data, found = finish_whole(shape, result.body, out.mapping, out.screen)
        except OutputCheckError:
            raise _output_check_failed(x) from None
        if found:
            x.headers["x-hinagata-output"] = output_header(found)
        if suffix and isinstance(data, dict):
            shape.append(data, suffix)
        injection = [f.to_dict() for f in x.screening.flagged]
        mark_answer(data, decision, disclosure, injection, found, out.generalised, append=False)
        usage = data.get("usage") if isinstance(data, dict) else None
        task = BackgroundTask(
            self.record_outcome,
            x,
            result.status,
            usage,
            shape.answer_text(data) if out.keep_answer else None,
            found,
        )
        rid = data.get("id") if isinstance(data, dict) and shape is RESPONSES_SHAPE else None
        if result.status == 200 and isinstance(rid, str):
            # Kept before the answer goes: the client's next turn may follow at once. The
            # turn holds the answer as the upstream holds it (restored, not screened): an
            # attack the exit screening removed is judged when the conversation goes on.
            await write(self.runtime, self.keep_turn, x, out, rid, raw)
        return JSONResponse(data, status_code=result.status, headers=x.headers, background=task)

    def keep_turn(self, x: Exchange, out: Exit, response_id: str, answer: str) -> None:
        """Keep a Responses turn the upstream stores, for a later ``previous_response_id``
        (nothing where no conversation key is configured)."""
        if self.runtime.conversations is None or not stored(x.read.parsed.template):
            return
        keep = x.policy.transcripts
        try:
            keep_conversation_turn(
                self.runtime,
                x.caller,
                response_id=response_id,
                parent=x.conversation.response_id if x.conversation is not None else None,
                model=x.read.model,
                request_id=x.rid,
                slots=x.slots[: len(x.read.slots)],
                answer=answer,
                mapping=out.mapping,
                retention_days=keep.retention_days if keep is not None else DEFAULT_RETENTION_DAYS,
            )
        except Exception:
            log.error("conversation turn write failed (request %s)", x.rid)

    def record_outcome(
        self,
        x: Exchange,
        status: int,
        usage: Any = None,
        answer: str | None = None,
        output: list[OutputFinding] | None = None,
    ) -> None:
        """The ``outcome`` record, and the kept answer where the policy keeps it."""
        try:
            # In the decision's chain (the caller's municipality), named: no lookup.
            self.runtime.audit.append(
                "outcome",
                x.rid,
                outcome_record(status, x.started, usage, output),
                chain=x.caller.municipality,
            )
        except Exception:
            log.error("audit outcome write failed (request %s)", x.rid)
        if answer is not None:
            try:
                self.runtime.transcripts.set_answer(x.rid, answer)
            except Exception:
                log.error("transcript answer write failed (request %s)", x.rid)

    # ------------------------------------------------------------------ inside the steps

    def _judge(self, x: Exchange) -> Decision | None:
        """The decision over every part at once (the engine's judgment of the parts as
        read at the screening step); None where it could not be made."""
        if x.reading is None:
            return None
        x.use_case = recorded_use_case(x.read.use_case, ())
        try:
            service = x.policy.catalog.get(x.read.route.service)
            grants = self.runtime.grants_for(service.id, x.policy, x.caller)
            x.use_case = recorded_use_case(x.read.use_case, grants)
            x.judgment = judge(
                x.reading,
                service,
                x.policy,
                user=self.runtime.user_of(x.caller),
                grants=grants,
                unreadable=bool(x.read.unreadable),
                use_case=x.read.use_case,
                # One judgment of the whole request; each message's share of it is
                # attributed from it, never judged alone (ADR 0027).
                per_part=False,
            )
            return x.judgment.decision
        except (KeyError, UnknownServiceError):
            log.error("no policy or service for the key's municipality (request %s)", x.rid)
        except Exception:
            log.error("judgment failed (request %s)", x.rid)
        return None

    def _record_decision(self, x: Exchange, decision: Decision) -> None:
        record = decision_record(
            x.caller,
            x.read.model,
            x.endpoint,
            decision,
            x.read.unreadable,
            x.screening,
            x.use_case,
        )
        self.runtime.audit.append("decision", x.rid, record, chain=x.caller.municipality)

    def _record_refusal(self, x: Exchange, code: str) -> None:
        try:
            self.runtime.audit.append(
                "refused",
                x.rid,
                {
                    "endpoint": x.endpoint,
                    "user": x.caller.user,
                    "department": x.caller.department,
                    "municipality": x.caller.municipality,
                    "model": x.read.model,
                    "code": code,
                },
                chain=x.caller.municipality,
            )
        except Exception:
            log.error("audit refusal write failed (request %s)", x.rid)

    def _keep_transcript(self, x: Exchange) -> None:
        self.runtime.transcripts.add(
            x.rid,
            user=x.caller.user,
            department=x.caller.department,
            municipality=x.caller.municipality,
            model=x.read.model,
            prompt=x.joined,
        )

    def _output_screen(self, x: Exchange, decision: Decision) -> OutputScreen | None:
        """The exit screening the policy asks for (None: none, or nothing to screen)."""
        o = x.policy.output
        if o is None or x.endpoint == "embeddings":
            return None
        screen = OutputScreen(
            OutputRules(o.exfiltration, o.system_prompt_leak, o.new_personal, o.allowed_domains),
            request_text=x.joined,
            request_values=[f.text for f in decision.findings if f.personal],
            system_texts=with_joined(
                [
                    s.text
                    for s in x.slots
                    if x.endpoint in _CONVERSATIONS
                    and s.kind in ("content", HISTORY)  # an earlier turn's too
                    and s.role in ("system", "developer")
                ]
            ),
        )
        return screen if screen.active else None

    def _mask(
        self, x: Exchange, decision: Decision
    ) -> tuple[dict[str, str], list[str], list[Generalisation]]:
        """The texts to send (masked with this request's own placeholder table where the
        verdict says so), the table, and the descriptions generalised."""
        known = dict(x.conversation.mapping) if x.conversation is not None else {}
        if decision.verdict != "allow_masked" or x.judgment is None:
            # An answer may still name earlier turns' placeholders: they are restored.
            return known, [s.text for s in x.slots], []
        masked = x.judgment.mask(known)
        if x.caller.via == "session":
            # The web chat shows what each message became (〔氏名1〕, 80代).
            self._message_shares(x, masked.edits)
        if masked.generalised:
            # How many descriptions of each kind were generalised, never the values.
            x.headers["x-hinagata-generalised"] = generalised_counts(masked.generalised)
        return masked.mapping, masked.texts, masked.generalised

    async def _screen_answer(
        self, x: Exchange, data: Any, screen: OutputScreen | None
    ) -> tuple[Any, list[OutputFinding]]:
        """A whole answer through the exit screening (fail closed: 503, not shown)."""
        if screen is None:
            return data, []
        try:
            # A large answer is screened in the worker, like a large request.
            if len(answer_text(data)) >= self.limits.large_request_chars:
                return await self.large.screen_answer(data, screen)
            return data, screen_response(data, screen)
        except Exception:
            raise _output_check_failed(x) from None


def _earlier_answer_attacked(x: Exchange) -> bool:
    """Whether an earlier answer of the conversation (kept by the upstream) is attacked:
    only a new conversation can go on (the refusal says so)."""
    return any(f.param.startswith(HISTORY) for f in x.screening.flagged)


#: A use case of the registry (利用申請), as its grants name it.
_REGISTERED = re.compile(r"UC-[0-9]{1,6}")


def recorded_use_case(value: str | None, grants: Sequence[Grant]) -> str | None:
    """The ``x-hinagata-use-case`` header as the audit chain keeps it: a use case of the
    registry (``UC-12``) or one a grant names, else ``unregistered`` — the header is the
    client's free text, and the chain holds no personal value (a phone number or a
    romanised name in it would stay there for good)."""
    if value is None:
        return None
    if _REGISTERED.fullmatch(value) or any(g.use_case == value for g in grants):
        return value
    return "unregistered"


def _output_check_failed(x: Exchange) -> ApiError:
    """Fail closed at the exit: the answer is not shown (503)."""
    log.error("exit screening failed (request %s)", x.rid)
    return unavailable(
        say.OUTPUT_CHECK_FAILED, "output_check_failed", metric="output_check_failed",
        headers=x.headers,
    )  # fmt: skip


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
