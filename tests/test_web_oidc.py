"""Sign-in with the city's directory (OpenID Connect) against a real OpenID provider:
panva's ``oidc-provider`` (node, installed by scripts/setup.sh into tests/oidc_op), started
here on a free port with invented accounts; its own login and consent pages are walked
over HTTP and in Debian's Chromium. The ID tokens the client must refuse (another key,
issuer, audience, nonce, expired, unsigned) are signed with the provider's own key (the
tests made it) and put in place of the real one after the real code exchange."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx
import pytest
from authlib.integrations.starlette_client import StarletteOAuth2App
from joserfc import jwt
from joserfc.jwk import KeySet, OctKey, RSAKey

from _browser import browser
from _db import BACKENDS, database_url
from _gateway import Running, free_port, running_gateway
from _web import EXAMPLES, PASSWORD, PLATFORM, csrf_in
from hinagata.config import load_config
from hinagata.server import create_app
from hinagata.store import (
    ACCOUNT_DISABLED,
    LOGIN_TAKEN,
    OTHER_MUNICIPALITY,
    AccountError,
    Accounts,
    KeyRequests,
)
from hinagata.store._db import Database

OP_DIR = Path(__file__).resolve().parent / "oidc_op"
REQUIRE_OP = os.environ.get("HINAGATA_REQUIRE_OIDC_OP") == "1"
CLIENT_ID = "hinagata-test"
SECRET = "test-client-secret-0123456789"
SECRET_ENV = "HINAGATA_TEST_OIDC_SECRET"
PROMPT = "転入届の相談：高橋 健一さん（電話 090-1234-5678）。要点をまとめて。"

#: The directory's people (invented): login at the provider → the claims it releases.
PEOPLE: dict[str, dict[str, Any]] = {
    "tanaka": {"name": "田中 一郎", "preferred_username": "tanaka.ichiro",
               "groups": ["g-hinagata-staff", "g-trained"], "department": "福祉課",
               "municipality": "example-city"},
    "suzuki": {"name": "鈴木 花子", "preferred_username": "suzuki.hanako",
               "groups": ["g-hinagata-admin", "g-jouhou"], "department": "総務部",
               "municipality": "example-city"},
    "nogroup": {"name": "佐藤 次郎", "preferred_username": "sato.jiro",
                "groups": ["g-everyone"], "department": "税務課", "municipality": "example-city"},
    "nologin": {"name": "名無し", "groups": ["g-hinagata-staff"]},
    "collide": {"name": "偽 管理者", "preferred_username": "Local-Admin",
                "groups": ["g-hinagata-staff"]},
    # A shared platform's people.
    "c-staff": {"name": "市 職員", "preferred_username": "c.staff", "groups": ["g-city-staff"],
                "department": "福祉課", "municipality": "example-city"},
    "t-admin": {"name": "町 管理者", "preferred_username": "t.admin",
                "groups": ["g-town-admin"], "department": "総務課", "municipality": "example-town"},
    "t-admin-as-city": {"name": "町 管理者", "preferred_username": "t.admin2",
                        "groups": ["g-town-admin"], "department": "総務課",
                        "municipality": "example-city"},
    "outsider": {"name": "他 市民", "preferred_username": "outsider",
                 "groups": ["g-city-admin"], "municipality": "another-city"},
}  # fmt: skip


@dataclass
class Provider:
    issuer: str
    #: The port the gateway must listen on: its callback is the one registered.
    app_port: int
    accounts: Path
    key: RSAKey

    def people(self, **changes: dict[str, Any]) -> None:
        """The directory's people, with ``changes`` (login → claims) applied."""
        self.accounts.write_text(
            json.dumps({**PEOPLE, **changes}, ensure_ascii=False), encoding="utf-8"
        )


def _node() -> str:
    node = shutil.which("node")
    if node is None or not (OP_DIR / "node_modules" / "oidc-provider").is_dir():
        if REQUIRE_OP:
            pytest.fail(
                "oidc-provider is not installed but HINAGATA_REQUIRE_OIDC_OP=1 "
                "(bash scripts/setup.sh installs it with npm)"
            )
        pytest.skip("node or tests/oidc_op/node_modules missing (bash scripts/setup.sh)")
    return node


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    node = _node()
    d = tmp_path_factory.mktemp("op")
    port, app_port = free_port(), free_port()
    issuer = f"http://127.0.0.1:{port}"
    key = RSAKey.generate_key(2048, parameters={"kid": "op-key-1", "use": "sig"}, private=True)
    found = Provider(issuer, app_port, d / "accounts.json", key)
    found.people()
    cfg = {
        "port": port,
        "issuer": issuer,
        "accounts": str(found.accounts),
        "jwks": {"keys": [key.as_dict(private=True)]},
        "clients": [
            {
                "client_id": CLIENT_ID,
                "client_secret": SECRET,
                "redirect_uris": [f"http://127.0.0.1:{app_port}/login/oidc/callback"],
                "grant_types": ["authorization_code"],
                "response_types": ["code"],
            }
        ],
    }
    (d / "op.json").write_text(json.dumps(cfg), encoding="utf-8")
    log = (d / "op.log").open("w")
    proc = subprocess.Popen(
        [node, str(OP_DIR / "provider.mjs"), str(d / "op.json")],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.time() + 60
        while True:
            try:
                if httpx.get(issuer + "/.well-known/openid-configuration").status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                pytest.fail("oidc-provider did not start: " + (d / "op.log").read_text())
            time.sleep(0.1)
        yield found
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def _oidc_yaml(op: Provider, *, shared: bool = False, local_login: bool = True) -> str:
    head = f"""\
web:
  local_login: {str(local_login).lower()}
  oidc:
    issuer: {op.issuer}
    client_id: {CLIENT_ID}
    client_secret_env: {SECRET_ENV}
    redirect_uri: http://127.0.0.1:{op.app_port}/login/oidc/callback
"""
    if not shared:
        return (
            f"policy: {EXAMPLES / 'example-city'}\n"
            + head
            + """\
    claims: {department: department}
    municipalities:
      - name: 例示市
        roles: {g-hinagata-staff: [staff], g-hinagata-admin: [admin], g-review: [reviewer]}
        departments: {g-jouhou: 情報政策課}
        trained_groups: [g-trained]
"""
        )
    return (
        PLATFORM
        + head
        + """\
    claims: {department: department, municipality: municipality}
    municipalities:
      - {name: 例示市, claim_value: example-city, roles: {g-city-staff: [staff], g-city-admin: [admin]}}
      - {name: 例示町, claim_value: example-town, roles: {g-town-staff: [staff], g-town-admin: [admin]}}
"""
    )


@pytest.fixture
def served(
    provider: Provider, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Any]:
    """A gateway signing in with the provider (on the port its callback is registered for)."""
    monkeypatch.setenv(SECRET_ENV, SECRET)
    provider.people()

    def start(**kw: Any) -> Any:
        return running_gateway(
            tmp_path,
            f"sqlite:///{tmp_path / 'h.db'}",
            extra=_oidc_yaml(provider, **kw),
            port=provider.app_port,
        )

    return start


@pytest.fixture
def city(served: Callable[..., Any]) -> Iterator[Running]:
    with served() as running:
        Accounts(running.gateway.db).create(
            login="local-admin", password=PASSWORD, municipality="例示市", roles=["admin"]
        )
        yield running


def _client() -> httpx.Client:
    return httpx.Client(follow_redirects=False, timeout=30)


def _at_provider(c: httpx.Client, r: httpx.Response, base: str, login: str) -> httpx.Response:
    """Follows the provider's pages as a browser would (its login form, then its consent
    form) until it sends the browser back to ``base``; returns that redirect."""
    for _ in range(12):
        if r.status_code in (302, 303) and urljoin(str(r.url), r.headers["location"]).startswith(
            base
        ):
            return r
        if r.status_code in (302, 303):
            r = c.get(urljoin(str(r.url), r.headers["location"]))
            continue
        assert r.status_code == 200, r.text[:500]
        action = re.search(r'<form[^>]*action="([^"]+)"', r.text)
        assert action, r.text[:500]
        fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', r.text))
        if 'name="login"' in r.text:
            fields.update(login=login, password="any-password-at-the-provider")
        r = c.post(urljoin(str(r.url), unescape(action.group(1))), data=fields)
    raise AssertionError("the provider never sent the browser back")


def _sign_in(c: httpx.Client, gw: Running, login: str, target: str = "/check") -> httpx.Response:
    """Sign in as ``login`` of the directory; returns the callback's answer. The
    provider's own session (its cookies) is dropped first: the provider would otherwise
    sign in whoever signed in there last, without asking (single sign-on)."""
    for cookie in list(c.cookies.jar):
        if not cookie.name.startswith("hinagata_"):
            c.cookies.jar.clear(cookie.domain, cookie.path, cookie.name)
    start = c.get(gw.base_url + "/login/oidc", params={"next": target})
    assert start.status_code == 303, start.text[:300]
    back = _at_provider(c, c.get(start.headers["location"]), gw.base_url, login)
    return c.get(urljoin(str(back.url), back.headers["location"]))


# ---------------------------------------------------------------------------- storage


@pytest.mark.parametrize("backend", BACKENDS)
def test_directory_accounts_are_stored_like_local_ones(backend: str, tmp_path: Path) -> None:
    """On SQLite and PostgreSQL: linked by subject, never by login; updated on each sign-in;
    no password; a disabled one or one of another municipality is refused."""
    for url in database_url(backend, tmp_path):
        db = Database(url)
        db.migrate()
        try:
            acc = Accounts(db)
            acc.create(login="Local-Admin", password=PASSWORD, roles=["admin"])
            first = dict(subject="https://idp.example/|s-1", login="tanaka.ichiro",
                         display_name="田中 一郎", department="福祉課", municipality="例示市",
                         roles=("staff",), trained=None)  # fmt: skip
            a = acc.sign_in_external(**first)  # type: ignore[arg-type]
            assert (a.login, a.department, a.roles, a.trained) == (
                "tanaka.ichiro",
                "福祉課",
                ("staff",),
                False,
            )
            b = acc.sign_in_external(**{**first, "department": "総務課",  # type: ignore[arg-type]
                                        "roles": ("reviewer", "staff"), "trained": True})  # fmt: skip
            assert b.id == a.id and b.department == "総務課" and b.roles == ("reviewer", "staff")
            assert b.trained and acc.by_subject("https://idp.example/|s-1") == b
            assert acc.authenticate("tanaka.ichiro", "hinagata-dummy-password") is None
            for change, error in (
                ({"subject": "https://idp.example/|s-2", "login": "ｌｏｃａｌ-admin"}, LOGIN_TAKEN),
                ({"municipality": "例示町"}, OTHER_MUNICIPALITY),
                ({"roles": ()}, "不明な役割"),
                ({"subject": "x" * 301}, "識別子"),
                ({"subject": "https://idp.example/|s-3", "login": "tan aka"}, "使えない形式"),
            ):
                with pytest.raises(AccountError, match=re.escape(error)):
                    acc.sign_in_external(**{**first, **change})  # type: ignore[arg-type]
            assert acc.get("Local-Admin") is not None and acc.get("ｌｏｃａｌ-admin") is None
            acc.disable("tanaka.ichiro")
            with pytest.raises(AccountError, match=ACCOUNT_DISABLED):
                acc.sign_in_external(**first)  # type: ignore[arg-type]
        finally:
            db.dispose()


# ---------------------------------------------------------------------------- the flow


def test_the_request_to_the_provider_has_pkce_state_nonce_and_the_fixed_redirect(
    city: Running, provider: Provider
) -> None:
    with _client() as c:
        r = c.get(city.base_url + "/login/oidc?next=/check",
                  headers={"host": "evil.example"})  # fmt: skip
        assert r.status_code == 303
        url = urlsplit(r.headers["location"])
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        assert f"{url.scheme}://{url.netloc}" == provider.issuer and url.path == "/auth"
        assert q["response_type"] == "code" and q["client_id"] == CLIENT_ID
        # The redirect URI is the configured one, whatever host the request named.
        assert q["redirect_uri"] == f"http://127.0.0.1:{provider.app_port}/login/oidc/callback"
        assert q["code_challenge_method"] == "S256" and "openid" in q["scope"].split()
        assert len(q["state"]) >= 20 and len(q["nonce"]) >= 20
        cookie = r.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/login/oidc" in cookie
        # The code verifier stays in the browser's flow cookie; only its S256 goes out.
        flow = json.loads(base64.urlsafe_b64decode(c.cookies["hinagata_oidc_flow"].split(".")[0]))
        import hashlib

        challenge = base64.urlsafe_b64encode(hashlib.sha256(flow["verifier"].encode()).digest())
        assert q["code_challenge"] == challenge.decode().rstrip("=")
        assert flow["verifier"] not in r.headers["location"]
        assert flow["state"] == q["state"] and flow["nonce"] == q["nonce"]


def test_sign_in_creates_the_account_from_the_claims_and_the_session_is_a_normal_one(
    city: Running, provider: Provider
) -> None:
    with _client() as c:
        r = _sign_in(c, city, "tanaka")
        assert r.status_code == 303 and r.headers["location"] == "/check", r.text[:300]
        cookie = r.headers.get_list("set-cookie")
        session = next(x for x in cookie if x.startswith("hinagata_session="))
        assert "HttpOnly" in session and "SameSite=lax" in session and "Path=/" in session
        page = c.get(city.base_url + "/check")
        assert page.status_code == 200 and "入力前チェック" in page.text
        assert "田中 一郎" in page.text
        # A form without the session's CSRF token is refused, as for a local sign-in.
        r = c.post(city.base_url + "/check",
                   data={"text": PROMPT, "service": "example-domestic-lgwan"})  # fmt: skip
        assert r.status_code == 400
        r = c.post(city.base_url + "/check", data={"csrf": csrf_in(page.text), "text": PROMPT,
                                                   "service": "example-domestic-lgwan"})  # fmt: skip
        assert r.status_code == 200 and "t-PERSON_NAME" in r.text
        # Stored like a local account: linked to issuer and subject, with no password.
        accounts = Accounts(city.gateway.db)
        a = accounts.by_subject(f"{provider.issuer}|tanaka")
        assert a is not None and a.login == "tanaka.ichiro" and a.display_name == "田中 一郎"
        assert a.municipality == "例示市" and a.department == "福祉課"
        assert a.roles == ("staff",) and a.trained
        for guess in ("", "hinagata-dummy-password", "any-password-at-the-provider"):
            assert accounts.authenticate("tanaka.ichiro", guess) is None
        # No password here: none to change, no link to a page that would ask for one.
        assert 'href="/password"' not in page.text
        r = c.get(city.base_url + "/password")
        assert r.status_code == 400 and "パスワードはありません" in r.text
        r = c.post(city.base_url + "/password", data={"csrf": csrf_in(page.text), "current": "",
                                                      "new": "x" * 20, "again": "x" * 20})  # fmt: skip
        assert r.status_code == 400 and accounts.authenticate("tanaka.ichiro", "x" * 20) is None
        # Its keys and its audit work like anyone's.
        # (requested, approved by the municipality's administrator of the directory, collected)
        token = csrf_in(c.get(city.base_url + "/keys").text)
        r = c.post(city.base_url + "/keys", data={"csrf": token, "purpose": "庁内チャット",
                                                  "service": "example-domestic-lgwan"})  # fmt: skip
        assert r.status_code == 200, r.text[:300]
        (req,) = KeyRequests(city.gateway.db).for_user("tanaka.ichiro")
        with _client() as admin:
            _sign_in(admin, city, "suzuki", "/keys/approvals")
            at = csrf_in(admin.get(city.base_url + "/keys/approvals").text)
            r = admin.post(f"{city.base_url}/keys/approvals/{req.id}",
                           data={"csrf": at, "decision": "approve"})  # fmt: skip
            assert r.status_code in (200, 303), r.text[:300]
        r = c.post(f"{city.base_url}/keys/requests/{req.id}/collect", data={"csrf": token})
        key = re.search(r'id="new-key" value="([^"]+)"', r.text).group(1)  # type: ignore[union-attr]
        info = city.gateway.keys.lookup(key)
        assert info.user == "tanaka.ichiro" and info.department == "福祉課"
        assert info.municipality == "例示市"
        # Sign-out ends it.
        c.post(city.base_url + "/logout", data={"csrf": token})
        assert c.get(city.base_url + "/check").status_code == 303


def test_signing_in_again_updates_roles_and_department_from_the_directory(
    city: Running, provider: Provider
) -> None:
    accounts = Accounts(city.gateway.db)
    with _client() as c:
        assert _sign_in(c, city, "tanaka").status_code == 303
    first = accounts.by_subject(f"{provider.issuer}|tanaka")
    assert first is not None and first.roles == ("staff",)
    moved = {
        **PEOPLE["tanaka"],
        "groups": ["g-review"],
        "department": "総務課",
        "name": "田中 一朗",
    }
    provider.people(tanaka=moved)
    with _client() as c:
        assert _sign_in(c, city, "tanaka").status_code == 303
        assert "審査" in c.get(city.base_url + "/").text
    again = accounts.by_subject(f"{provider.issuer}|tanaka")
    assert again is not None and again.id == first.id
    assert again.roles == ("reviewer",) and again.department == "総務課"
    assert again.display_name == "田中 一朗" and not again.trained  # left the trained group
    # A group mapped to a department wins over the department claim.
    with _client() as c:
        assert _sign_in(c, city, "suzuki").status_code == 303
    s = accounts.by_subject(f"{provider.issuer}|suzuki")
    assert s is not None and s.roles == ("admin",) and s.department == "情報政策課"
    # Out of every known group: refused, and the stored roles are not widened.
    provider.people(tanaka={**moved, "groups": []})
    with _client() as c:
        r = _sign_in(c, city, "tanaka")
        assert r.status_code == 403 and "利用できるグループが設定されていません" in r.text
        assert "hinagata_session=" not in r.headers.get("set-cookie", "")


def test_people_the_mapping_does_not_cover_are_refused_with_a_clear_message(
    city: Running,
) -> None:
    with _client() as c:
        r = _sign_in(c, city, "nogroup")
        assert r.status_code == 403 and "この庁内アカウントではログインできません" in r.text
        assert "利用できるグループが設定されていません" in r.text
        assert c.get(city.base_url + "/check").status_code == 303  # not signed in
        r = _sign_in(c, city, "nologin")
        assert (
            r.status_code == 403 and "ログイン名（preferred_username）が届きませんでした" in r.text
        )
        # A directory login that a local account holds (in any case or width) is never
        # linked to it: no sign-in as the local administrator.
        r = _sign_in(c, city, "collide")
        assert r.status_code == 403 and "同じログイン名のアカウントが既にあります" in r.text
        assert c.get(city.base_url + "/admin/users").status_code == 303
    assert Accounts(city.gateway.db).get("Local-Admin") is None
    # An account an administrator disabled stays disabled.
    with _client() as c:
        assert _sign_in(c, city, "tanaka").status_code == 303
    Accounts(city.gateway.db).disable("tanaka.ichiro")
    with _client() as c:
        r = _sign_in(c, city, "tanaka")
        assert r.status_code == 403 and "このアカウントは停止されています" in r.text


def test_the_callback_is_refused_without_its_flow(city: Running) -> None:
    """Login CSRF and replay: a callback URL from another browser's sign-in (no flow
    cookie), with another state, or used twice, signs nobody in."""
    with _client() as attacker:
        start = attacker.get(city.base_url + "/login/oidc")
        back = _at_provider(attacker, attacker.get(start.headers["location"]), city.base_url,
                            "suzuki")  # fmt: skip
        callback = urljoin(str(back.url), back.headers["location"])
    with _client() as victim:
        r = victim.get(callback)
        assert r.status_code == 400 and "有効期限が切れました" in r.text
        assert "hinagata_session=" not in r.headers.get("set-cookie", "")
    with _client() as c:
        start = c.get(city.base_url + "/login/oidc")
        back = _at_provider(c, c.get(start.headers["location"]), city.base_url, "tanaka")
        url = urljoin(str(back.url), back.headers["location"])
        wrong = re.sub(r"state=[^&]+", "state=guessed-state-value", url)
        assert c.get(wrong).status_code == 400
        assert c.get(url).status_code == 400  # the flow ended with the wrong answer
    with _client() as c:
        start = c.get(city.base_url + "/login/oidc")
        flow = c.cookies["hinagata_oidc_flow"]
        back = _at_provider(c, c.get(start.headers["location"]), city.base_url, "tanaka")
        url = urljoin(str(back.url), back.headers["location"])
        # A flow cookie changed in the browser (another verifier) is not ours.
        body, _, mac = flow.partition(".")
        data = json.loads(base64.urlsafe_b64decode(body))
        forged = base64.urlsafe_b64encode(json.dumps({**data, "next": "/admin"}).encode())
        c.cookies.set("hinagata_oidc_flow", forged.decode() + "." + mac, path="/login/oidc")
        assert c.get(url).status_code == 400
        c.cookies.set("hinagata_oidc_flow", flow, path="/login/oidc")
        assert c.get(url).status_code == 303  # the real one works once
        c.cookies.set("hinagata_oidc_flow", flow, path="/login/oidc")
        assert c.get(url).status_code == 502  # the code was used: the provider refuses


def test_the_provider_refusing_or_cancelling_is_a_page_not_an_error(city: Running) -> None:
    with _client() as c:
        start = c.get(city.base_url + "/login/oidc")
        state = parse_qs(urlsplit(start.headers["location"]).query)["state"][0]
        r = c.get(city.base_url + "/login/oidc/callback",
                  params={"error": "access_denied", "state": state})  # fmt: skip
        assert r.status_code == 400 and "サインインが取り消されました" in r.text
        start = c.get(city.base_url + "/login/oidc")
        state = parse_qs(urlsplit(start.headers["location"]).query)["state"][0]
        r = c.get(city.base_url + "/login/oidc/callback",
                  params={"code": "made-up-code", "state": state})  # fmt: skip
        assert r.status_code == 502 and "認証基盤がサインインを受け付けませんでした" in r.text
        start = c.get(city.base_url + "/login/oidc")
        state = parse_qs(urlsplit(start.headers["location"]).query)["state"][0]
        r = c.get(city.base_url + "/login/oidc/callback",
                  params={"code": "x", "state": state, "iss": "https://evil.example"})  # fmt: skip
        assert r.status_code == 401  # an answer naming another issuer (mix-up)


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def _forgeries(op: Provider) -> dict[str, Callable[[dict[str, Any]], str]]:
    rs = {"alg": "RS256", "kid": "op-key-1"}
    other = RSAKey.generate_key(2048, parameters={"kid": "op-key-1"}, private=True)
    now = int(time.time())

    def signed(**changes: Any) -> Callable[[dict[str, Any]], str]:
        return lambda c: jwt.encode(rs, {**c, **changes}, op.key)

    return {
        "another key": lambda c: jwt.encode(rs, c, other),
        "another issuer": signed(iss="http://127.0.0.1:9/evil"),
        "another audience": signed(aud="another-client", azp="another-client"),
        "another nonce": signed(nonce="n-" + "x" * 20),
        "no nonce": lambda c: jwt.encode(rs, {k: v for k, v in c.items() if k != "nonce"}, op.key),
        "expired": signed(exp=now - 3600, iat=now - 7200),
        "unsigned": lambda c: _b64({"alg": "none"}) + "." + _b64(c) + ".",
        "HMAC with the client secret": lambda c: jwt.encode(
            {"alg": "HS256"}, c, OctKey.import_key(SECRET), algorithms=["HS256"]
        ),
    }


@pytest.mark.parametrize(
    "kind",
    ["another key", "another issuer", "another audience", "another nonce", "no nonce",
     "expired", "unsigned", "HMAC with the client secret"],
)  # fmt: skip
def test_an_id_token_the_provider_did_not_issue_for_us_is_refused(
    city: Running, provider: Provider, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    real = StarletteOAuth2App.fetch_access_token
    keys = KeySet([provider.key])
    seen: list[dict[str, Any]] = []

    async def swapped(self: Any, **kw: Any) -> Any:
        token = await real(self, **kw)
        claims = jwt.decode(token["id_token"], keys).claims
        seen.append(claims)
        token["id_token"] = _forgeries(provider)[kind](claims)
        return token

    monkeypatch.setattr(StarletteOAuth2App, "fetch_access_token", swapped)
    with _client() as c:
        r = _sign_in(c, city, "suzuki", target="/admin")
        assert seen and seen[0]["aud"] == CLIENT_ID  # the real exchange happened
        assert r.status_code == 401 and "応答を確認できませんでした" in r.text
        assert "hinagata_session=" not in r.headers.get("set-cookie", "")
        assert c.get(city.base_url + "/admin").status_code == 303
    assert Accounts(city.gateway.db).by_subject(f"{provider.issuer}|suzuki") is None


def test_the_real_token_passes_the_same_checks(
    city: Running, provider: Provider, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counterpart of the forgeries: re-signing the provider's own claims with its key
    is accepted (so each forgery above fails for what it changed)."""
    real = StarletteOAuth2App.fetch_access_token
    keys = KeySet([provider.key])

    async def resigned(self: Any, **kw: Any) -> Any:
        token = await real(self, **kw)
        claims = jwt.decode(token["id_token"], keys).claims
        token["id_token"] = jwt.encode({"alg": "RS256", "kid": "op-key-1"}, claims, provider.key)
        return token

    monkeypatch.setattr(StarletteOAuth2App, "fetch_access_token", resigned)
    with _client() as c:
        assert _sign_in(c, city, "tanaka").status_code == 303


# ---------------------------------------------------------------------------- configuration


def test_local_sign_in_is_refused_when_the_config_turns_it_off(
    served: Callable[..., Any],
) -> None:
    with served(local_login=False) as gw:
        Accounts(gw.gateway.db).create(login="local-admin", password=PASSWORD, roles=["admin"])
        with _client() as c:
            page = c.get(gw.base_url + "/login")
            assert "庁内アカウントでサインイン" in page.text
            assert 'name="password"' not in page.text
            r = c.post(gw.base_url + "/login",
                       data={"login": "local-admin", "password": PASSWORD, "login_csrf": "x"})  # fmt: skip
            assert r.status_code == 403 and "停止されています" in r.text
            assert "hinagata_session=" not in r.headers.get("set-cookie", "")
            assert _sign_in(c, gw, "tanaka").status_code == 303


def test_with_local_sign_in_on_both_ways_are_offered(city: Running) -> None:
    with _client() as c:
        page = c.get(city.base_url + "/login?next=/chat")
        assert 'href="/login/oidc?next=/chat"' in page.text and 'name="password"' in page.text
        token = re.search(r'name="login_csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        r = c.post(city.base_url + "/login", data={"login": "local-admin", "password": PASSWORD,
                                                   "login_csrf": token})  # fmt: skip
        assert r.status_code == 303


def test_the_provider_being_down_gives_a_clear_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, provider: Provider
) -> None:
    monkeypatch.setenv(SECRET_ENV, SECRET)
    down = Provider(f"http://127.0.0.1:{free_port()}", provider.app_port, provider.accounts,
                    provider.key)  # fmt: skip
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}", extra=_oidc_yaml(down),
                         port=provider.app_port) as gw, _client() as c:  # fmt: skip
        r = c.get(gw.base_url + "/login/oidc")
        assert r.status_code == 503 and "認証基盤に接続できません" in r.text
        assert "Traceback" not in r.text and "ConnectError" not in r.text
        assert c.get(gw.base_url + "/login").status_code == 200  # the sign-in page still works


def test_the_provider_going_down_mid_sign_in_gives_a_clear_page(
    city: Running, provider: Provider, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def down(self: Any, **kw: Any) -> Any:
        raise httpx.ConnectError("connection refused")

    with _client() as c:
        start = c.get(city.base_url + "/login/oidc")
        back = _at_provider(c, c.get(start.headers["location"]), city.base_url, "tanaka")
        monkeypatch.setattr(StarletteOAuth2App, "fetch_access_token", down)
        r = c.get(urljoin(str(back.url), back.headers["location"]))
        assert r.status_code == 503 and "認証基盤に接続できません" in r.text


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"issuer": "http://idp.example/"}, "https"),
        ({"redirect_uri": "https://ai.example.lg.jp/callback"}, "/login/oidc/callback"),
        ({"scopes": ["profile"]}, "openid"),
        ({"municipalities": []}, "municipalities"),
        (
            {"municipalities": [{"name": "例示市", "roles": {"g": ["superuser"]}}]},
            "roles.g[0]: Input should be 'staff'",
        ),
    ],
)
def test_a_wrong_oidc_section_is_named_at_start(
    tmp_path: Path, change: dict[str, Any], says: str
) -> None:
    from hinagata.config import DataFileError

    oidc = {"issuer": "https://login.example.jp/tenant/v2.0", "client_id": "x",
            "redirect_uri": "https://ai.example.lg.jp/login/oidc/callback",
            "municipalities": [{"name": "例示市", "roles": {"g": ["staff"]}}], **change}  # fmt: skip
    cfg = tmp_path / "g.yaml"
    cfg.write_text(
        "secret_env: X\nmodels: [{name: d, service: s, upstream: {demo: true}}]\n"
        + "web: "
        + json.dumps({"oidc": oidc}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as err:
        load_config(cfg)
    assert says in str(err.value)


def test_local_login_off_needs_the_directory(tmp_path: Path) -> None:
    from hinagata.config import DataFileError

    cfg = tmp_path / "g.yaml"
    cfg.write_text("secret_env: X\nmodels: [{name: d, service: s, upstream: {demo: true}}]\n"
                   "web: {local_login: false}\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(DataFileError, match="誰もログインできなくなります"):
        load_config(cfg)


def test_a_mapping_to_a_municipality_no_policy_is_for_does_not_start(
    tmp_path: Path, provider: Provider, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SECRET_ENV, SECRET)
    text = _oidc_yaml(provider).replace("- name: 例示市", "- name: 架空村")
    cfg = tmp_path / "g.yaml"
    cfg.write_text(
        f"database_url: sqlite:///{tmp_path / 'h.db'}\nsecret_file: {tmp_path / 'k'}\n"
        "create_secret: true\nmodels: [{name: d, service: example-domestic-lgwan, "
        "upstream: {demo: true}}]\n" + text,
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="架空村"):
        create_app(load_config(cfg))
    monkeypatch.delenv(SECRET_ENV)
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("架空村", "例示市"), encoding="utf-8")
    with pytest.raises(ValueError, match=SECRET_ENV):
        create_app(load_config(cfg))


# ---------------------------------------------------------------------------- shared platform


def test_on_a_shared_platform_a_claim_cannot_give_a_role_in_another_municipality(
    served: Callable[..., Any], provider: Provider
) -> None:
    with served(shared=True) as gw:
        accounts = Accounts(gw.gateway.db)
        accounts.create(login="c-local", password=PASSWORD, municipality="例示市",
                        department="福祉課", roles=["staff"])  # fmt: skip
        with _client() as c:
            r = _sign_in(c, gw, "outsider")
            assert r.status_code == 403 and "団体「another-city」は" in r.text
            # 例示町's administrator group means nothing for someone the directory puts in
            # 例示市: refused, not an administrator of 例示市.
            r = _sign_in(c, gw, "t-admin-as-city")
            assert r.status_code == 403 and "利用できるグループ" in r.text
            assert _sign_in(c, gw, "c-staff").status_code == 303
        with _client() as c:
            assert _sign_in(c, gw, "t-admin", target="/admin/users").status_code == 303
            users = c.get(gw.base_url + "/admin/users")
            assert users.status_code == 200 and "t.admin" in users.text
            assert "c.staff" not in users.text and "c-local" not in users.text
        t = accounts.by_subject(f"{provider.issuer}|t-admin")
        assert t is not None and t.municipality == "例示町" and t.roles == ("admin",)
        # The directory moving someone to another municipality does not move the account
        # (its keys, history and audit stay with the first one): refused.
        provider.people(**{"t-admin": {**PEOPLE["t-admin"], "municipality": "example-city",
                                       "groups": ["g-city-admin"]}})  # fmt: skip
        with _client() as c:
            r = _sign_in(c, gw, "t-admin")
            assert r.status_code == 403 and "別の団体のもの" in r.text
        t2 = accounts.by_subject(f"{provider.issuer}|t-admin")
        assert t2 is not None and t2.municipality == "例示町"


# ---------------------------------------------------------------------------- browser


def test_in_the_browser_sign_in_with_the_directory_then_check_a_text(
    city: Running, provider: Provider
) -> None:
    with browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 800})
        page.goto(city.base_url + "/check")
        assert "/login" in page.url
        page.get_by_role("link", name="庁内アカウントでサインイン").click()
        # The provider's own sign-in page, then its consent page.
        page.wait_for_url(provider.issuer + "/interaction/**")
        page.locator("input[name=login]").fill("tanaka")
        page.locator("input[name=password]").fill("any-password-at-the-provider")
        page.locator("button[type=submit]").click()
        page.wait_for_load_state()
        if page.url.startswith(provider.issuer):
            page.locator("button[type=submit]").click()  # consent: "Continue"
        page.wait_for_url(city.base_url + "/check")
        header = page.inner_text("header")
        assert "田中 一郎" in header
        assert "福祉課" in header or "福祉課" in page.content()
        page.get_by_label("判定する文章").fill(PROMPT)
        page.get_by_label("送信先のAIサービス").select_option("example-domestic-lgwan")
        page.get_by_role("button", name="判定する").click()
        page.wait_for_selector(".result")
        assert page.locator("#marked mark.t-PERSON_NAME").first.inner_text() == "高橋 健一"
    a = Accounts(city.gateway.db).by_subject(f"{provider.issuer}|tanaka")
    assert a is not None and a.municipality == "例示市" and a.roles == ("staff",)


def test_the_documented_and_example_oidc_sections_are_valid(tmp_path: Path) -> None:
    """docs/web.md's example and the commented one in examples/gateway.yaml, as written."""
    import yaml

    from hinagata.config import Web

    root = Path(__file__).resolve().parent.parent
    doc = (root / "docs" / "web.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(web:\n.*?)```", doc, re.S)
    assert block is not None
    web = Web.model_validate(yaml.safe_load(block.group(1))["web"])
    assert web.oidc is not None and web.oidc.municipalities[0].name == "例示市"
    assert set(web.oidc.municipalities[0].roles.values()) == {
        ("staff",),
        ("usage_admin",),
        ("reviewer",),
        ("admin",),
    }
    shutil.copytree(root / "examples" / "policies", tmp_path / "examples" / "policies")
    for name in ("gateway.yaml", "city.yaml"):
        example = (root / "examples" / name).read_text(encoding="utf-8")
        start = example.index("# web:\n")
        text = example[:start] + "".join(
            line[2:] + "\n" for line in example[start:].splitlines() if line.startswith("# ")
        )
        cfg = tmp_path / "examples" / name
        cfg.write_text(text, encoding="utf-8")
        loaded = load_config(cfg)
        assert loaded.web.oidc is not None
        names = {m.name for m in loaded.web.oidc.municipalities}
        assert names == ({m.name for m in loaded.municipalities} or {"例示市"})
