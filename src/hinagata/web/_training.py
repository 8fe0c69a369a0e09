"""研修 (training before use): the course generated from the account's effective policy,
the quiz answered by the engine, the handout, and the records for the CAIO・利用管理者.

* ``/training`` — the account's state (trained until when, or why not) and the course: a
  lesson per chapter the account's department uses, with worked examples.
* ``POST /training/quiz`` opens an attempt (a fresh seed); ``/training/quiz/{id}`` shows
  its questions (the owner's only: to anyone else it does not exist) and takes the
  answers once — scored against the engine's judgment, the score stored, the answers not.
* ``/training/handout/{fmt}`` — the course as printable HTML or a PDF.
* ``/admin/training`` and its CSV export — completion by department, expiring soon and
  every completed attempt, in the account's audit scope (the municipality for CAIO・管理者,
  the department for 利用管理者), like the dashboard.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from hinagata.render import FontMissingError
from hinagata.store import WIDE_AUDIT, Account, SessionInfo
from hinagata.training import (
    Attempt,
    TrainingState,
    build_course,
    course_version,
    current_versions,
    draw,
    question_pool,
    records_csv,
    render_handout_html,
    score,
    state_for,
    state_of,
)
from hinagata.web._app import WebApp
from hinagata.web._download import attachment

__all__ = ["EXPIRING_DAYS", "TrainingPages", "training_panel"]

#: "Expiring soon" on the records page: within this many days.
EXPIRING_DAYS = 30
#: Roles that take the quiz (those who use generative AI).
_TAKERS = ("staff", "usage_admin", "reviewer")

_PDF_CACHE: dict[tuple[str, str, str], bytes] = {}


class TrainingPages:
    def __init__(self, web: WebApp) -> None:
        self.web = web
        self.records = web.runtime.training

    # ------------------------------------------------------------------ helpers

    def _state(self, account: Account) -> TrainingState:
        policy = self.web._policy(account)
        return state_for(
            self.records,
            policy,
            municipality=account.municipality,
            login=account.login,
            department=account.department,
            confirmed=account.trained,
        )

    def _course_page(
        self, request: Request, session: SessionInfo, *, error: str = "", status: int = 200
    ) -> HTMLResponse:
        a = session.account
        policy = self.web._policy(a)
        course = build_course(policy, a.department)
        history = self.records.completed(scope=self.web.scope(session), login=a.login)
        return self.web.render(
            request,
            "training.html.j2",
            {
                "course": course,
                "state": self._state(a),
                "history": history[:10],
                "error": error,
                "takes_quiz": a.has(*_TAKERS),
            },
            status=status,
            session=session,
        )

    def _not_found(self, request: Request, session: SessionInfo) -> HTMLResponse:
        return self.web.render(
            request,
            "error.html.j2",
            {
                "title": "確認テストが見つかりません",
                "message": "この番号の確認テストはありません。「研修」の画面から、もう一度はじめてください。",
            },
            status=404,
            session=session,
        )

    # ------------------------------------------------------------------ the course

    async def course(self, request: Request) -> Response:
        session = self.web.require(request)
        if not isinstance(session, SessionInfo):
            return session
        return await run_in_threadpool(self._course_page, request, session)

    async def handout(self, request: Request) -> Response:
        session = self.web.require(request)
        if not isinstance(session, SessionInfo):
            return session
        fmt = request.path_params["fmt"]
        if fmt not in ("html", "pdf"):
            return self.web.render(
                request,
                "error.html.j2",
                {
                    "title": "形式が正しくありません",
                    "message": "研修資料は html 又は pdf で作成できます。",
                },
                status=404,
                session=session,
            )
        a = session.account
        policy = self.web._policy(a)
        html = await run_in_threadpool(
            lambda: render_handout_html(build_course(policy, a.department))
        )
        if fmt == "html":
            resp = HTMLResponse(html)
            # The handout's own styles are inline; nothing else may load or run.
            resp.headers.update(
                {
                    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; "
                    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
                    "x-content-type-options": "nosniff",
                    "x-frame-options": "DENY",
                    "cache-control": "no-store",
                }
            )
            return resp
        key = (policy.content_hash, a.department, dt.date.today().isoformat())
        data = _PDF_CACHE.get(key)
        if data is None:
            try:
                data = await run_in_threadpool(_pdf, html)
            except FontMissingError as exc:
                return self.web.render(
                    request,
                    "error.html.j2",
                    {"title": "PDFを作成できません", "message": str(exc)},
                    status=503,
                    session=session,
                )
            if len(_PDF_CACHE) > 32:
                _PDF_CACHE.clear()
            _PDF_CACHE[key] = data
        return Response(
            data,
            media_type="application/pdf",
            headers={
                "content-disposition": attachment("研修資料.pdf"),
                "x-content-type-options": "nosniff",
                "cache-control": "no-store",
            },
        )

    # ------------------------------------------------------------------ the quiz

    async def quiz_start(self, request: Request) -> Response:
        session = self.web.require(request, *_TAKERS)
        if not isinstance(session, SessionInfo):
            return session
        form = await request.form(max_files=0, max_fields=5)
        if not self.web.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            return await run_in_threadpool(
                lambda: self._course_page(
                    request,
                    session,
                    error="画面の有効期限が切れました。もう一度「確認テストを受ける」を押してください。",
                    status=400,
                )
            )
        a = session.account
        policy = self.web._policy(a)
        if policy.training is None:
            return await run_in_threadpool(
                lambda: self._course_page(
                    request,
                    session,
                    error="この団体の規定は確認テストを定めていません。受講の確認は利用管理者に依頼してください。",
                    status=400,
                )
            )
        versions = current_versions(policy, a.department)
        attempt = self.records.start(
            municipality=a.municipality,
            department=a.department,
            login=a.login,
            policy_version=policy.version,
            course_version=course_version(versions),
            chapters=versions,
            questions=policy.training.questions,
            pass_mark=policy.training.pass_mark,
        )
        return RedirectResponse(f"/training/quiz/{attempt.id}", status_code=303)

    def _questions(self, attempt: Attempt, account: Account) -> list[Any] | None:
        """The attempt's questions, or None where the policy changed since it began."""
        policy = self.web._policy(account)
        versions = current_versions(policy, attempt.department)
        if course_version(versions) != attempt.course_version:
            return None
        return draw(question_pool(policy, attempt.department), attempt.questions, attempt.seed)

    def _changed(self, request: Request, session: SessionInfo) -> HTMLResponse:
        return self.web.render(
            request,
            "error.html.j2",
            {
                "title": "規定が変わりました",
                "message": "この確認テストをはじめてから規定が変わったため、問題が変わりました。"
                "「研修」の画面で教材を確かめ、もう一度はじめてください。",
            },
            status=409,
            session=session,
        )

    def _own_attempt(self, request: Request) -> tuple[SessionInfo, Attempt] | Response:
        """The signed-in user's own attempt named in the path (anyone else's: not found)."""
        session = self.web.require(request, *_TAKERS)
        if not isinstance(session, SessionInfo):
            return session
        a = session.account
        attempt = self.records.own(
            request.path_params["attempt_id"], municipality=a.municipality, login=a.login
        )
        if attempt is None:
            return self._not_found(request, session)
        return session, attempt

    async def quiz_page(self, request: Request) -> Response:
        own = self._own_attempt(request)
        if not isinstance(own, tuple):
            return own
        session, attempt = own
        a = session.account
        questions = await run_in_threadpool(self._questions, attempt, a)
        if questions is None and attempt.open:
            return self._changed(request, session)
        return self.web.render(
            request,
            "training_quiz.html.j2",
            {
                "attempt": attempt,
                "questions": questions or [],
                "error": "",
                "given": {},
                "result": None,
            },
            session=session,
        )

    async def quiz_submit(self, request: Request) -> Response:
        own = self._own_attempt(request)
        if not isinstance(own, tuple):
            return own
        session, attempt = own
        a = session.account
        form = await request.form(max_files=0, max_fields=100)
        questions = await run_in_threadpool(self._questions, attempt, a)
        if questions is None:
            return self._changed(request, session)
        given = {q.id: str(form.get(q.id, "")) for q in questions}
        ctx: dict[str, Any] = {"attempt": attempt, "questions": questions, "given": given}
        if not self.web.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            return self.web.render(
                request,
                "training_quiz.html.j2",
                {**ctx, "result": None,
                 "error": "画面の有効期限が切れました。答えはそのままです。もう一度「答え合わせをする」を押してください。"},
                status=400,
                session=session,
            )  # fmt: skip
        if not attempt.open:
            return self.web.render(
                request,
                "training_quiz.html.j2",
                {**ctx, "given": {}, "result": None,
                 "error": "この確認テストは答え合わせが済んでいます。もう一度受けるときは「研修」の画面からはじめてください。"},
                status=409,
                session=session,
            )  # fmt: skip
        missing = [i + 1 for i, q in enumerate(questions) if not given[q.id]]
        if missing:
            return self.web.render(
                request,
                "training_quiz.html.j2",
                {**ctx, "result": None,
                 "error": "答えていない問題があります（問" + "・".join(map(str, missing)) + "）。すべての問題に答えてください。"},
                status=400,
                session=session,
            )  # fmt: skip
        policy = self.web._policy(a)
        training = policy.training
        valid_days = training.valid_days if training is not None else 365
        result = score(questions, given, attempt.pass_mark)
        done = self.records.finish(
            attempt.id,
            login=a.login,
            municipality=a.municipality,
            correct=result.correct,
            passed=result.passed,
            valid_days=valid_days,
        )
        if done is None:  # closed meanwhile (a second tab)
            return self.web.render(
                request,
                "training_quiz.html.j2",
                {**ctx, "given": {}, "result": None,
                 "error": "この確認テストは答え合わせが済んでいます。"},
                status=409,
                session=session,
            )  # fmt: skip
        return self.web.render(
            request,
            "training_quiz.html.j2",
            {**ctx, "attempt": done, "result": result, "error": ""},
            session=session,
        )

    # ------------------------------------------------------------------ the records

    async def records_page(self, request: Request) -> Response:
        session = self.web.require(request, "admin", "usage_admin")
        if not isinstance(session, SessionInfo):
            return session
        panel = await run_in_threadpool(training_panel, self.web, session)
        return self.web.render(
            request,
            "training_admin.html.j2",
            {"t": panel, "scope": self.web.scope(session, WIDE_AUDIT).department},
            session=session,
        )

    async def export(self, request: Request) -> Response:
        session = self.web.require(request, "admin", "usage_admin")
        if not isinstance(session, SessionInfo):
            return session
        scope = self.web.scope(session, WIDE_AUDIT)
        attempts = await run_in_threadpool(lambda: self.records.completed(scope=scope))
        today = dt.date.today().isoformat()
        return Response(
            records_csv(attempts),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": attachment(f"hinagata-training-{today}.csv")},
        )


def _pdf(html: str) -> bytes:
    import tempfile
    from pathlib import Path

    from hinagata.render import write_pdf

    with tempfile.TemporaryDirectory(prefix="hinagata-handout-") as d:
        out = Path(d) / "handout.pdf"
        write_pdf(html, out)
        return out.read_bytes()


def training_panel(web: WebApp, session: SessionInfo) -> dict[str, Any]:
    """Completion by department, who expires soon and who must take the course again, in
    the account's audit scope (the dashboard's panel and the records page)."""
    scope = web.scope(session, WIDE_AUDIT)
    records = web.runtime.training
    accounts = [a for a in web.accounts.all(scope=scope) if a.active and a.has(*_TAKERS)]
    completed = records.completed(scope=scope)
    latest: dict[tuple[str, str], Attempt] = {}
    for att in completed:  # newest first
        if att.passed:
            latest.setdefault((att.municipality, att.login), att)
    now = dt.datetime.now(dt.UTC)
    soon = now + dt.timedelta(days=EXPIRING_DAYS)
    by_dept: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    expiring: list[tuple[Account, TrainingState]] = []
    untrained: list[tuple[Account, TrainingState]] = []
    for a in accounts:
        if not web.runtime.serves(a.municipality):
            continue
        policy = web.runtime.policy_for(a.municipality)
        st = state_of(
            policy,
            a.department,
            confirmed=a.trained,
            attempt=latest.get((a.municipality, a.login)),
            now=now,
        )
        counts = by_dept[a.department or "（所属未設定）"]
        counts[1] += 1
        if st.trained:
            counts[0] += 1
            if st.expires_at is not None and st.expires_at <= soon:
                expiring.append((a, st))
        else:
            untrained.append((a, st))
    expiring.sort(key=lambda x: x[1].expires_at or now)
    departments = [
        (d, done, total, round(done * 100 / total) if total else 0)
        for d, (done, total) in sorted(by_dept.items())
    ]
    return {
        "departments": departments,
        "expiring": expiring,
        "untrained": untrained,
        "completed": completed[:50],
        "total": sum(t for _, _, t, _ in departments),
        "trained": sum(d for _, d, _, _ in departments),
        "expiring_days": EXPIRING_DAYS,
    }
