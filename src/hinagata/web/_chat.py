"""The chat page (チャット): messages go through the gateway's whole pipeline as the
signed-in user — judgment, masking, audit, restore, exit screening, disclosure — by the
handler the server gives the web app (the pages never see the gateway)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from hinagata._messages import TYPE_LABELS
from hinagata.assess import KIND_LABELS
from hinagata.governance import APPROVALS
from hinagata.labels import DEMO_LABEL
from hinagata.store import WIDE_CASES, Account, SessionInfo, UseCases
from hinagata.verdicts import LABELS
from hinagata.web._app import WebApp

__all__ = ["ChatPages"]


class ChatPages:
    """``/chat`` and ``/chat/send``."""

    def __init__(self, web: WebApp) -> None:
        self.web = web

    def _models(self, account: Account) -> list[Any]:
        out = []
        policy = self.web._policy(account)
        for route in self.web.runtime.routes_for(account.municipality):
            try:
                service = policy.catalog.get(route.service)
            except Exception:
                continue
            # A demo upstream is no AI: the list says so (「デモ用：実際のAIではありません」).
            out.append({"name": route.name, "service": service, "demo": route.upstream.demo})
        return out

    def _use_cases(self, session: SessionInfo) -> list[Any]:
        """The approved applications of the account's scope: the chat names the one it is
        used for (``x-hinagata-use-case``), so that a permission given for it applies."""
        scope = self.web.scope(session, WIDE_CASES)
        store = UseCases(self.web.runtime.db)
        return [c for s in APPROVALS for c in store.find(scope=scope, status=s)]

    async def chat_page(self, request: Request) -> Response:
        session = self.web.require(request, "staff", "usage_admin", "reviewer")
        if not isinstance(session, SessionInfo):
            return session
        return self.web.render(
            request,
            "chat.html.j2",
            {
                "models": self._models(session.account),
                "use_cases": self._use_cases(session),
                "service_names": {
                    s.id: s.name for s in self.web._policy(session.account).catalog.services
                },
                "DEMO_LABEL": DEMO_LABEL,
                # What the page says beside a message, verdict by verdict.
                "labels": {
                    v: {"sent": x.sent, "alone": x.check, "css": x.css} for v, x in LABELS.items()
                },
                # What the page calls each kind of value found (x-hinagata-messages
                # carries types only: 氏名, 電話番号; a quasi-identifier by its kind: 役職).
                "kinds": {
                    "types": {t: v["ja"] for t, v in TYPE_LABELS.items()},
                    "kinds": {k: v[0] for k, v in KIND_LABELS.items()},
                },
            },
            session=session,
        )

    async def chat_send(self, request: Request) -> Response:
        """The chat page's requests go through the gateway's whole pipeline as the signed-in
        user: judgment, masking, audit, restore, exit screening, disclosure."""

        session = self.web._session(request)
        if session is None:
            return JSONResponse(
                {"error": {"message": "ログインの有効期限が切れました。ページを再読み込みしてください。",
                           "code": "session_expired"}},
                status_code=401,
            )  # fmt: skip
        if not self.web.accounts.csrf_ok(session, request.headers.get("x-csrf-token")):
            return JSONResponse(
                {"error": {"message": "画面の有効期限が切れました。ページを再読み込みしてください。",
                           "code": "csrf"}},
                status_code=403,
            )  # fmt: skip
        a = session.account
        if not a.has("staff", "usage_admin", "reviewer"):
            return JSONResponse(
                {"error": {"message": "チャットを使う権限がありません。", "code": "forbidden"}},
                status_code=403,
            )

        return await self.web.chat(request, self.web.runtime.caller_for_account(a))
