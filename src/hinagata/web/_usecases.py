"""利用申請 (use-case registry), 審査 (the review body's queue and decisions) and the
permissions (grants) those decisions give, which the gateway enforces at once.

Who sees what (one :class:`hinagata.store.Scope` per request): staff and 利用管理者 see
their own department's cases; 審査委員 and CAIO・管理者 see every case of their
municipality. A case outside the scope does not exist for them (404). A returned case is
corrected by its applicant or the department's 利用管理者 only (403 for anyone else).
Grants made for the whole platform are listed for every municipality but revoked only by
the platform's operator. Changes carry the version they were made against; a stale one
is refused (409) with what was typed kept.

The form and the review page follow the risk sheet of :mod:`hinagata.governance`
(the Digital Agency's 2025 high-risk assessment, merged with DOMAIN.md's perspectives):
the applicant answers it, the reviewer answers it again (the applicant's answers
preselected) and the outcome is recorded with the decision, shown beside the policy's
pre-assessment. A decision is announced to the applicant (:mod:`hinagata.web._notices`):
in the header until read, and by e-mail where SMTP is configured.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from hinagata.governance import (
    ACTION_LABELS,
    AI_KINDS,
    DECISIONS,
    FIELDS,
    RISK_LABELS,
    RISK_QUESTIONS,
    RISK_SHEET_SOURCE,
    STATUSES,
    check_review,
    grant_fields,
    pre_assess,
    risk_level,
)
from hinagata.store import WIDE_CASES, Conflict, Scope, SessionInfo, UseCase, UseCases, may_edit
from hinagata.verdicts import LABELS
from hinagata.web._app import bounded_int
from hinagata.web._notices import deliver

if TYPE_CHECKING:
    from hinagata.web._app import WebApp

__all__ = ["UseCasePages"]

_REVIEWERS = ("reviewer",)
_VERDICT_LABELS = {v: label.usecase for v, label in LABELS.items()}


def _version(form: Any) -> int:
    """The version a change was made against (0, never a real one, if missing or bad)."""
    return bounded_int(form.get("version", "0")) or 0


class UseCasePages:
    def __init__(self, web: WebApp) -> None:
        self.web = web
        self.store = UseCases(web.runtime.db)

    # ------------------------------------------------------------------ helpers

    def _common(self, session: SessionInfo) -> dict[str, Any]:
        policy = self.web._policy(session.account)
        return {
            "FIELDS": FIELDS,
            "AI_KINDS": AI_KINDS,
            "STATUSES": STATUSES,
            "RISK_QUESTIONS": RISK_QUESTIONS,
            "RISK_LABELS": RISK_LABELS,
            "RISK_SHEET_SOURCE": RISK_SHEET_SOURCE,
            "VERDICT_LABELS": _VERDICT_LABELS,
            "DECISIONS": DECISIONS,
            "ACTION_LABELS": ACTION_LABELS,
            "class_names": list(policy.scheme.names),
            "scheme": policy.scheme.key,
            "services": list(policy.catalog.services),
            "service_names": {s.id: s.name for s in policy.catalog.services},
        }

    def _scope(self, session: SessionInfo) -> Scope:
        return self.web.scope(session, WIDE_CASES)

    def _case(self, request: Request, session: SessionInfo) -> UseCase | None:
        """The case of the path, if it is in the account's scope."""
        return self.store.get(request.path_params["case_id"], scope=self._scope(session))

    def _not_editable(self, request: Request, session: SessionInfo) -> HTMLResponse:
        return self.web.render(
            request,
            "error.html.j2",
            {
                "title": "この申請は修正できません",
                "message": "差し戻された申請を修正できるのは、申請者本人と所属の利用管理者です。",
            },
            status=403,
            session=session,
        )

    def _not_found(self, request: Request, session: SessionInfo) -> HTMLResponse:
        return self.web.render(
            request,
            "error.html.j2",
            {"title": "申請が見つかりません", "message": "番号を確かめてください。"},
            status=404,
            session=session,
        )

    def _validate(self, form: Any, session: SessionInfo) -> tuple[dict[str, Any], dict[str, str]]:
        common = self._common(session)
        values: dict[str, Any] = {
            "title": str(form.get("title", "")).strip()[:200],
            "field": str(form.get("field", "")),
            "ai_kind": str(form.get("ai_kind", "")),
            "classes": [str(c) for c in form.getlist("classes")],
            "service": str(form.get("service", "")),
            "description": str(form.get("description", "")).strip()[:5000],
            "risk_answers": {k: str(form.get(f"risk_{k}", "")) for k in RISK_QUESTIONS},
        }
        errors: dict[str, str] = {}
        if not values["title"]:
            errors["title"] = "件名を入力してください。"
        if values["field"] not in FIELDS:
            errors["field"] = "分野を選んでください。"
        if values["ai_kind"] not in AI_KINDS:
            errors["ai_kind"] = "AIの種類を選んでください。"
        if not values["classes"] or any(c not in common["class_names"] for c in values["classes"]):
            errors["classes"] = "扱う情報の機密性の分類を1つ以上選んでください。"
        if values["service"] not in {s.id for s in common["services"]}:
            errors["service"] = "利用するAIサービスを選んでください。"
        if not values["description"]:
            errors["description"] = "利用の内容（目的・使い方・入力する情報）を書いてください。"
        for k, (_label, choices) in RISK_QUESTIONS.items():
            if values["risk_answers"][k] not in choices:
                errors[f"risk_{k}"] = "いずれかを選んでください。"
        return values, errors

    def _derived(self, session: SessionInfo, values: dict[str, Any]) -> dict[str, Any]:
        policy = self.web._policy(session.account)
        assessment = pre_assess(policy, values["service"], values["classes"], values["ai_kind"])
        return {
            **values,
            "risk_level": risk_level(values["risk_answers"]),
            "assessment": assessment.to_dict(),
        }

    # ------------------------------------------------------------------ pages

    async def index(self, request: Request) -> Response:
        session = self.web.require(request)
        if not isinstance(session, SessionInfo):
            return session
        return await self._list(request, session, "利用申請", queue=False)

    async def queue(self, request: Request) -> Response:
        session = self.web.require(request, *_REVIEWERS)
        if not isinstance(session, SessionInfo):
            return session
        return await self._list(request, session, "審査待ちの申請", queue=True)

    async def _list(
        self, request: Request, session: SessionInfo, heading: str, *, queue: bool
    ) -> HTMLResponse:
        """The cases of the scope: all of them, or those waiting for review (``queue``)."""
        scope = self._scope(session)
        status = "submitted" if queue else None
        cases = await run_in_threadpool(lambda: self.store.find(scope=scope, status=status))
        return self.web.render(
            request,
            "usecases.html.j2",
            {**self._common(session), "cases": cases, "heading": heading, "queue": queue},
            session=session,
        )

    async def new_page(self, request: Request) -> Response:
        session = self.web.require(request, "staff", "usage_admin")
        if not isinstance(session, SessionInfo):
            return session
        return self._form(request, session, {}, {}, None)

    def _form(
        self,
        request: Request,
        session: SessionInfo,
        values: dict[str, Any],
        errors: dict[str, str],
        case: UseCase | None,
        status: int = 200,
    ) -> HTMLResponse:
        blank = {
            "title": "",
            "field": "",
            "ai_kind": "generative",
            "classes": [],
            "service": "",
            "description": "",
            "risk_answers": {},
        }
        return self.web.render(
            request,
            "usecase_form.html.j2",
            {**self._common(session), "v": {**blank, **values}, "errors": errors, "case": case},
            status=status,
            session=session,
        )

    async def create(self, request: Request) -> Response:
        session = self.web.require(request, "staff", "usage_admin")
        if not isinstance(session, SessionInfo):
            return session
        form = await request.form(max_files=0, max_fields=40)
        values, errors = self._validate(form, session)
        if not self.web.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            errors["form"] = (
                "画面の有効期限が切れました。内容を確認して、もう一度申請してください。"
            )
        if errors:
            return self._form(request, session, values, errors, None, status=400)
        a = session.account
        case = await run_in_threadpool(
            lambda: self.store.create(
                applicant=a.login,
                municipality=a.municipality,
                department=a.department,
                **self._derived(session, values),
            )
        )
        return RedirectResponse(f"/usecases/{case.id}?created=1", status_code=303)

    async def detail(self, request: Request) -> Response:
        session = self.web.require(request)
        if not isinstance(session, SessionInfo):
            return session
        case = self._case(request, session)
        if case is None:
            return self._not_found(request, session)
        a = session.account
        if case.applicant == a.login:  # the applicant has now read the decision
            found: UseCase = case
            await run_in_threadpool(
                lambda: self.web.notices.mark_read(a.login, a.municipality, use_case_id=found.id)
            )
        return self._detail(request, session, case, {}, {})

    def _detail(
        self,
        request: Request,
        session: SessionInfo,
        case: UseCase,
        review: dict[str, Any],
        errors: dict[str, str],
        status: int = 200,
        message: str = "",
    ) -> HTMLResponse:
        a = session.account
        history = self.store.history(case.id, scope=self._scope(session))
        sheets = [h for h in history if h.sheet]
        return self.web.render(
            request,
            "usecase.html.j2",
            {
                **self._common(session),
                "case": case,
                "history": history,
                # The reviewer's risk sheet of the latest decision, beside the pre-assessment.
                "sheet": sheets[-1] if sheets else None,
                "can_review": a.has(*_REVIEWERS) and case.status == "submitted",
                "can_edit": case.status == "returned"
                and a.has("staff", "usage_admin")
                and may_edit(self._scope(session), case),
                "r": {
                    "decision": "",
                    "conditions": "",
                    "rationale": "",
                    "grant": False,
                    "max_class": case.classes[-1] if case.classes else "",
                    "expires": "",
                    "sheet": dict(case.risk_answers),
                    "sheet_notes": "",
                    **review,
                },
                "errors": errors,
                "message": message
                or (
                    "申請しました。審査の結果はこの画面で確認できます。"
                    if request.query_params.get("created")
                    else ""
                ),
            },
            status=status,
            session=session,
        )

    async def review(self, request: Request) -> Response:
        session = self.web.require(request, *_REVIEWERS)
        if not isinstance(session, SessionInfo):
            return session
        case = self._case(request, session)
        if case is None:
            return self._not_found(request, session)
        scope = self._scope(session)
        form = await request.form(max_files=0, max_fields=20)
        current: UseCase = case
        r: dict[str, Any] = {
            "decision": str(form.get("decision", "")),
            "conditions": str(form.get("conditions", "")).strip()[:5000],
            "rationale": str(form.get("rationale", "")).strip()[:5000],
            "grant": form.get("grant") == "1",
            "max_class": str(form.get("max_class", "")),
            "expires": str(form.get("expires", "")).strip(),
            "sheet": {k: str(form.get(f"sheet_{k}", "")) for k in RISK_QUESTIONS},
            "sheet_notes": str(form.get("sheet_notes", "")).strip()[:5000],
        }
        errors: dict[str, str] = {}
        if not self.web.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            errors["form"] = "画面の有効期限が切れました。内容を確認して、もう一度送ってください。"
        checked, broken = check_review(
            r["decision"],
            r["conditions"],
            r["rationale"],
            class_names=self._common(session)["class_names"],
            grant=r["grant"],
            max_class=r["max_class"],
            expires=r["expires"],
            sheet=r["sheet"],
            sheet_notes=r["sheet_notes"],
            applicant_answers=case.risk_answers,
        )
        errors.update(broken)
        version = _version(form)
        if errors or checked is None:
            return self._detail(request, session, case, r, errors, status=400)
        review = checked
        grant = grant_fields(case, review.grant) if review.grant is not None else None
        try:
            decided, grant_id = await run_in_threadpool(
                lambda: self.store.record_review(
                    current.id,
                    version,
                    reviewer=session.account.login,
                    decision=review.decision,
                    conditions=review.conditions,
                    rationale=review.rationale,
                    grant=grant,
                    sheet=review.sheet.to_dict() if review.sheet is not None else None,
                    scope=scope,
                )
            )
        except Conflict:
            fresh = self.store.get(current.id, scope=scope) or current
            return self._detail(
                request,
                session,
                fresh,
                r,
                {
                    "form": "この申請は、ほかの審査委員が先に審査したか、申請者が修正しました。最新の内容と履歴を確認してください。"
                },
                status=409,
            )
        # The decision and its notice are stored; the e-mail comes last and cannot undo them.
        mail = await run_in_threadpool(
            lambda: deliver(self.web, self.web.notices, decided, review.conditions)
        )
        message = (
            f"「{DECISIONS[review.decision]}」として記録しました。"
            + (f"許可 {grant_id} は直ちに有効です。" if grant_id else "")
            + "申請者の画面にお知らせを表示しました。"
            + {
                "sent": "申請者にメールでも知らせました。",
                "failed": "申請者へのメールは送れませんでした（審査の結果は記録されています。"
                "理由は管理者の「お知らせのメール」画面に表示しています）。",
            }.get(mail, "")
        )
        return self._detail(request, session, decided, {}, {}, message=message)

    async def edit_page(self, request: Request) -> Response:
        session = self.web.require(request, "staff", "usage_admin")
        if not isinstance(session, SessionInfo):
            return session
        case = self._case(request, session)
        if case is None:
            return self._not_found(request, session)
        if not may_edit(self._scope(session), case):
            return self._not_editable(request, session)
        values = {
            "title": case.title,
            "field": case.field,
            "ai_kind": case.ai_kind,
            "classes": list(case.classes),
            "service": case.service,
            "description": case.description,
            "risk_answers": case.risk_answers,
        }
        return self._form(request, session, values, {}, case)

    async def edit(self, request: Request) -> Response:
        session = self.web.require(request, "staff", "usage_admin")
        if not isinstance(session, SessionInfo):
            return session
        case = self._case(request, session)
        if case is None:
            return self._not_found(request, session)
        scope = self._scope(session)
        if not may_edit(scope, case):
            return self._not_editable(request, session)
        form = await request.form(max_files=0, max_fields=40)
        values, errors = self._validate(form, session)
        if not self.web.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            errors["form"] = "画面の有効期限が切れました。内容を確認して、もう一度送ってください。"
        if errors:
            return self._form(request, session, values, errors, case, status=400)
        version = _version(form)
        current: UseCase = case
        try:
            await run_in_threadpool(
                lambda: self.store.resubmit(
                    current.id,
                    version,
                    actor=session.account.login,
                    scope=scope,
                    **self._derived(session, values),
                )
            )
        except Conflict:
            return self._form(
                request,
                session,
                values,
                {
                    "form": "この申請はすでに審査されたか、ほかの人が修正しました。最新の内容を確認してください。"
                },
                self.store.get(case.id, scope=scope) or case,
                status=409,
            )
        return RedirectResponse(f"/usecases/{case.id}", status_code=303)

    # ------------------------------------------------------------------ grants

    async def grants(self, request: Request) -> Response:
        session = self.web.require(request, *_REVIEWERS, "usage_admin")
        if not isinstance(session, SessionInfo):
            return session
        return self._grants(request, session, "")

    def _grants(
        self, request: Request, session: SessionInfo, message: str, status: int = 200
    ) -> HTMLResponse:
        a = session.account
        scope = self._scope(session)
        q = request.query_params.get("q", "").strip()
        rows = self.web.runtime.grants.search(q, scope=scope)
        revocable = (
            {r.id for r in rows if self.web.runtime.grants.revocable(r, scope)}
            if a.has(*_REVIEWERS)
            else set()
        )
        return self.web.render(
            request,
            "grants.html.j2",
            {
                **self._common(session),
                "grants": rows,
                "q": q,
                "message": message,
                "can_revoke": revocable,
            },
            status=status,
            session=session,
        )

    async def revoke_grant(self, request: Request) -> Response:
        session = self.web.require(request, *_REVIEWERS)
        if not isinstance(session, SessionInfo):
            return session
        form = await request.form(max_files=0, max_fields=5)
        if not self.web.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            return self._grants(
                request, session, "画面の有効期限が切れました。もう一度操作してください。", 400
            )
        gid = request.path_params["grant_id"]
        scope = self._scope(session)
        if await run_in_threadpool(lambda: self.web.runtime.grants.revoke(gid, scope=scope)):
            return self._grants(
                request, session, f"許可 {gid} を取り消しました。ゲートウェイでは直ちに無効です。"
            )
        if self.web.runtime.grants.platform_wide(gid, scope=scope):
            return self._grants(
                request,
                session,
                f"許可 {gid} は共同利用基盤の全団体に与えられた許可です。取り消せるのは基盤の運用者だけです"
                "（hinagata grants revoke）。",
                403,
            )
        return self._grants(
            request,
            session,
            "取り消せませんでした（すでに取り消されているか、見つかりません）。",
            404,
        )
