"""The web application's shared parts (:class:`WebApp`): rendering, the session, the
role and policy checks every page makes, and the route guard; the home menu.

The pages are in modules of their own: sign-in and one's password (``_signin``), the
check page (``_check``), chat (``_chat``), one's API keys (``_keys``), use cases,
the case catalog and administration. Every page acts as the signed-in account (the same user record the gateway's keys belong
to). Sessions live in the database (:class:`hinagata.store.Accounts`); every form carries
the session's CSRF token; a page the role may not see answers 403 with a page that says
so; an expired session sends the browser to the sign-in page with a message, and what
was typed into a refused form is shown again.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, cast
from urllib.parse import quote

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from hinagata import labels
from hinagata.policy import Policy
from hinagata.runtime import Caller, Runtime
from hinagata.store import (
    Account,
    Notices,
    Scope,
    SessionInfo,
    role_names,
)
from hinagata.web._access import ACCESS

__all__ = ["MAX_ID", "PASSWORD_PAGE", "ChatHandler", "WebApp", "bounded_int"]

#: How the chat page sends a message: through the gateway's pipeline as ``caller``
#: (given by the server, which builds both faces; the pages never see the gateway).
ChatHandler = Callable[[Request, Caller], Awaitable[Response]]

log = logging.getLogger("hinagata.web")

COOKIE = "hinagata_session"
#: The one page an account with an initial password may open (it must change it first).
PASSWORD_PAGE = "/password"
_SESSION_KEY = "hinagata.web_session"
_UNSET = object()

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
    # Every shown time in Japan time, labelled; every code in words (hinagata.labels).
    env.filters["jst"] = labels.jst
    env.filters["jst_date"] = labels.jst_date
    env.globals["L"] = labels
    return Jinja2Templates(env=env)


class WebApp:
    """The pages' shared parts, built on the :class:`~hinagata.runtime.Runtime`."""

    def __init__(self, runtime: Runtime, *, chat: ChatHandler) -> None:
        self.runtime = runtime
        self.chat = chat
        self.accounts = runtime.accounts
        self.cfg = runtime.config.web
        self.notices = Notices(runtime.db)
        self.templates = _templates()

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

    def secure(self, request: Request) -> bool:
        """Whether the cookies this response sets are ``Secure`` (HTTPS only)."""
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
            "person": self._people(request, session),
            "session": session,
            "account": session.account if session else None,
            "csrf": session.csrf if session else "",
            "ROLE_NAMES": role_names,
            "org": self._org(session),
            # The header's お知らせ and the home page's list (the recipient's own, unread).
            "unread_notices": (
                self.notices.unread(session.account.login, session.account.municipality)
                if session
                else []
            ),
            **context,
        }
        resp = self.templates.TemplateResponse(request, name, ctx, status_code=status)
        resp.headers.update(_SECURITY_HEADERS)
        return resp

    def _people(self, request: Request, session: SessionInfo | None) -> Callable[[str], str]:
        """``person(login)`` for the templates: the name of an account of the signed-in
        account's municipality (lists show names, not logins); the login itself for one
        that is unknown or of another municipality. Looked up once per request, on the
        first use."""
        found: dict[str, str] | None = None

        def person(login: str) -> str:
            nonlocal found
            if not login or session is None:
                return login or ""
            if found is None:
                a = session.account
                whole = Scope.of(a, shared=self.shared, wide=tuple(a.roles), login=a.login)
                found = {x.login: x.display_name for x in self.accounts.all(scope=whole)}
            return found.get(login) or login

        return person

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
        if (first := self.initial_password(request, session)) is not None:
            return first
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

    def initial_password(self, request: Request, session: SessionInfo) -> RedirectResponse | None:
        """While the account's password is one someone else set (an administrator,
        first-run, a reset), every page but ``/password`` sends the browser there; None
        once it has been changed."""
        if not session.account.must_change_password or request.url.path == PASSWORD_PAGE:
            return None
        target = request.url.path + ("?" + request.url.query if request.url.query else "")
        return RedirectResponse(f"{PASSWORD_PAGE}?next={quote(target)}", status_code=303)

    # ------------------------------------------------------------------ pages

    async def home(self, request: Request) -> Response:
        session = self.require(request)
        if not isinstance(session, SessionInfo):
            return session
        trained = self.runtime.caller_for_account(session.account).trained
        return self.render(request, "home.html.j2", {"trained": trained}, session=session)

    def _services(self, account: Account) -> list[Any]:
        policy = self._policy(account)
        return list(policy.catalog.services)

    def _org(self, session: SessionInfo | None) -> str:
        """The municipality the pages speak for (the header's name): the account's, or the
        one a single-municipality installation's policy names; "" where none is known."""
        if session is not None and session.account.municipality:
            return session.account.municipality
        policy = self.runtime.policy
        return (policy.municipality or "") if policy is not None else ""

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
    # A signed-in route that checks its roles itself (it answers JSON) still refuses an
    # account whose initial password is unchanged (the others: WebApp.require).
    unguarded = rule.signed_in and not rule.guard
    if roles is None and not ints and not unguarded:
        return Route(path, page, methods=[method])

    async def guarded(request: Request) -> Response:
        signed = app._session(request) if unguarded else None
        if signed is not None and signed.account.must_change_password:
            return JSONResponse(
                {"error": {"message": "初期パスワードを変更してから利用してください。",
                           "code": "password_change_required"}},
                status_code=403,
            )  # fmt: skip
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
