"""Pages of the web application: sign-in, the home menu, 入力前チェック (check before you send).

Every page acts as the signed-in account (the same user record the gateway's keys belong
to). Sessions live in the database (:class:`hinagata.store.Accounts`); every form carries
the session's CSRF token; a page the role may not see answers 403 with a page that says
so; an expired session sends the browser to the sign-in page with a message, and what
was typed into a refused form is shown again.
"""

from __future__ import annotations

import hmac
import logging
import re
import secrets
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote, urlsplit

import jinja2
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from hinagata._check import check
from hinagata.assess import KIND_LABELS
from hinagata.decide import CHECK_FAILED, Decision
from hinagata.io import InputError, read_text
from hinagata.mask import mask
from hinagata.policy import Policy
from hinagata.runtime import Caller, Runtime
from hinagata.store import (
    Account,
    AccountError,
    Scope,
    SessionInfo,
    normalise_login,
    role_names,
)
from hinagata.verdicts import LABELS
from hinagata.web._access import ACCESS
from hinagata.web._highlight import pieces

__all__ = ["MAX_ID", "ChatHandler", "WebApp", "bounded_int"]

#: How the chat page sends a message: through the gateway's pipeline as ``caller``
#: (given by the server, which builds both faces; the pages never see the gateway).
ChatHandler = Callable[[Request, Caller], Awaitable[Response]]

log = logging.getLogger("hinagata.web")

COOKIE = "hinagata_session"
_SESSION_KEY = "hinagata.web_session"
_UNSET = object()
LOGIN_CSRF_COOKIE = "hinagata_login_csrf"
_UPLOAD_SUFFIXES = {".txt", ".md", ".csv", ".docx", ".xlsx", ".pdf"}

_SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("hinagata.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return Jinja2Templates(env=env)


class WebApp:
    """The pages' shared parts, built on the :class:`~hinagata.runtime.Runtime`."""

    def __init__(self, runtime: Runtime, *, chat: ChatHandler) -> None:
        self.runtime = runtime
        self.chat = chat
        self.accounts = runtime.accounts
        self.cfg = runtime.config.web
        self.templates = _templates()
        self.throttle = LoginThrottle()

    # ------------------------------------------------------------------ helpers

    @property
    def shared(self) -> bool:
        """Whether this installation serves several municipalities (共同化)."""
        return self.runtime.shared

    def scope(self, session: SessionInfo, wide: Sequence[str] = ()) -> Scope:
        """What the signed-in account may read and change: its municipality on a shared
        platform, and its department unless it holds one of ``wide``."""
        a = session.account
        return Scope.of(a, shared=self.shared, wide=wide, login=a.login)

    def _secure(self, request: Request) -> bool:
        if self.cfg.secure_cookies == "always":
            return True
        if self.cfg.secure_cookies == "never":
            return False
        proto = request.headers.get("x-forwarded-proto", "")
        return request.url.scheme == "https" or proto == "https"

    def render(
        self,
        request: Request,
        name: str,
        context: dict[str, Any],
        *,
        status: int = 200,
        session: SessionInfo | None = None,
    ) -> HTMLResponse:
        ctx = {
            "session": session,
            "account": session.account if session else None,
            "csrf": session.csrf if session else "",
            "ROLE_NAMES": role_names,
            **context,
        }
        resp = self.templates.TemplateResponse(request, name, ctx, status_code=status)
        resp.headers.update(_SECURITY_HEADERS)
        return resp

    def _session(self, request: Request) -> SessionInfo | None:
        """The request's live session (looked up once per request)."""
        cached = request.scope.get(_SESSION_KEY, _UNSET)
        if cached is not _UNSET:
            return cast(SessionInfo | None, cached)
        try:
            found = self.accounts.session(request.cookies.get(COOKIE, ""))
        except Exception:
            log.error("session lookup failed")
            raise
        request.scope[_SESSION_KEY] = found
        return found

    def _to_login(self, request: Request, *, expired: bool) -> RedirectResponse:
        target = request.url.path
        if request.url.query:
            target += "?" + request.url.query
        url = f"/login?next={quote(target)}" + ("&expired=1" if expired else "")
        resp = RedirectResponse(url, status_code=303)
        if expired:
            resp.delete_cookie(COOKIE, path="/")
        return resp

    def require(
        self, request: Request, *roles: str
    ) -> SessionInfo | RedirectResponse | HTMLResponse:
        """The session, or the response to send instead (sign-in page, 403 page)."""
        session = self._session(request)
        if session is None:
            return self._to_login(request, expired=COOKIE in request.cookies)
        if (refused := self._no_policy(request, session)) is not None:
            return refused
        if roles and not session.account.has(*roles):
            return self.render(
                request,
                "error.html.j2",
                {
                    "title": "この画面を表示する権限がありません",
                    "message": "この画面は "
                    + "・".join(role_names(roles))
                    + " の役割をもつ職員だけが使えます。必要な場合は情報政策課に依頼してください。",
                },
                status=403,
                session=session,
            )
        return session

    # ------------------------------------------------------------------ sign-in

    async def login_page(self, request: Request) -> Response:
        return self._login_form(request, {})

    def _login_form(
        self, request: Request, ctx: dict[str, Any], *, status: int = 200
    ) -> HTMLResponse:

        token = secrets.token_urlsafe(24)
        resp = self.render(
            request,
            "login.html.j2",
            {
                "login_csrf": token,
                "next": _safe_next(request.query_params.get("next", "/")),
                "expired": request.query_params.get("expired") == "1",
                "error": "",
                "login": "",
                **ctx,
            },
            status=status,
        )
        resp.set_cookie(
            LOGIN_CSRF_COOKIE,
            token,
            httponly=True,
            samesite="strict",
            secure=self._secure(request),
            path="/login",
        )
        return resp

    async def login(self, request: Request) -> Response:
        form = await request.form()
        login = str(form.get("login", ""))[:200]
        password = str(form.get("password", ""))[:1000]
        target = _safe_next(str(form.get("next", "/")))
        sent = str(form.get("login_csrf", ""))
        cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")

        if not sent or not hmac.compare_digest(sent, cookie):
            return self._login_form(
                request,
                {
                    "error": "画面の有効期限が切れました。もう一度ログインしてください。",
                    "login": login,
                    "next": target,
                },
                status=400,
            )
        if self.throttle.blocked(login, _client_ip(request)):
            return self._login_form(
                request,
                {
                    "error": "ログインの失敗が続いたため、しばらくログインできません。15分ほど待ってから再度お試しください。",
                    "login": login,
                    "next": target,
                },
                status=429,
            )
        account = await run_in_threadpool(self.accounts.authenticate, login, password)
        if account is None:
            self.throttle.failed(login, _client_ip(request))
            return self._login_form(
                request,
                {
                    "error": "ログイン名又はパスワードが違います。",
                    "login": login,
                    "next": target,
                },
                status=401,
            )
        self.throttle.succeeded(login, _client_ip(request))
        token = self.accounts.start_session(account)
        resp = RedirectResponse(target, status_code=303)
        resp.set_cookie(
            COOKIE,
            token,
            httponly=True,
            samesite="lax",
            secure=self._secure(request),
            path="/",
            max_age=self.cfg.session_hours * 3600,
        )
        resp.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
        return resp

    async def logout(self, request: Request) -> Response:
        session = self._session(request)
        form = await request.form()
        if session is not None:
            if not self.accounts.csrf_ok(session, str(form.get("csrf", ""))):
                # Not from our own page: leave the session alone.
                return RedirectResponse("/", status_code=303)
            self.accounts.end_session(request.cookies.get(COOKIE, ""))
        resp = RedirectResponse("/login", status_code=303)
        resp.delete_cookie(COOKIE, path="/")
        return resp

    # ------------------------------------------------------------------ pages

    async def home(self, request: Request) -> Response:
        session = self.require(request)
        if not isinstance(session, SessionInfo):
            return session
        return self.render(request, "home.html.j2", {}, session=session)

    def _services(self, account: Account) -> list[Any]:
        policy = self._policy(account)
        return list(policy.catalog.services)

    def _policy(self, account: Account) -> Policy:
        return self.runtime.policy_for(account.municipality)

    def _no_policy(self, request: Request, session: SessionInfo) -> HTMLResponse | None:
        if self.runtime.serves(session.account.municipality):
            return None
        return self.render(
            request,
            "error.html.j2",
            {
                "title": "あなたの団体の規定が設定されていません",
                "message": f"アカウントの団体「{session.account.municipality or '未設定'}」の規定が、"
                "このシステムに設定されていません。情報政策課に連絡してください。",
            },
            status=403,
            session=session,
        )

    async def check_page(self, request: Request) -> Response:
        session = self.require(request, "staff", "usage_admin", "reviewer")
        if not isinstance(session, SessionInfo):
            return session
        if (refused := self._no_policy(request, session)) is not None:
            return refused
        services = self._services(session.account)
        return self.render(
            request,
            "check.html.j2",
            {
                "services": services,
                "service": services[0].id if services else "",
                "text": "",
                "errors": {},
                "result": None,
            },
            session=session,
        )

    async def check_submit(self, request: Request) -> Response:
        session = self.require(request, "staff", "usage_admin", "reviewer")
        if not isinstance(session, SessionInfo):
            return session
        if (refused := self._no_policy(request, session)) is not None:
            return refused
        declared = request.headers.get("content-length", "")
        limit = self.cfg.upload_max_bytes
        services = self._services(session.account)
        base: dict[str, Any] = {
            "services": services,
            "service": "",
            "text": "",
            "errors": {},
            "result": None,
        }
        size = bounded_int(declared or "0", lo=0)
        if size is None or size > limit + 65536:
            return self.render(
                request,
                "check.html.j2",
                {
                    **base,
                    "errors": {
                        "file": f"ファイルが大きすぎます（上限 {limit // (1024 * 1024)} MB）。"
                        "分割するか、文字の部分だけを貼り付けてください。"
                    },
                },
                status=413,
                session=session,
            )
        form = await request.form(max_files=1, max_fields=20)
        text = str(form.get("text", ""))
        service_id = str(form.get("service", ""))
        ctx = {**base, "text": text, "service": service_id}
        errors: dict[str, str] = {}
        if not self.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            errors["form"] = "画面の有効期限が切れました。もう一度「判定する」を押してください。"
        known = {s.id for s in services}
        if service_id not in known:
            errors["service"] = "送信先のAIサービスを選んでください。"
        upload = form.get("file")
        if isinstance(upload, UploadFile) and upload.filename:
            extracted, problem = await self._read_upload(upload)
            if problem:
                errors["file"] = problem
            else:
                text = extracted
                ctx["text"] = text
        if not text.strip() and "file" not in errors:
            errors["text"] = "判定する文章を入力するか、ファイルを選んでください。"
        if len(text) > self.cfg.max_check_chars:
            errors["text"] = (
                f"文章が長すぎます（上限 {self.cfg.max_check_chars:,} 文字）。分けて判定してください。"
            )
        if errors:
            return self.render(
                request, "check.html.j2", {**ctx, "errors": errors}, status=400, session=session
            )
        caller = self.runtime.caller_for_account(session.account)
        policy = self._policy(session.account)
        user = self.runtime.user_of(caller)
        grants = self.runtime.grants_for(service_id, policy, caller)
        decision = await run_in_threadpool(
            check, text, service_id, policy, user=user, grants=grants
        )
        failed = any(r.code == CHECK_FAILED for r in decision.reasons)
        marked = pieces(
            text,
            decision.findings,
            decision.injection.spans if decision.injection is not None else (),
        )
        # The masked version is offered whatever the verdict: it may go to another service.
        # Where the text identifies by content, the same generalisation (87歳 → 80代).
        offered = (
            decision.masked
            if decision.masked is not None
            else mask(text, decision.findings, generalise=decision.generalise)
            if decision.findings
            else None
        )
        masked = offered.text if offered is not None else None
        generalised = [
            {
                "kind": KIND_LABELS.get(g.kind, ("要配慮情報", ""))[0],
                "text": g.text,
                "generalised": g.replacement or "（削除）",
            }
            for g in (offered.generalised if offered is not None else ())
        ]
        others = await run_in_threadpool(
            _other_services, text, services, decision, policy, caller, self.runtime
        )
        result = {
            "decision": decision,
            "verdict_label": LABELS[decision.verdict].check,
            "verdict_class": LABELS[decision.verdict].css,
            "reasons": [r.to_dict("ja") for r in decision.reasons],
            "pieces": marked,
            "legend": sorted({(p.kind, p.label) for p in marked if p.kind}),
            "masked": masked if masked is not None and masked != text else None,
            "generalised": generalised,
            "content_kinds": [
                KIND_LABELS[k][0] for k in decision.content_kinds if k in KIND_LABELS
            ],
            "failed": failed,
            "service": policy.catalog.get(service_id),
            "others": others,
        }
        return self.render(
            request,
            "check.html.j2",
            {**ctx, "result": result},
            status=503 if failed else 200,
            session=session,
        )

    # ------------------------------------------------------------------ own password

    async def password_page(self, request: Request) -> Response:
        session = self.require(request)
        if not isinstance(session, SessionInfo):
            return session
        return self.render(
            request, "password.html.j2", {"errors": {}, "message": ""}, session=session
        )

    async def password_change(self, request: Request) -> Response:

        session = self.require(request)
        if not isinstance(session, SessionInfo):
            return session
        form = await request.form(max_files=0, max_fields=5)
        current = str(form.get("current", ""))[:1000]
        new = str(form.get("new", ""))[:1000]
        again = str(form.get("again", ""))[:1000]
        errors: dict[str, str] = {}
        if not self.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            errors["form"] = "画面の有効期限が切れました。もう一度入力してください。"
        elif (
            await run_in_threadpool(self.accounts.authenticate, session.account.login, current)
            is None
        ):
            errors["current"] = "今のパスワードが違います。"
        elif new != again:
            errors["again"] = "新しいパスワードが一致しません。"
        else:
            try:
                await run_in_threadpool(self.accounts.set_password, session.account.login, new)
            except AccountError as exc:
                errors["new"] = str(exc).split(" / ")[0] + "。"
        if errors:
            return self.render(
                request,
                "password.html.j2",
                {"errors": errors, "message": ""},
                status=400,
                session=session,
            )
        return self.render(
            request,
            "password.html.j2",
            {"errors": {}, "message": "パスワードを変更しました。"},
            session=session,
        )

    # ------------------------------------------------------------------ chat

    def _models(self, account: Account) -> list[Any]:
        out = []
        policy = self._policy(account)
        for route in self.runtime.routes_for(account.municipality):
            try:
                service = policy.catalog.get(route.service)
            except Exception:
                continue
            out.append({"name": route.name, "service": service})
        return out

    async def chat_page(self, request: Request) -> Response:
        session = self.require(request, "staff", "usage_admin", "reviewer")
        if not isinstance(session, SessionInfo):
            return session
        if (refused := self._no_policy(request, session)) is not None:
            return refused
        return self.render(
            request, "chat.html.j2", {"models": self._models(session.account)}, session=session
        )

    async def chat_send(self, request: Request) -> Response:
        """The chat page's requests go through the gateway's whole pipeline as the signed-in
        user: judgment, masking, audit, restore, exit screening, disclosure."""

        session = self._session(request)
        if session is None:
            return JSONResponse(
                {"error": {"message": "ログインの有効期限が切れました。ページを再読み込みしてください。",
                           "code": "session_expired"}},
                status_code=401,
            )  # fmt: skip
        if not self.accounts.csrf_ok(session, request.headers.get("x-csrf-token")):
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

        return await self.chat(request, self.runtime.caller_for_account(a))

    # ------------------------------------------------------------------ API keys

    async def keys_page(self, request: Request) -> Response:
        session = self.require(request)
        if not isinstance(session, SessionInfo):
            return session
        return self._keys(request, session, {})

    def _keys(
        self, request: Request, session: SessionInfo, ctx: dict[str, Any], status: int = 200
    ) -> HTMLResponse:
        keys = self.runtime.keys.for_user(session.account.login)
        base: dict[str, Any] = {
            "keys": keys,
            "new_key": None,
            "note": "",
            "errors": {},
            "message": "",
        }
        return self.render(request, "keys.html.j2", {**base, **ctx}, status=status, session=session)

    async def keys_create(self, request: Request) -> Response:
        session = self.require(request)
        if not isinstance(session, SessionInfo):
            return session
        form = await request.form(max_files=0, max_fields=5)
        note = str(form.get("note", ""))[:200]
        if not self.accounts.csrf_ok(session, str(form.get("csrf", ""))):
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
        key, _info = self.runtime.keys.create(
            user=a.login,
            department=a.department,
            municipality=a.municipality,
            roles=a.roles,
            trained=a.trained,
            note=note or "Web画面で作成",
        )
        return self._keys(request, session, {"new_key": key})

    async def keys_revoke(self, request: Request) -> Response:
        session = self.require(request)
        if not isinstance(session, SessionInfo):
            return session
        form = await request.form(max_files=0, max_fields=5)
        if not self.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            return self._keys(
                request,
                session,
                {"errors": {"form": "画面の有効期限が切れました。もう一度操作してください。"}},
                status=400,
            )
        key_id = request.path_params["key_id"]
        done = self.runtime.keys.revoke_own(
            key_id, session.account.login, scope=self.scope(session)
        )
        message = (
            "キーを無効にしました。このキーを使った呼び出しは、直ちに拒否されます。"
            if done
            else "無効にできませんでした（すでに無効か、あなたのキーではありません）。"
        )
        return self._keys(request, session, {"message": message}, status=200 if done else 404)

    async def _read_upload(self, upload: UploadFile) -> tuple[str, str]:
        """The text of an uploaded file, or a message saying why not."""
        name = upload.filename or ""
        suffix = Path(name).suffix.lower()
        if suffix not in _UPLOAD_SUFFIXES:
            return "", (
                "この形式のファイルは判定できません。テキスト（.txt）、Word（.docx）、"
                "Excel（.xlsx）、PDF のいずれかを選んでください。"
            )
        limit = self.cfg.upload_max_bytes
        data = await upload.read(limit + 1)
        if len(data) > limit:
            return "", f"ファイルが大きすぎます（上限 {limit // (1024 * 1024)} MB）。"
        with tempfile.TemporaryDirectory(prefix="hinagata-web-") as d:
            path = Path(d) / f"upload{suffix}"
            path.write_bytes(data)
            try:
                return await run_in_threadpool(read_text, path, max_bytes=limit), ""
            except InputError as exc:
                return "", {
                    "empty": "ファイルから文字を読み取れませんでした（空か、画像だけのファイルです）。",
                    "undecodable": "ファイルの文字コードを判別できませんでした。UTF-8 又は Shift_JIS で保存してください。",
                    "too_large": "ファイルが大きすぎます。",
                }.get(
                    exc.code,
                    "ファイルを読み取れませんでした（壊れているか、パスワードで保護されています）。",
                )


def _other_services(
    text: str,
    services: list[Any],
    first: Decision,
    policy: Any,
    caller: Caller,
    runtime: Runtime,
) -> list[tuple[Any, str, str]]:
    """The verdict for each other service of the catalog: (service, label, css class),
    judged on the findings of ``first`` (the text is not detected again)."""
    if any(r.code == CHECK_FAILED for r in first.reasons):
        return []
    out = []
    user = runtime.user_of(caller)
    for svc in services:
        if svc.id == first.service:
            continue
        grants = runtime.grants_for(svc.id, policy, caller)
        d = check(text, svc.id, policy, user=user, grants=grants, reuse=first)
        out.append((svc, LABELS[d.verdict].check, LABELS[d.verdict].css))
    return out


class LoginThrottle:
    """Failed sign-ins per client address and per login, within 15 minutes.

    * An address with 20 failures (any logins) is refused until the window passes.
    * A login with 5 failures is *under attack*: it is then refused from every address
      that has failed for it in the window (the attacker's, and a person's who mistyped
      after it), even with the right password; an address that has not failed for it
      still signs in with the right password, so nobody can lock a colleague out from
      elsewhere by typing wrong passwords for their login. Under attack, each new
      address gets one try before it is refused, so the guesses stay bounded by the
      addresses an attacker holds (and by the 20 per address).
    * A successful sign-in clears its address's failures for the login; the login's
      count stays until the window passes.

    Kept in each worker's memory (like the rate limits without Redis): with several
    workers an attacker gets a few more tries, never unlimited ones. Failures are counted
    under the normalised login (:func:`hinagata.store.normalise_login`): " tanaka",
    "ＴＡＮＡＫＡ" and "Tanaka" are one login here, so spaces or width do not reset the count.
    """

    WINDOW = 15 * 60
    PER_LOGIN = 5
    PER_ADDRESS = 20

    def __init__(self) -> None:

        self._fails: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> list[float]:
        times = [t for t in self._fails.get(key, []) if now - t < self.WINDOW]
        if times:
            self._fails[key] = times
        else:
            self._fails.pop(key, None)
        return times

    @staticmethod
    def _keys(login: str, address: str) -> tuple[str, str, str]:
        name = normalise_login(login)
        return "l:" + name, "a:" + address, "la:" + address + "\0" + name

    def blocked(self, login: str, address: str) -> bool:

        now = time.monotonic()
        by_login, by_address, pair = self._keys(login, address)
        with self._lock:
            if len(self._recent(by_address, now)) >= self.PER_ADDRESS:
                return True
            return len(self._recent(by_login, now)) >= self.PER_LOGIN and bool(
                self._recent(pair, now)
            )

    def failed(self, login: str, address: str) -> None:

        now = time.monotonic()
        with self._lock:
            if len(self._fails) > 100_000:  # bounded memory under a flood
                self._fails.clear()
            for key in self._keys(login, address):
                self._fails.setdefault(key, []).append(now)

    def succeeded(self, login: str, address: str = "") -> None:
        with self._lock:
            self._fails.pop(self._keys(login, address)[2], None)


def _client_ip(request: Request) -> str:
    return request.client.host if request.client else ""


def _safe_next(target: str) -> str:
    """Only a path on this site: never another host (open redirect)."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


#: The largest number a path or query may name: ids are 64-bit signed integers in the
#: database, and a larger one used to end in an ``OverflowError`` (500, connection dropped).
MAX_ID = 2**63 - 1
_INT_PARAM = re.compile(r"\{(\w+):int\}")


def bounded_int(raw: object, *, lo: int = 1, hi: int = MAX_ID) -> int | None:
    """``raw`` (a path parameter, a query or form value) as an int in ``lo..hi``, else None
    (not a number, too small or too large: never a value the database cannot hold)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        value = raw
    else:
        text = str(raw).strip()
        if not text.isascii() or not text.isdigit() or len(text) > len(str(hi)):
            return None
        value = int(text)
    return value if lo <= value <= hi else None


def _no_such_number(app: WebApp, request: Request) -> HTMLResponse:
    return app.render(
        request,
        "error.html.j2",
        {
            "title": "ページが見つかりません",
            "message": "URLの番号が正しくありません（1 以上の番号です）。番号を確かめてください。",
        },
        status=404,
        session=app._session(request),
    )


def _route(app: WebApp, method: str, path: str, page: Any) -> Route:
    """The route of ``page``, guarded by its rule in :data:`hinagata.web._access.ACCESS`:
    a route without a rule is a programming error (the application does not start), and
    a rule's roles are checked before the page runs, whatever the page checks itself.

    Every ``{name:int}`` path parameter is bounded (1 .. :data:`MAX_ID`) before the page
    runs: another number is a page that does not exist (404), never a database error."""
    rule = ACCESS[(method, path)]
    roles = rule.roles if rule.roles is not None and rule.guard else None
    ints = _INT_PARAM.findall(path)
    if roles is None and not ints:
        return Route(path, page, methods=[method])

    async def guarded(request: Request) -> Response:
        if roles is not None:
            session = app.require(request, *roles)
            if not isinstance(session, SessionInfo):
                return session
        if any(bounded_int(request.path_params.get(n)) is None for n in ints):
            return _no_such_number(app, request)
        try:
            return cast(Response, await page(request))
        except OverflowError:
            # A number the database cannot hold that a page did not bound itself: the
            # request is wrong (400), not the server, and the connection stays usable.
            log.warning("number out of range on %s %s", method, path)
            return app.render(
                request,
                "error.html.j2",
                {"title": "入力された数値が正しくありません",
                 "message": "数値が大きすぎます。入力を確かめてください。"},
                status=400,
                session=app._session(request),
            )  # fmt: skip

    guarded.__name__ = guarded.__qualname__ = getattr(page, "__name__", "page")
    return Route(path, guarded, methods=[method])
