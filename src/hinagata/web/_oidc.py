"""Sign-in with the organisation's directory (庁内アカウントでサインイン): OpenID Connect.

The authorization code flow with PKCE (S256), through Authlib's Starlette client
(docs/adr/0025-oidc-sign-in.md): ``GET /login/oidc`` sends the browser to the provider
with a fresh ``state``, ``nonce`` and code verifier, kept in a short-lived cookie of this
flow only (HttpOnly, SameSite=Lax, signed with a key derived from the server's audit key);
``GET /login/oidc/callback`` accepts the answer only with that cookie's ``state`` (and the
``iss`` the provider names, RFC 9207), exchanges the code at the token endpoint with the
verifier, and checks the ID token: its signature against the provider's JWKS (asymmetric
algorithms only), ``iss``, ``aud`` (and ``azp``), ``exp``, ``iat`` and the ``nonce``. The
redirect URI is the configured one, never taken from the request.

Who the person is comes from the checked ID token only, mapped by the configuration
(:class:`hinagata.config.Oidc`): the municipality by its claim (or the one municipality),
then the roles by the groups *of that municipality's* entry, so a group or claim can never
give a role in another municipality; nobody gets a default role. The account is stored
like a local one, linked by issuer and subject (never by login, never with a password),
and the session is the same as a local sign-in's (:func:`hinagata.web._signin.signed_in`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import httpx
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.starlette_client import OAuth
from joserfc.errors import JoseError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from hinagata.config import Oidc, OidcMunicipality
from hinagata.store import ACCOUNT_DISABLED, LOGIN_TAKEN, OTHER_MUNICIPALITY, AccountError
from hinagata.web._app import WebApp
from hinagata.web._signin import _safe_next, signed_in

__all__ = ["FLOW_COOKIE", "Mapped", "OidcPages", "Refused", "map_claims"]

log = logging.getLogger("hinagata.web")

#: What a failed call to the provider raises: Authlib's HTTP client is httpx2 where it is
#: installed (its successor), else httpx.
_HTTP_ERRORS: tuple[type[Exception], ...]
try:
    import httpx2

    _HTTP_ERRORS = (httpx.HTTPError, httpx2.HTTPError)
except ImportError:  # pragma: no cover - httpx only
    _HTTP_ERRORS = (httpx.HTTPError,)
#: What reading the provider's metadata raises when it is down or answers no JSON.
_METADATA_ERRORS: tuple[type[Exception], ...] = (*_HTTP_ERRORS, ValueError)

#: The cookie that carries one sign-in's state, nonce and code verifier to the callback.
FLOW_COOKIE = "hinagata_oidc_flow"
_FLOW_PATH = "/login/oidc"
#: How long a person may take at the provider's sign-in page.
FLOW_SECONDS = 10 * 60
#: Clock difference allowed between this server and the provider (ID token times).
LEEWAY_SECONDS = 60

_CONTACT = "情報政策課に連絡してください。"


@dataclass(frozen=True)
class Mapped:
    """What the directory's claims make of a person here."""

    subject: str
    login: str
    display_name: str
    municipality: str
    department: str
    roles: tuple[str, ...]
    trained: bool | None


@dataclass(frozen=True)
class Refused:
    """Why a person the directory vouched for may not sign in (a Japanese sentence)."""

    message: str


def _strings(value: object) -> list[str]:
    """A claim as a list of strings (a single string, or a list's strings)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _text(claims: Mapping[str, Any], name: str) -> str:
    value = claims.get(name) if name else None
    return value.strip() if isinstance(value, str) else ""


def map_claims(cfg: Oidc, claims: Mapping[str, Any]) -> Mapped | Refused:
    """The account a checked ID token's ``claims`` give, or why none.

    The municipality comes first (its claim's value must name a configured one; with one
    municipality and no claim configured, that one); the roles are looked up only among
    that municipality's groups. No known group: refused, never a default role.
    """
    entry: OidcMunicipality | None
    if cfg.claims.municipality:
        said = _text(claims, cfg.claims.municipality)
        entry = next((m for m in cfg.municipalities if m.claim_value == said), None)
        if entry is None:
            shown = said[:60] or "（なし）"
            return Refused(
                f"庁内アカウントの団体「{shown}」は、このシステムに設定されていません。"
                "利用できる団体の職員か確かめ、" + _CONTACT
            )
    else:
        entry = cfg.municipalities[0]
    groups = _strings(claims.get(cfg.claims.groups))
    roles: list[str] = []
    for group, given in entry.roles.items():
        if group in groups:
            roles.extend(r for r in given if r not in roles)
    if not roles:
        return Refused(
            "庁内アカウントに、このシステムを利用できるグループが設定されていません。"
            "利用するには、所属の管理者を通じて" + _CONTACT
        )
    login = _text(claims, cfg.claims.login)
    if not login:
        return Refused(
            f"庁内アカウントからログイン名（{cfg.claims.login}）が届きませんでした。" + _CONTACT
        )
    department = next((d for g, d in entry.departments.items() if g in groups), "")
    department = department or _text(claims, cfg.claims.department)
    trained = any(g in groups for g in entry.trained_groups) if entry.trained_groups else None
    return Mapped(
        subject=f"{cfg.issuer}|{claims['sub']}",
        login=login,
        display_name=_text(claims, cfg.claims.name) or login,
        municipality=entry.name,
        department=department,
        roles=tuple(roles),
        trained=trained,
    )


class _FlowSeal:
    """Signs the flow cookie (HMAC-SHA256 with a key of its own, derived from the server's
    audit key), so that a cookie planted by a neighbouring site is not taken for ours."""

    def __init__(self, secret: bytes) -> None:
        self._key = hmac.new(secret, b"hinagata oidc flow v1", hashlib.sha256).digest()

    def seal(self, data: Mapping[str, Any]) -> str:
        body = base64.urlsafe_b64encode(json.dumps(data).encode("utf-8")).decode("ascii")
        mac = hmac.new(self._key, body.encode("ascii"), hashlib.sha256).hexdigest()
        return f"{body}.{mac}"

    def open(self, value: str, *, now: float) -> dict[str, Any] | None:
        body, _, mac = value.partition(".")
        want = hmac.new(self._key, body.encode("ascii", "replace"), hashlib.sha256).hexdigest()
        if not body or not hmac.compare_digest(mac, want):
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(body.encode("ascii")))
        except ValueError:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("t"), int | float):
            return None
        if not 0 <= now - data["t"] <= FLOW_SECONDS:
            return None
        return data


class OidcPages:
    """``/login/oidc`` (to the provider) and ``/login/oidc/callback`` (back from it)."""

    def __init__(self, web: WebApp) -> None:
        self.web = web
        self.cfg = web.cfg.oidc
        self._client: Any = None
        self._seal = _FlowSeal(web.runtime.config.secret())
        if self.cfg is not None:
            self._check_municipalities(self.cfg)
            self._client = self._register(self.cfg)

    def _check_municipalities(self, cfg: Oidc) -> None:
        """Every municipality the mapping names must be one this installation serves."""
        runtime = self.web.runtime
        for m in cfg.municipalities:
            served = (
                runtime.serves(m.name)
                if runtime.shared
                else m.name == ((runtime.policy.municipality if runtime.policy else "") or m.name)
            )
            if not served:
                raise ValueError(
                    f"web.oidc の団体「{m.name}」は、この設定の規定にありません / "
                    f"web.oidc names {m.name!r}, which no configured policy is for"
                )

    @staticmethod
    def _register(cfg: Oidc) -> Any:
        secret = os.environ.get(cfg.client_secret_env, "") if cfg.client_secret_env else ""
        if cfg.client_secret_env and not secret:
            raise ValueError(
                f"環境変数 {cfg.client_secret_env} にクライアントシークレットを設定してください / "
                f"set {cfg.client_secret_env} (the OIDC client secret)"
            )
        oauth = OAuth()
        return oauth.register(
            name="directory",
            client_id=cfg.client_id,
            client_secret=secret or None,
            server_metadata_url=cfg.issuer.rstrip("/") + "/.well-known/openid-configuration",
            client_kwargs={
                "scope": " ".join(cfg.scopes),
                "code_challenge_method": "S256",
                "token_endpoint_auth_method": "client_secret_basic" if secret else "none",
                "timeout": cfg.timeout_s,
            },
        )

    # ------------------------------------------------------------------ pages

    async def start(self, request: Request) -> Response:
        if self.cfg is None or self._client is None:
            return self._error(request, "not_configured")
        target = _safe_next(request.query_params.get("next", "/"))
        try:
            await self._metadata()
            found = await self._client.create_authorization_url(self.cfg.redirect_uri)
        except _Unreachable:
            return self._error(request, "unreachable")
        flow = {
            "state": found["state"],
            "nonce": found["nonce"],
            "verifier": found["code_verifier"],
            "next": target,
            "t": int(time.time()),
        }
        resp = RedirectResponse(found["url"], status_code=303)
        resp.set_cookie(
            FLOW_COOKIE,
            self._seal.seal(flow),
            max_age=FLOW_SECONDS,
            httponly=True,
            # Lax: the provider sends the browser back with a top-level GET from its site.
            samesite="lax",
            secure=self.web.secure(request),
            path=_FLOW_PATH,
        )
        return resp

    async def callback(self, request: Request) -> Response:
        if self.cfg is None or self._client is None:
            return self._error(request, "not_configured")
        cfg = self.cfg
        q = request.query_params
        flow = self._seal.open(request.cookies.get(FLOW_COOKIE, ""), now=time.time())
        if flow is None:
            return self._error(request, "expired")
        if q.get("error"):
            log.info("oidc: provider answered %s", q.get("error", "")[:40])
            kind = "cancelled" if q.get("error") in ("access_denied", "login_required") else "op"
            return self._error(request, kind)
        state = q.get("state", "")
        if not state or not hmac.compare_digest(state.encode(), str(flow["state"]).encode()):
            log.warning("oidc: state mismatch")
            return self._error(request, "expired")
        if "iss" in q and q["iss"] != cfg.issuer:
            log.warning("oidc: the answer names another issuer")
            return self._error(request, "invalid")
        code = q.get("code", "")
        if not code:
            return self._error(request, "invalid")
        try:
            await self._metadata()
            token = await self._client.fetch_access_token(
                redirect_uri=cfg.redirect_uri, code=code, code_verifier=flow["verifier"]
            )
            claims = await self._client.parse_id_token(
                token,
                nonce=flow["nonce"],
                claims_options={
                    "iss": {"essential": True, "value": cfg.issuer},
                    "aud": {"essential": True, "value": cfg.client_id},
                    "exp": {"essential": True},
                    "sub": {"essential": True},
                },
                leeway=LEEWAY_SECONDS,
            )
        except _Unreachable:
            return self._error(request, "unreachable")
        except _HTTP_ERRORS as exc:
            log.warning("oidc: provider unreachable: %s", type(exc).__name__)
            return self._error(request, "unreachable")
        except AuthlibBaseError as exc:
            log.warning("oidc: token request refused: %s", str(exc.error)[:40])
            return self._error(request, "op")
        except (JoseError, ValueError, KeyError, TypeError) as exc:
            log.warning("oidc: ID token refused: %s", type(exc).__name__)
            return self._error(request, "invalid")
        if claims is None or claims.get("nonce") != flow["nonce"]:
            # No ID token, or one without our nonce: never a sign-in.
            log.warning("oidc: no ID token with the nonce")
            return self._error(request, "invalid")
        mapped = map_claims(cfg, claims)
        if isinstance(mapped, Refused):
            log.info("oidc: refused %s", type(mapped).__name__)
            return self._refused(request, mapped.message)
        try:
            account = await run_in_threadpool(
                self.web.accounts.sign_in_external,
                subject=mapped.subject,
                login=mapped.login,
                display_name=mapped.display_name,
                department=mapped.department,
                municipality=mapped.municipality,
                roles=mapped.roles,
                trained=mapped.trained,
            )
        except AccountError as exc:
            return self._refused(request, _account_message(str(exc)))
        resp = signed_in(self.web, request, account, str(flow.get("next", "/")))
        resp.delete_cookie(FLOW_COOKIE, path=_FLOW_PATH)
        return resp

    # ------------------------------------------------------------------ helpers

    async def _metadata(self) -> dict[str, Any]:
        """The provider's metadata (read once, then kept); it must name our issuer."""
        try:
            meta = cast(dict[str, Any], await self._client.load_server_metadata())
        except _METADATA_ERRORS as exc:
            log.warning("oidc: provider unreachable: %s", type(exc).__name__)
            raise _Unreachable from exc
        assert self.cfg is not None
        if meta.get("issuer") != self.cfg.issuer:
            log.error("oidc: the provider's metadata names another issuer")
            raise _Unreachable
        # Only the configured (asymmetric) algorithms verify an ID token, whatever the
        # provider lists.
        listed = _strings(meta.get("id_token_signing_alg_values_supported")) or ["RS256"]
        meta["id_token_signing_alg_values_supported"] = [
            a for a in listed if a in self.cfg.algorithms
        ] or list(self.cfg.algorithms)
        return meta

    def _error(self, request: Request, kind: str) -> Response:
        title, message, status = _ERRORS[kind]
        return self._page(request, title, message, status)

    def _refused(self, request: Request, message: str) -> Response:
        return self._page(request, "この庁内アカウントではログインできません", message, 403)

    def _page(self, request: Request, title: str, message: str, status: int) -> Response:
        resp = self.web.render(
            request,
            "error.html.j2",
            {"title": title, "message": message},
            status=status,
        )
        resp.delete_cookie(FLOW_COOKIE, path=_FLOW_PATH)
        return resp


class _Unreachable(Exception):
    """The provider could not be asked (down, or its metadata unusable)."""


_ERRORS: dict[str, tuple[str, str, int]] = {
    "not_configured": (
        "庁内アカウントでのサインインは設定されていません",
        "ログイン名とパスワードでログインしてください。",
        404,
    ),
    "unreachable": (
        "庁内アカウントの認証基盤に接続できません",
        "認証基盤が応答しません。しばらくしてからもう一度お試しください。続く場合は" + _CONTACT,
        503,
    ),
    "expired": (
        "サインインの手続きの有効期限が切れました",
        "サインインを最初からやり直してください（10分以内に済ませてください）。",
        400,
    ),
    "cancelled": (
        "サインインは完了しませんでした",
        "認証基盤でのサインインが取り消されました。もう一度お試しください。",
        400,
    ),
    "op": (
        "認証基盤がサインインを受け付けませんでした",
        "もう一度お試しください。続く場合は" + _CONTACT,
        502,
    ),
    "invalid": (
        "認証基盤からの応答を確認できませんでした",
        "安全のためサインインを中止しました。もう一度お試しください。続く場合は" + _CONTACT,
        401,
    ),
}


def _account_message(error: str) -> str:
    known: Sequence[tuple[str, str]] = (
        (ACCOUNT_DISABLED, "このアカウントは停止されています。" + _CONTACT),
        (
            OTHER_MUNICIPALITY,
            "このアカウントは別の団体のものとして登録されています。団体の変更は" + _CONTACT,
        ),
        (
            LOGIN_TAKEN,
            "同じログイン名のアカウントが既にあります（庁内アカウントとは結び付けません）。"
            + _CONTACT,
        ),
    )
    for text, message in known:
        if error == text:
            return message
    return error.split(" / ")[0] + "。" + _CONTACT
