"""One's own API keys (APIキー), and the approval of key requests (clause 2.5).

The national default: staff request a key, naming its purpose and the service it is for;
the department's 利用管理者 or an administrator approves or rejects it (with a reason;
never their own request) on ``/keys/approvals``; the requester then collects it on
``/keys`` — the key is made at that moment and shown once, so the approver never sees
it. Where a layer used the extension point ``EP-2.5-key-self-service`` for the
requester's department, staff issue their own key at once instead. Every step is
recorded in the audit chain (:mod:`hinagata.web._events`).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from hinagata.store import WIDE_AUDIT, KeyRequestError, KeyRequests, SessionInfo
from hinagata.web._app import WebApp, bounded_int
from hinagata.web._events import record

__all__ = ["ROW_ID", "KeyPages"]

#: ``users.id`` and ``key_requests.id`` are 32-bit integers (PostgreSQL ``integer``): a
#: larger number in the path is a row that does not exist, never a database error.
ROW_ID = 2**31 - 1
_STALE = "画面の有効期限が切れました。もう一度操作してください。"


class KeyPages:
    """``/keys``: list, request or create, collect, withdraw, revoke; ``/keys/approvals``."""

    def __init__(self, web: WebApp) -> None:
        self.web = web
        self.requests = KeyRequests(web.runtime.db)

    def _self_service(self, session: SessionInfo) -> bool:
        a = session.account
        return self.web._policy(a).self_service_keys(a.department)

    async def keys_page(self, request: Request) -> Response:
        session = self.web.require(request)
        if not isinstance(session, SessionInfo):
            return session
        return self._keys(request, session, {})

    def _keys(
        self, request: Request, session: SessionInfo, ctx: dict[str, Any], status: int = 200
    ) -> HTMLResponse:
        a = session.account
        services = list(self.web._policy(a).catalog.services)
        base: dict[str, Any] = {
            "keys": self.web.runtime.keys.for_user(a.login),
            "requests": self.requests.for_user(a.login),
            "services": services,
            "service_names": {x.id: x.name for x in services},
            "self_service": self._self_service(session),
            "new_key": None,
            "v": {"purpose": "", "service": ""},
            "errors": {},
            "message": "",
            "trained": self.web.runtime.caller_for_account(session.account).trained,
        }
        return self.web.render(
            request, "keys.html.j2", {**base, **ctx}, status=status, session=session
        )

    async def keys_create(self, request: Request) -> Response:
        """A request for a key (the national default), or the key itself where the policy
        lets the department issue its own."""
        session = self.web.require(request)
        if not isinstance(session, SessionInfo):
            return session
        form = await request.form(max_files=0, max_fields=5)
        v = {
            "purpose": str(form.get("purpose", "")).strip()[:500],
            "service": str(form.get("service", "")).strip()[:100],
        }
        errors: dict[str, str] = {}
        a = session.account
        if not self.web.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            errors["form"] = _STALE
        else:
            if not v["purpose"]:
                errors["purpose"] = "利用目的を入力してください。"
            if v["service"] not in self.web._policy(a).catalog.ids:
                errors["service"] = "利用するサービスを一覧から選んでください。"
        if errors:
            return self._keys(request, session, {"v": v, "errors": errors}, status=400)
        if self._self_service(session):
            key, info = self.web.runtime.keys.create(
                user=a.login,
                department=a.department,
                municipality=a.municipality,
                roles=a.roles,
                trained=a.trained,
                note=f"自己発行（{v['service']}）: {v['purpose']}",
            )
            record(self.web.runtime, a, "key.issued", target=a.login, key_id=info.id,
                   prefix=info.prefix, service=v["service"], self_service=True)  # fmt: skip
            return self._keys(request, session, {"new_key": key})
        try:
            req = self.requests.request(a, purpose=v["purpose"], service=v["service"])
        except KeyRequestError as exc:
            errors["form"] = str(exc).split(" / ")[0] + "。"
            return self._keys(request, session, {"v": v, "errors": errors}, status=400)
        record(self.web.runtime, a, "key.requested", target=a.login, request=req.id,
               service=req.service)  # fmt: skip
        msg = (f"APIキーを申請しました（申請番号 {req.id}）。所属の利用管理者が承認すると、"
               "この画面でキーを受け取れます。")  # fmt: skip
        return self._keys(request, session, {"message": msg})

    async def _on_request(self, request: Request) -> tuple[SessionInfo, int | None] | Response:
        """A signed-in user's action on the key request in the path: the session and the
        request's number (None: not a number), or the page to answer with."""
        session = self.web.require(request)
        if not isinstance(session, SessionInfo):
            return session
        form = await request.form(max_files=0, max_fields=5)
        if not self.web.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            return self._keys(request, session, {"errors": {"form": _STALE}}, status=400)
        return session, bounded_int(request.path_params.get("req_id"), hi=ROW_ID)

    async def collect(self, request: Request) -> Response:
        """The key of one's own approved request: made now and shown once."""
        acting = await self._on_request(request)
        if not isinstance(acting, tuple):
            return acting
        session, req_id = acting
        got = self.requests.collect(req_id, session.account) if req_id is not None else None
        if got is None:
            msg = "受け取れませんでした（承認されていないか、受取済みか、あなたの申請ではありません）。"
            return self._keys(request, session, {"message": msg}, status=404)
        key, info = got
        record(self.web.runtime, session.account, "key.collected", target=session.account.login,
               request=req_id, key_id=info.id, prefix=info.prefix)  # fmt: skip
        return self._keys(request, session, {"new_key": key})

    async def withdraw(self, request: Request) -> Response:
        acting = await self._on_request(request)
        if not isinstance(acting, tuple):
            return acting
        session, req_id = acting
        login = session.account.login
        if req_id is None or not self.requests.withdraw(req_id, login):
            msg = "取り下げられませんでした（決定済みか、あなたの申請ではありません）。"
            return self._keys(request, session, {"message": msg}, status=404)
        record(self.web.runtime, session.account, "key.withdrawn", target=login, request=req_id)
        return self._keys(request, session, {"message": f"申請 {req_id} を取り下げました。"})

    async def keys_revoke(self, request: Request) -> Response:
        session = self.web.require(request)
        if not isinstance(session, SessionInfo):
            return session
        form = await request.form(max_files=0, max_fields=5)
        if not self.web.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            return self._keys(request, session, {"errors": {"form": _STALE}}, status=400)
        key_id = request.path_params["key_id"]
        done = self.web.runtime.keys.revoke_own(
            key_id, session.account.login, scope=self.web.scope(session)
        )
        if done:
            record(self.web.runtime, session.account, "key.revoked", target=session.account.login,
                   key_id=key_id)  # fmt: skip
        message = (
            "キーを無効にしました。このキーを使った呼び出しは、直ちに拒否されます。"
            if done
            else "無効にできませんでした（すでに無効か、あなたのキーではありません）。"
        )
        return self._keys(request, session, {"message": message}, status=200 if done else 404)

    # ------------------------------------------------------------------ approvals

    def _approvals(
        self, request: Request, session: SessionInfo, ctx: dict[str, Any], status: int = 200
    ) -> HTMLResponse:
        scope = self.web.scope(session, WIDE_AUDIT)
        base: dict[str, Any] = {
            "pending": self.requests.in_scope(scope),
            "recent": [
                r for r in self.requests.in_scope(scope, status=None) if r.status != "pending"
            ][:50],
            "names": {a.login: a.display_name for a in self.web.accounts.all(scope=scope)},
            "service_names": {
                x.id: x.name for x in self.web._policy(session.account).catalog.services
            },
            "scope": scope.department,
            "errors": {},
            "message": "",
        }
        return self.web.render(
            request, "key_approvals.html.j2", {**base, **ctx}, status=status, session=session
        )

    async def approvals(self, request: Request) -> Response:
        """The pending requests of the approver's scope (a 利用管理者: the department)."""
        session = self.web.require(request, "admin", "usage_admin")
        if not isinstance(session, SessionInfo):
            return session
        return self._approvals(request, session, {})

    async def decide(self, request: Request) -> Response:
        session = self.web.require(request, "admin", "usage_admin")
        if not isinstance(session, SessionInfo):
            return session
        form = await request.form(max_files=0, max_fields=5)
        scope = self.web.scope(session, WIDE_AUDIT)
        req_id = bounded_int(request.path_params.get("req_id"), hi=ROW_ID)
        found = self.requests.get_in(req_id, scope) if req_id is not None else None
        if found is None:
            msg = "その申請は見つかりません（番号が違うか、あなたの承認する範囲の外です）。"
            return self._approvals(request, session, {"message": msg}, status=404)
        if not self.web.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            return self._approvals(request, session, {"errors": {"form": _STALE}}, status=400)
        decision = str(form.get("decision", ""))
        reason = str(form.get("reason", "")).strip()[:500]
        if decision not in ("approve", "reject"):
            errors = {"form": "承認するか却下するかを選んでください。"}
            return self._approvals(request, session, {"errors": errors}, status=400)
        try:
            done = self.requests.decide(
                found.id, scope=scope, approve=decision == "approve", reason=reason
            )
        except KeyRequestError as exc:
            errors = {"form": str(exc).split(" / ")[0] + "。"}
            return self._approvals(request, session, {"errors": errors}, status=400)
        record(self.web.runtime, session.account, f"key.{done.status}", target=done.requester,
               department=done.department, request=done.id, reason=reason)  # fmt: skip
        word = "承認" if done.status == "approved" else "却下"
        msg = f"申請 {done.id}（{done.requester}）を{word}しました。"
        if done.status == "approved":
            msg += "キーは申請者がAPIキーの画面で受け取ります（あなたには表示されません）。"
        return self._approvals(request, session, {"message": msg})
