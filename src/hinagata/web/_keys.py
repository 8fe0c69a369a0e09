"""One's own API keys (APIキー): create one (shown once), list them, revoke one."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from hinagata.store import SessionInfo
from hinagata.web._app import WebApp

__all__ = ["KeyPages"]


class KeyPages:
    """``/keys``: list, create, revoke."""

    def __init__(self, web: WebApp) -> None:
        self.web = web

    async def keys_page(self, request: Request) -> Response:
        session = self.web.require(request)
        if not isinstance(session, SessionInfo):
            return session
        return self._keys(request, session, {})

    def _keys(
        self, request: Request, session: SessionInfo, ctx: dict[str, Any], status: int = 200
    ) -> HTMLResponse:
        keys = self.web.runtime.keys.for_user(session.account.login)
        base: dict[str, Any] = {
            "keys": keys,
            "new_key": None,
            "note": "",
            "errors": {},
            "message": "",
            "trained": self.web.runtime.caller_for_account(session.account).trained,
        }
        return self.web.render(
            request, "keys.html.j2", {**base, **ctx}, status=status, session=session
        )

    async def keys_create(self, request: Request) -> Response:
        session = self.web.require(request)
        if not isinstance(session, SessionInfo):
            return session
        form = await request.form(max_files=0, max_fields=5)
        note = str(form.get("note", ""))[:200]
        if not self.web.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            return self._keys(
                request,
                session,
                {
                    "note": note,
                    "errors": {"form": "画面の有効期限が切れました。もう一度作成してください。"},
                },
                status=400,
            )
        a = session.account
        key, _info = self.web.runtime.keys.create(
            user=a.login,
            department=a.department,
            municipality=a.municipality,
            roles=a.roles,
            trained=a.trained,
            note=note or "Web画面で作成",
        )
        return self._keys(request, session, {"new_key": key})

    async def keys_revoke(self, request: Request) -> Response:
        session = self.web.require(request)
        if not isinstance(session, SessionInfo):
            return session
        form = await request.form(max_files=0, max_fields=5)
        if not self.web.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            return self._keys(
                request,
                session,
                {"errors": {"form": "画面の有効期限が切れました。もう一度操作してください。"}},
                status=400,
            )
        key_id = request.path_params["key_id"]
        done = self.web.runtime.keys.revoke_own(
            key_id, session.account.login, scope=self.web.scope(session)
        )
        message = (
            "キーを無効にしました。このキーを使った呼び出しは、直ちに拒否されます。"
            if done
            else "無効にできませんでした（すでに無効か、あなたのキーではありません）。"
        )
        return self._keys(request, session, {"message": message}, status=200 if done else 404)
