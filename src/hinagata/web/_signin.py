"""Signing in and out, and changing one's own password (ログイン).

Local accounts sign in here with a login and password (unless the configuration turns
that off: ``web.local_login: false``); the directory's sign-in (OpenID Connect) is in
:mod:`hinagata.web._oidc`, and both end in :func:`signed_in`, the same session.

The sign-in form carries its own CSRF token in a cookie scoped to ``/login``; failed
sign-ins are counted per address and per login (:class:`LoginThrottle`); a session
starts in the database and its cookie is ``HttpOnly`` and ``SameSite=Lax``.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from typing import Any
from urllib.parse import quote, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from hinagata.store import Account, AccountError, SessionInfo, normalise_login
from hinagata.web._app import COOKIE, PASSWORD_PAGE, WebApp
from hinagata.web._events import record

__all__ = ["LOGIN_CSRF_COOKIE", "LoginThrottle", "SignInPages", "signed_in"]

LOGIN_CSRF_COOKIE = "hinagata_login_csrf"


class SignInPages:
    """``/login``, ``/logout`` and ``/password``."""

    def __init__(self, web: WebApp) -> None:
        self.web = web
        self.throttle = LoginThrottle()

    async def login_page(self, request: Request) -> Response:
        return self._login_form(request, {})

    def _login_form(
        self, request: Request, ctx: dict[str, Any], *, status: int = 200
    ) -> HTMLResponse:

        token = secrets.token_urlsafe(24)
        resp = self.web.render(
            request,
            "login.html.j2",
            {
                "login_csrf": token,
                "next": _safe_next(request.query_params.get("next", "/")),
                "expired": request.query_params.get("expired") == "1",
                "error": "",
                "login": "",
                "local_login": self.web.cfg.local_login,
                "oidc": self.web.cfg.oidc is not None,
                **ctx,
            },
            status=status,
        )
        resp.set_cookie(
            LOGIN_CSRF_COOKIE,
            token,
            httponly=True,
            samesite="strict",
            secure=self.web.secure(request),
            path="/login",
        )
        return resp

    async def login(self, request: Request) -> Response:
        if not self.web.cfg.local_login:
            # The configuration allows the directory's sign-in only: no password is
            # checked (nor counted) at all.
            return self._login_form(
                request,
                {"error": "ログイン名とパスワードによるログインは停止されています。"
                          "庁内アカウントでサインインしてください。"},
                status=403,
            )  # fmt: skip
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
        account = await run_in_threadpool(self.web.accounts.authenticate, login, password)
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
        if account.must_change_password:  # an initial password: changed before anything else
            target = f"{PASSWORD_PAGE}?next={quote(target)}"
        resp = signed_in(self.web, request, account, target)
        resp.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
        return resp

    async def logout(self, request: Request) -> Response:
        session = self.web._session(request)
        form = await request.form()
        if session is not None:
            if not self.web.accounts.csrf_ok(session, str(form.get("csrf", ""))):
                # Not from our own page: leave the session alone.
                return RedirectResponse("/", status_code=303)
            self.web.accounts.end_session(request.cookies.get(COOKIE, ""))
        resp = RedirectResponse("/login", status_code=303)
        resp.delete_cookie(COOKIE, path="/")
        return resp

    def _no_password(self, request: Request, session: SessionInfo) -> HTMLResponse:
        return self.web.render(
            request,
            "error.html.j2",
            {"title": "パスワードはありません",
             "message": "庁内アカウントでサインインしているため、このシステムにはパスワードが"
                        "ありません。パスワードの変更は庁内アカウントの手続きで行ってください。"},
            status=400,
            session=session,
        )  # fmt: skip

    async def password_page(self, request: Request) -> Response:
        session = self.web.require(request)
        if not isinstance(session, SessionInfo):
            return session
        if session.account.external:
            return self._no_password(request, session)
        return self._password_form(request, session, {})

    def _password_form(
        self, request: Request, session: SessionInfo, ctx: dict[str, Any], status: int = 200
    ) -> HTMLResponse:
        base = {
            "errors": {},
            "message": "",
            "initial": session.account.must_change_password,
            "next": _safe_next(request.query_params.get("next", "/")),
        }
        return self.web.render(
            request, "password.html.j2", {**base, **ctx}, status=status, session=session
        )

    async def password_change(self, request: Request) -> Response:

        session = self.web.require(request)
        if not isinstance(session, SessionInfo):
            return session
        if session.account.external:
            return self._no_password(request, session)
        form = await request.form(max_files=0, max_fields=6)
        current = str(form.get("current", ""))[:1000]
        new = str(form.get("new", ""))[:1000]
        again = str(form.get("again", ""))[:1000]
        target = _safe_next(str(form.get("next", "/")))
        errors: dict[str, str] = {}
        login = session.account.login
        if not self.web.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            errors["form"] = "画面の有効期限が切れました。もう一度入力してください。"
        elif new != again:
            errors["again"] = "新しいパスワードが一致しません。"
        else:
            try:
                await run_in_threadpool(self.web.accounts.change_own_password, login, current, new)
            except AccountError as exc:
                field = "current" if "今のパスワードが違います" in str(exc) else "new"
                errors[field] = str(exc).split(" / ")[0] + "。"
        if errors:
            return self._password_form(
                request, session, {"errors": errors, "next": target}, status=400
            )
        record(self.web.runtime, session.account, "account.password_changed", target=login,
               initial=session.account.must_change_password)  # fmt: skip
        if session.account.must_change_password:
            return RedirectResponse(target, status_code=303)
        return self._password_form(
            request, session, {"message": "パスワードを変更しました。", "initial": False}
        )


def signed_in(web: WebApp, request: Request, account: Account, target: str) -> RedirectResponse:
    """A new session for ``account`` and the way to ``target`` (a path of this site): the
    same for a local sign-in and one with the directory (:mod:`hinagata.web._oidc`)."""
    token = web.accounts.start_session(account)
    resp = RedirectResponse(_safe_next(target), status_code=303)
    resp.set_cookie(
        COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=web.secure(request),
        path="/",
        max_age=web.cfg.session_hours * 3600,
    )
    return resp


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
    """Only a path on this site: never another host (open redirect). A backslash or a
    control character is refused too: browsers read ``/\\evil.example`` as
    ``//evil.example`` and drop tabs and newlines, whatever urlsplit makes of them."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    if "\\" in target or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target):
        return "/"
    return target


#: The largest number a path or query may name: ids are 64-bit signed integers in the
#: database, and a larger one used to end in an ``OverflowError`` (500, connection dropped).
