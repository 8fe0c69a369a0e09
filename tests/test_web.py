"""The web application: sign-in, sessions, CSRF, roles, and 入力前チェック — over HTTP and
in Debian's headless Chromium driven by Playwright. Data invented."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import httpx
import pytest

from _browser import browser
from _gateway import Running, running_gateway
from _web import PASSWORD, csrf_at, csrf_in, post_sign_in, sign_in_page
from hinagata.store import OPERATOR, Accounts, KeyRequests

PROMPT = "転入届の相談：高橋 健一さん（電話 090-1234-5678、住所 横浜市港北区新横浜三丁目12番5号）。要点をまとめて。"


@pytest.fixture
def gw(tmp_path: Path) -> Iterator[Running]:
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}") as running:
        acc = Accounts(running.gateway.db)
        acc.create(login="tanaka", password=PASSWORD, display_name="田中 一郎",
                   department="市民課", roles=["staff"], trained=True)  # fmt: skip
        acc.create(login="norole", password=PASSWORD, roles=[], trained=True)
        yield running


def _client(gw: Running) -> httpx.Client:
    return httpx.Client(base_url=gw.base_url, follow_redirects=False, timeout=30)


def _login(c: httpx.Client, login: str = "tanaka", password: str = PASSWORD) -> httpx.Response:
    return post_sign_in(c, login, password, next="/check")


def test_pages_need_a_session_and_sign_in_works(gw: Running) -> None:
    with _client(gw) as c:
        r = c.get("/check")
        assert r.status_code == 303 and r.headers["location"] == "/login?next=/check"
        bad = _login(c, password="wrong-password-123")
        assert bad.status_code == 401 and "ログイン名又はパスワードが違います" in bad.text
        assert 'value="tanaka"' in bad.text  # what was typed is kept
        ok = _login(c)
        assert ok.status_code == 303 and ok.headers["location"] == "/check"
        cookie = ok.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie
        page = c.get("/check")
        assert page.status_code == 200 and "入力前チェック" in page.text
        assert "default-src 'self'" in page.headers["content-security-policy"]


def test_login_needs_its_form_token_and_never_redirects_off_site(gw: Running) -> None:
    with _client(gw) as c:
        r = c.post("/login", data={"login": "tanaka", "password": PASSWORD, "login_csrf": "x"})
        assert r.status_code == 400
        r = post_sign_in(c, "tanaka", next="https://evil.example/")
        assert r.status_code == 303 and r.headers["location"] == "/"


def test_check_without_csrf_is_refused_and_keeps_the_text(gw: Running) -> None:
    with _client(gw) as c:
        _login(c)
        r = c.post("/check", data={"text": PROMPT, "service": "example-domestic-lgwan"})
        assert r.status_code == 400
        assert "画面の有効期限が切れました" in r.text
        assert "高橋 健一さん" in r.text  # nothing typed is lost


def test_check_over_http_gives_the_verdict_highlights_and_masked_text(gw: Running) -> None:
    with _client(gw) as c:
        _login(c)
        token = csrf_at(c, "/check")
        r = c.post("/check", data={"csrf": token, "text": PROMPT,
                                   "service": "example-consumer-chat"})  # fmt: skip
        assert r.status_code == 200
        assert "判定：送信できません" in r.text
        assert 'class="t t-PERSON_NAME"' in r.text and 'class="t t-PHONE_NUMBER"' in r.text
        # A refused text offers no masked copy (it would be pasted into the refused
        # service); the page says why and which service could take it.
        assert "〔氏名1〕" not in r.text and 'data-copy="masked"' not in r.text
        assert "伏字にした文章は表示しません" in r.text
        assert "伏字にすれば送信できます" in r.text  # what another service would say
        # Missing fields are named next to the field.
        r = c.post("/check", data={"csrf": token, "text": "", "service": "nope"})
        assert r.status_code == 400
        assert (
            "判定する文章を入力するか" in r.text and "送信先のAIサービスを選んでください" in r.text
        )


def test_uploads_are_read_or_refused_clearly(gw: Running) -> None:
    with _client(gw) as c:
        _login(c)
        token = csrf_at(c, "/check")
        d = docx.Document()
        d.add_paragraph(PROMPT)
        buf = io.BytesIO()
        d.save(buf)
        files = {"file": ("相談.docx", buf.getvalue(),
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document")}  # fmt: skip
        r = c.post("/check", data={"csrf": token, "service": "example-domestic-lgwan"}, files=files)
        assert r.status_code == 200 and "t-PERSON_NAME" in r.text
        r = c.post("/check", data={"csrf": token, "service": "example-domestic-lgwan"},
                   files={"file": ("photo.png", b"\x89PNG....", "image/png")})  # fmt: skip
        assert r.status_code == 400 and "この形式のファイルは判定できません" in r.text
        r = c.post("/check", data={"csrf": token, "service": "example-domestic-lgwan"},
                   files={"file": ("broken.pdf", b"%PDF-1.4 broken", "application/pdf")})  # fmt: skip
        assert r.status_code == 400 and "読み取れませんでした" in r.text
        big = b"a" * (gw.gateway.config.web.upload_max_bytes + 200_000)
        r = c.post("/check", data={"csrf": token, "service": "example-domestic-lgwan"},
                   files={"file": ("big.txt", big, "text/plain")})  # fmt: skip
        assert r.status_code == 413 and "ファイルが大きすぎます" in r.text


def test_a_role_that_may_not_see_a_page_gets_403_not_an_empty_page(gw: Running) -> None:
    with _client(gw) as c:
        _login(c, login="norole")
        r = c.get("/check")
        assert r.status_code == 403 and "権限がありません" in r.text


def test_expired_and_ended_sessions_go_back_to_sign_in(gw: Running) -> None:
    with _client(gw) as c:
        _login(c)
        accounts = Accounts(gw.gateway.db)
        token = c.cookies.get("hinagata_session")
        assert token and accounts.session(token) is not None
        later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=31)
        assert accounts.session(token, now=later) is None  # idle too long: ended
        r = c.get("/check")
        assert r.status_code == 303 and "expired=1" in r.headers["location"]
        assert "一定時間操作がなかったため" in c.get(r.headers["location"]).text
        # Disabling an account ends its sessions at once.
        _login(c)
        accounts.disable("tanaka")
        assert c.get("/check").status_code == 303


def test_logout_needs_the_token(gw: Running) -> None:
    with _client(gw) as c:
        _login(c)
        page = c.get("/check").text
        assert c.post("/logout", data={"csrf": "wrong"}).status_code == 303
        assert c.get("/check").status_code == 200  # still signed in
        c.post("/logout", data={"csrf": csrf_in(page)})
        assert c.get("/check").status_code == 303


# ---------------------------------------------------------------------------- browser


def test_in_the_browser_sign_in_check_a_text_and_see_the_highlights(gw: Running) -> None:
    with browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 800})
        page.goto(gw.base_url + "/check")
        assert "/login" in page.url
        page.get_by_label("ログイン名").fill("tanaka")
        page.get_by_label("パスワード").fill(PASSWORD)
        page.get_by_role("button", name="ログイン").click()
        page.wait_for_url("**/check")
        page.get_by_label("判定する文章").fill(PROMPT)
        page.get_by_label("送信先のAIサービス").select_option("example-domestic-lgwan")
        page.get_by_role("button", name="判定する").click()
        page.wait_for_selector(".result")
        assert "伏字にすれば送信できます" in page.inner_text(".verdict")
        # Focus is on the verdict (a screen reader reads it out first).
        page.wait_for_function("document.activeElement.id === 'result-title'")
        names = page.locator("#marked mark.t-PERSON_NAME")
        assert names.count() == 1 and names.first.inner_text() == "高橋 健一"
        assert page.locator("#marked mark.t-PHONE_NUMBER").first.inner_text() == "090-1234-5678"
        masked = page.locator("#masked").input_value()
        assert "〔氏名1〕" in masked and "高橋" not in masked
        # Keyboard: the form can be reached and submitted without a mouse.
        page.get_by_label("判定する文章").focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "file"
        # Tablet width: nothing overflows sideways.
        page.set_viewport_size({"width": 768, "height": 1024})
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_users_create_and_revoke_their_own_keys_and_revocation_is_immediate(gw: Running) -> None:
    import openai

    with _client(gw) as c:
        _login(c)
        token = csrf_at(c, "/keys")
        # The national default: requested, approved by another person, collected once
        # (tests/test_web_accounts.py tests the approval itself).
        r = c.post("/keys", data={"csrf": token, "purpose": "庁内チャット",
                                  "service": "example-domestic-lgwan"})  # fmt: skip
        assert r.status_code == 200 and "申請しました" in r.text
        (req,) = KeyRequests(gw.gateway.db).for_user("tanaka")
        KeyRequests(gw.gateway.db).decide(req.id, scope=OPERATOR, approve=True)
        r = c.post(f"/keys/requests/{req.id}/collect", data={"csrf": token})
        key = re.search(r'id="new-key" value="([^"]+)"', r.text).group(1)  # type: ignore[union-attr]
        assert key.startswith("hg_") and "今だけ表示されます" in r.text
        info = gw.gateway.keys.lookup(key)
        assert info.user == "tanaka" and info.department == "市民課" and info.trained
        client = openai.OpenAI(base_url=gw.base_url + "/v1", api_key=key, max_retries=0)
        msg = [{"role": "user", "content": "窓口の案内文を作って"}]
        assert client.chat.completions.create(model="wg", messages=msg).choices
        # Another user's key cannot be revoked from this account.
        other, other_info = gw.gateway.keys.create(user="someone", trained=True)
        r = c.post(f"/keys/{other_info.id}/revoke", data={"csrf": token})
        assert r.status_code == 404 and gw.gateway.keys.lookup(other) is not None
        r = c.post(f"/keys/{info.id}/revoke", data={"csrf": token})
        assert r.status_code == 200 and "直ちに拒否されます" in r.text
        with pytest.raises(openai.AuthenticationError):
            client.chat.completions.create(model="wg", messages=msg)
        assert "prefix" not in r.text and key not in r.text


def test_chat_send_needs_a_session_and_its_token(gw: Running) -> None:
    body = {"model": "wg", "messages": [{"role": "user", "content": "こんにちは"}]}
    with _client(gw) as c:
        assert c.post("/chat/send", json=body).status_code == 401
        _login(c)
        assert c.post("/chat/send", json=body).status_code == 403
        token = csrf_at(c, "/check")
        r = c.post("/chat/send", json=body, headers={"x-csrf-token": token})
        assert r.status_code == 200 and r.headers["x-hinagata-verdict"] == "allow"
        # The decision is audited under the signed-in user's name.
        rec = [x for x in gw.gateway.audit.records() if x["kind"] == "decision"][-1]
        assert rec["user"] == "tanaka" and rec["department"] == "市民課"


def test_chat_send_judges_every_field_like_the_api(gw: Running) -> None:
    """The chat page's endpoint takes the same declared schema as the API: a name in a
    tool description reaches the upstream masked, an unknown field is refused."""
    tools = [
        {"type": "function", "function": {"name": "f", "description": "高橋 健一さんの記録を保存"}}
    ]
    body = {"model": "wg", "messages": [{"role": "user", "content": "要約"}], "tools": tools}
    with _client(gw) as c:
        _login(c)
        token = csrf_at(c, "/check")
        before = len(gw.recorder.calls)
        r = c.post("/chat/send", json=body, headers={"x-csrf-token": token})
        assert r.status_code == 200
        sent = gw.recorder.calls[before][1]
        assert sent["tools"][0]["function"]["description"] == "〔氏名1〕さんの記録を保存"
        r = c.post(
            "/chat/send", json={**body, "note": "高橋 健一"}, headers={"x-csrf-token": token}
        )
        assert r.status_code == 400 and len(gw.recorder.calls) == before + 1


def _chat_page(b: Any, gw: Running) -> Any:
    """The chat page in a new browser tab, signed in as tanaka."""
    page = b.new_page(viewport={"width": 1280, "height": 800})
    sign_in_page(page, gw.base_url, "tanaka", "/chat", "/chat")
    return page


def test_in_the_browser_chat_through_the_gateway(gw: Running) -> None:
    with browser() as b:
        page = _chat_page(b, gw)
        page.get_by_label("AIモデル").select_option("wg")
        page.get_by_label("メッセージ").fill(PROMPT)
        page.get_by_role("button", name="送信").click()
        page.wait_for_selector(".msg-assistant .disclosure")
        assert "伏字にして送信しました" in page.inner_text(".msg-user")
        answer = page.inner_text(".msg-assistant .body")
        assert "高橋 健一" in answer  # restored for the user; the upstream saw 〔氏名1〕
        sent = str(gw.recorder.calls[-1][1])
        assert "高橋 健一" not in sent and "〔氏名1〕" in sent
        assert "確認" in page.inner_text(".msg-assistant .disclosure")
        page.get_by_label("AIモデル").select_option("consumer")
        page.get_by_label("メッセージ").fill(PROMPT)
        page.keyboard.press("Control+Enter")
        page.wait_for_selector(".msg-user >> nth=1 >> .bad")
        text = page.locator(".msg-user").nth(1).inner_text()
        assert "送信できません" in text and "3.3「約款型サービスに入力できる情報」" in text


def test_own_password_change_and_sign_in_throttling(gw: Running) -> None:
    with _client(gw) as c:
        _login(c)
        token = csrf_at(c, "/password")
        r = c.post("/password", data={"csrf": token, "current": "wrong-one-123", "new": "x" * 12,
                                      "again": "x" * 12})  # fmt: skip
        assert r.status_code == 400 and "今のパスワードが違います" in r.text
        r = c.post("/password", data={"csrf": token, "current": PASSWORD, "new": "short",
                                      "again": "short"})  # fmt: skip
        assert r.status_code == 400 and "12文字以上" in r.text
        new = "a-new-long-password-2026"
        r = c.post("/password", data={"csrf": token, "current": PASSWORD, "new": new, "again": new})
        assert r.status_code == 200 and "変更しました" in r.text
    with _client(gw) as c:
        for _ in range(5):
            assert _login(c, password="not-the-password").status_code == 401
        # Locked for a while: even the right password is refused now.
        r = _login(c, password=new)
        assert r.status_code == 429 and "しばらくログインできません" in r.text
    with _client(gw) as c:
        assert _login(c, login="norole").status_code == 303  # other logins are unaffected


def test_an_account_of_a_municipality_without_a_policy_gets_a_clear_page(tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parents[1] / "examples" / "policies"
    extra = f"municipalities:\n  - {{name: 例示市, policy: {examples / 'example-city'}}}\n"
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}", extra=extra) as gw:
        Accounts(gw.gateway.db).create(login="stray", password=PASSWORD, municipality="未設定町")
        with _client(gw) as c:
            _login(c, login="stray")
            for page in ("/", "/check", "/usecases", "/catalog"):
                r = c.get(page)
                assert r.status_code == 403 and "規定が設定されていません" in r.text, page
        Accounts(gw.gateway.db).create(login="city", password=PASSWORD, municipality="例示市",
                                       department="福祉課", trained=True)  # fmt: skip
        with _client(gw) as c:
            _login(c, login="city")
            token = csrf_at(c, "/check")
            r = c.post("/check", data={"csrf": token, "text": PROMPT,
                                       "service": "example-domestic-lgwan"})  # fmt: skip
            assert r.status_code == 200 and "example-city@" in r.text
            assert c.get("/admin/policy").status_code == 403  # staff
            assert c.get("/usecases/new").status_code == 200


def test_sign_in_throttling_counts_the_login_as_a_person_means_it(gw: Running) -> None:
    """A leading space, full-width letters or capitals used to give five new tries each."""
    variants = [" tanaka", "tanaka ", "TANAKA", "ｔａｎａｋａ", "\u3000Tanaka"]
    with _client(gw) as c:
        for login in variants:
            r = _login(c, login=login, password="not-the-password")
            assert r.status_code == 401, login
        for login in ("tanaka", " tanaka", "Ｔａｎａｋａ"):
            r = _login(c, login=login)
            assert r.status_code == 429 and "しばらくログインできません" in r.text, login
    with _client(gw) as c:
        assert _login(c, login="norole").status_code == 303  # other logins are unaffected


def test_login_normalisation() -> None:
    from hinagata.store import normalise_login

    assert {
        normalise_login(x) for x in (" tanaka", "TANAKA", "ｔａｎａｋａ", "\u3000Tanaka\t")
    } == {"tanaka"}


def _client_from(gw: Running, address: str) -> httpx.Client:
    """A client whose connections come from ``address`` (another loopback address: the
    server sees another client)."""
    transport = httpx.HTTPTransport(local_address=address)
    return httpx.Client(base_url=gw.base_url, follow_redirects=False, timeout=30,
                        transport=transport)  # fmt: skip


def test_wrong_passwords_from_one_address_do_not_lock_the_account_out_elsewhere(
    gw: Running,
) -> None:
    """Anyone could lock out any account with 5 wrong passwords: the right password was
    then refused (429) from everywhere for 15 minutes."""
    with _client_from(gw, "127.0.0.2") as attacker:
        for _ in range(5):
            assert _login(attacker, password="not-the-password").status_code == 401
        r = _login(attacker)  # the attacker's address is refused, even the right password
        assert r.status_code == 429 and "しばらくログインできません" in r.text
    with _client_from(gw, "127.0.0.3") as owner:  # an address that has not failed
        assert _login(owner).status_code == 303
    with _client_from(gw, "127.0.0.4") as another:
        # Under attack, a new address gets one try, then it is refused too.
        assert _login(another, password="still-not-it").status_code == 401
        assert _login(another).status_code == 429
    with _client_from(gw, "127.0.0.5") as c:
        # The address limit holds whatever the logins: 20 failures, then nothing.
        for n in range(20):
            assert _login(c, login=f"nobody{n}", password="x").status_code == 401
        assert _login(c, login="norole").status_code == 429


def test_look_alike_logins_are_refused_by_the_cli(gw: Running, tmp_path: Path) -> None:
    """``C-STAFF``, ``ｃ-staff`` and ``c-staff`` + a zero-width space used to be created
    as new accounts, while the sign-in throttle counted them as the real one."""
    from typer.testing import CliRunner

    from hinagata.cli import app

    cfg = str(tmp_path / "gateway.yaml")
    runner = CliRunner()
    for login in (
        "TANAKA",
        "ｔａｎａｋａ",
        "tanaka\u200b",
        "\u200btanaka",
        "tanaka\ufe0f",
        "tanaka",
    ):
        r = runner.invoke(app, ["users", "add", "--login", login, "--password-stdin",
                                "--config", cfg], input=PASSWORD + "\n")  # fmt: skip
        assert r.exit_code != 0, login
        assert "使えません" in r.output and "already exists" not in r.output, (login, r.output)
    r = runner.invoke(app, ["users", "add", "--login", "tanaka2", "--password-stdin",
                            "--config", cfg], input=PASSWORD + "\n")  # fmt: skip
    assert r.exit_code == 0, r.output
    logins = {a.login for a in Accounts(gw.gateway.db).all()}
    assert logins == {"tanaka", "norole", "tanaka2"}


def test_the_login_normal_form_drops_what_nobody_sees() -> None:
    from hinagata.store import normalise_login

    forms = ("c-staff", "C-STAFF", "ｃ-staff", "c-staff\u200b", "c\u2060-staff", "c-staff\ufe0f",
             "c\u3164-staff", " c-staff\u3000", "с-staff", "c-ѕtaff", "С-SТАFF")  # fmt: skip
    assert {normalise_login(x) for x in forms} == {"c-staff"}
    assert normalise_login("c staff") != normalise_login("c-staff")
