"""Issue 15's walk, end to end in Debian's Chromium, on the demo's models and the example
city's policy, signing in with the city's directory (panva's ``oidc-provider``, a real
OpenID provider started by tests/test_web_oidc.py's fixture): a caseworker signs in with the
directory, checks a text the Japan-region service refuses (no copy offered), follows the
clause link to its text, chats a harmless and a refused message (a verdict on each), applies
for the use with the risk sheet; a reviewer of the directory reviews it with the sheet and
grants it; the caseworker reads the notice and the same text is now sent. Data invented."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
import yaml

from _browser import browser
from _gateway import Running
from hinagata.config import DEMO_CONFIG, load_config
from hinagata.server import create_app
from test_web_oidc import EXAMPLES, SECRET, SECRET_ENV, Provider, _oidc_yaml, provider
from test_web_review import apply_in_browser

__all__ = ["provider"]  # (the fixture, imported for this module)

TEXT = "相談者 高橋 健一さん（電話 090-1234-5678）の相談記録を要約してください。"
HARMLESS = "窓口の受付時間を案内する文を作ってください。"
DEMO_LABEL = "デモ用：実際のAIではありません"


@pytest.fixture
def city(provider: Provider, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Running]:
    """The demo's models on 例示市's policy, signing in with the directory only."""
    monkeypatch.setenv(SECRET_ENV, SECRET)
    provider.people(
        # (市民課: 例示市's 福祉課 may send personal information masked to the Japan region)
        tanaka={"name": "田中 一郎", "preferred_username": "tanaka.ichiro",
                "groups": ["g-hinagata-staff", "g-trained"], "department": "市民課"},
        shinsa={"name": "審査 委員", "preferred_username": "shinsa.iin",
                "groups": ["g-review", "g-trained"], "department": "総務課"},
    )  # fmt: skip
    cfg = yaml.safe_load(DEMO_CONFIG)
    cfg.update(yaml.safe_load(_oidc_yaml(provider, local_login=False)))
    cfg.update(
        database_url=f"sqlite:///{tmp_path / 'walk.db'}",
        secret_file=str(tmp_path / "audit.key"),
        conversation_key_file=str(tmp_path / "conversation.key"),
        policy=str(EXAMPLES / "example-city"),
    )
    path = tmp_path / "walk.yaml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    app = create_app(load_config(path))
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=provider.app_port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.02)
    try:
        yield Running(f"http://127.0.0.1:{provider.app_port}", app, None)  # type: ignore[arg-type]
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _sign_in(page: Any, gw: Running, op: Provider, login: str) -> None:
    page.context.clear_cookies()  # (the provider would sign in its last person again)
    page.goto(gw.base_url + "/login")
    assert page.locator("input[name=password]").count() == 0  # local sign-in is off
    page.get_by_role("link", name="庁内アカウントでサインイン").click()
    page.wait_for_url(op.issuer + "/interaction/**")
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("any-password-at-the-provider")
    page.locator("button[type=submit]").click()
    page.wait_for_load_state()
    if page.url.startswith(op.issuer):
        page.locator("button[type=submit]").click()  # the provider's consent
    page.wait_for_url(gw.base_url + "/**")


def _chat(page: Any, gw: Running, text: str, *, use_case: str = "", fresh: bool = True) -> None:
    if fresh:
        page.goto(gw.base_url + "/chat")
        page.get_by_label("AIモデル").select_option("demo-japan-region")
    if use_case:
        page.get_by_label("利用申請（許可を受けた利用として送る場合）").select_option(use_case)
    answers = page.locator(".msg-assistant .disclosure").count()
    refused = page.locator(".msg-user.msg-refused").count()
    page.get_by_label("メッセージ").fill(text)
    page.get_by_role("button", name="送信").click()
    page.wait_for_function(
        "([a, r]) => document.querySelectorAll('.msg-assistant .disclosure').length > a"
        " || document.querySelectorAll('.msg-user.msg-refused').length > r",
        arg=[answers, refused],
    )


def test_the_walk_from_directory_sign_in_to_the_permitted_text_sent(
    city: Running, provider: Provider
) -> None:
    with browser() as b:
        page = b.new_page(viewport={"width": 1366, "height": 900})
        # 1. The caseworker signs in with the city's directory.
        _sign_in(page, city, provider, "tanaka")
        assert "田中 一郎" in page.inner_text("header")
        # 2. A text the Japan-region service needs the review body's permission for: no
        #    masked text to copy, the reasons cite clauses that link to their text.
        page.goto(city.base_url + "/check")
        page.get_by_label("送信先のAIサービス").select_option("example-foreign-japan-region")
        page.get_by_label("判定する文章").fill(TEXT)
        page.get_by_role("button", name="判定する").click()
        page.wait_for_selector(".result")
        assert "送信できません" in page.inner_text(".result") or "審査" in page.inner_text(
            ".result"
        )
        assert page.locator("#masked").count() == 0
        assert page.get_by_role("button", name="伏字の文章をコピー").count() == 0
        link = page.locator(".reasons a[href^='/guideline#clause-']").first
        clause = (link.get_attribute("href") or "").split("#clause-")[1]
        link.click()
        page.wait_for_url(f"**/guideline#clause-{clause}")
        assert page.locator(":target").get_attribute("id") == f"clause-{clause}"
        # 3. The chat: a harmless message goes as it is; the refused one names itself.
        _chat(page, city, HARMLESS)
        first = page.locator(".msg-user").nth(0)
        assert "そのまま送信しました" in first.inner_text()
        _chat(page, city, TEXT, fresh=False)
        refused = page.locator(".msg-user.msg-refused").last
        assert "3番目のメッセージ" in refused.inner_text()
        assert "審査機関の許可が必要です" in refused.inner_text()
        assert first.locator(".bad").count() == 0
        # 4. The application, with the risk sheet.
        case_url, code = apply_in_browser(page, city.base_url)
        # 5. A reviewer of the directory reviews it with the sheet and grants it.
        _sign_in(page, city, provider, "shinsa")
        page.goto(city.base_url + "/review")
        page.get_by_role("link", name="福祉相談記録の要約").click()
        form = page.locator("form[action$='/review']")
        form.get_by_label("承認", exact=True).check()
        form.get_by_label("判断の理由").fill("引継ぎの負担軽減に有効。出力は職員が確認する")
        form.locator("input[name=grant]").check()
        form.get_by_label("許可する情報の分類（この分類まで）").select_option("3C")
        page.get_by_role("button", name="記録する").click()
        page.wait_for_selector("text=として記録しました")
        assert "直ちに有効です" in page.inner_text("main")
        # 6. The caseworker reads the notice; the same text is now sent under the permission.
        _sign_in(page, city, provider, "tanaka")
        page.goto(city.base_url + "/")
        page.get_by_role("link", name="「福祉相談記録の要約」が「承認」").click()
        page.wait_for_url(case_url)
        _chat(page, city, TEXT, use_case=code)
        answer = page.inner_text(".msg-assistant .body")
        assert DEMO_LABEL in answer
        assert "送信しました" in page.inner_text(".msg-user")
