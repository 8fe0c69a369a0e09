"""利用申請 → 審査 → 許可: a staff member applies, a reviewer decides (with a permission the
gateway enforces at once), concurrent reviews lose nothing, returned cases are corrected,
departments see only their own, and revoking a permission takes effect at once. Over HTTP
and in Debian's headless Chromium. Data invented."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest

from _browser import browser
from _db import BACKENDS, database_url
from _gateway import Running, running_gateway
from _web import PASSWORD, csrf_at, csrf_in, sign_in, sign_in_page, version_in
from hinagata.store import Accounts, UseCases

TEXT = "相談者 高橋 健一さん（電話 090-1234-5678）の相談記録を要約してください。"
CASE = {
    "title": "福祉相談記録の要約",
    "field": "welfare",
    "ai_kind": "generative",
    "classes": ["2", "3C"],
    "service": "example-foreign-japan-region",
    "description": "相談記録（氏名・連絡先を含む）を要約し、引継ぎに使う。出力は職員が確認する。",
    "risk_users": "staff",
    "risk_nature": "internal",
    "risk_personal": "masked",
    "risk_learning": "no",
    "risk_human": "yes",
}
#: The reviewer's risk sheet, as the applicant answered it (the review page preselects it).
SHEET = {f"sheet_{k[5:]}": v for k, v in CASE.items() if k.startswith("risk_")}


def _people(running: Running) -> None:
    acc = Accounts(running.gateway.db)
    for login, dept, roles in (
        ("sato", "福祉課", ["staff"]),
        ("kato", "税務課", ["staff"]),
        ("judge1", "総務課", ["reviewer"]),
        ("judge2", "総務課", ["reviewer"]),
    ):
        acc.create(login=login, password=PASSWORD, department=dept, roles=roles, trained=True)


@pytest.fixture
def gw(tmp_path: Path) -> Iterator[Running]:
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}") as running:
        _people(running)
        yield running


@pytest.fixture(params=BACKENDS)
def gw_any(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Running]:
    """SQLite and PostgreSQL: concurrent reviews must lose nothing on either."""
    for url in database_url(request.param, tmp_path):
        with running_gateway(tmp_path, url) as running:
            _people(running)
            yield running


def _session(gw: Running, login: str) -> httpx.Client:
    return sign_in(gw.base_url, login, timeout=30)


def _apply(c: httpx.Client, **over: object) -> httpx.Response:
    token = csrf_at(c, "/usecases/new")
    return c.post("/usecases/new", data={**CASE, **over, "csrf": token})


def _gateway_verdict(gw: Running, key: str, use_case: str | None) -> int:
    client = openai.OpenAI(base_url=gw.base_url + "/v1", api_key=key, max_retries=0)
    headers = {"x-hinagata-use-case": use_case} if use_case else {}
    try:
        client.chat.completions.create(
            model="jp", messages=[{"role": "user", "content": TEXT}], extra_headers=headers
        )
    except openai.PermissionDeniedError:
        return 403
    return 200


def test_apply_review_grant_and_the_gateway_enforces_it_then_revoke(gw: Running) -> None:
    key = gw.key(user="sato", department="福祉課")
    assert _gateway_verdict(gw, key, None) == 403  # 3C to a contracted service: review needed
    sato, judge = _session(gw, "sato"), _session(gw, "judge1")
    bad = _apply(sato, title="", classes=[])
    assert bad.status_code == 400
    assert "件名を入力してください" in bad.text and "1つ以上選んでください" in bad.text
    assert "相談記録（氏名・連絡先を含む）" in bad.text  # nothing typed is lost
    r = _apply(sato)
    assert r.status_code == 303
    case_url = r.headers["location"].split("?")[0]
    page = sato.get(case_url).text
    assert "審査待ち" in page and "機密性3Cの情報：審査機関の許可が必要" in page
    assert "リスク：低" in page
    # The reviewer's queue shows it; deciding needs a rationale.
    assert "福祉相談記録の要約" in judge.get("/review").text
    detail = judge.get(case_url).text
    r = judge.post(case_url + "/review", data={**SHEET, "csrf": csrf_in(detail), "version": version_in(detail),
                                               "decision": "approved", "rationale": ""})  # fmt: skip
    assert r.status_code == 400 and "判断の理由を書いてください" in r.text
    r = judge.post(case_url + "/review", data={**SHEET,
        "csrf": csrf_in(detail), "version": version_in(detail), "decision": "conditional",
        "conditions": "出力は必ず職員が確認する", "rationale": "引継ぎの負担軽減に有効",
        "grant": "1", "max_class": "3C", "expires": "2099-03-31"})  # fmt: skip
    assert r.status_code == 200 and "直ちに有効です" in r.text
    grant_id = re.search(r"許可 (G-[0-9a-f]+)", r.text).group(1)  # type: ignore[union-attr]
    code = "UC-" + case_url.rsplit("/", 1)[1]
    # The permission applies to this department, service and use case at once.
    assert _gateway_verdict(gw, key, code) == 200
    assert _gateway_verdict(gw, key, None) == 403
    other = gw.key(user="kato", department="税務課")
    assert _gateway_verdict(gw, other, code) == 403
    # The applicant sees the decision, its conditions and the permission.
    page = sato.get(case_url).text
    assert "条件付き承認" in page and "出力は必ず職員が確認する" in page and grant_id in page
    # Grants are listed, searchable, and revoking takes effect at once.
    listing = judge.get("/grants", params={"q": code}).text
    assert grant_id in listing and f'href="/usecases/{code[3:]}"' in listing
    r = judge.post(f"/grants/{grant_id}/revoke", data={"csrf": csrf_in(listing)})
    assert r.status_code == 200 and "直ちに無効" in r.text
    assert _gateway_verdict(gw, key, code) == 403


def test_two_reviewers_deciding_at_once_lose_nothing(gw_any: Running) -> None:
    gw = gw_any
    sato = _session(gw, "sato")
    case_url = _apply(sato).headers["location"].split("?")[0]
    judges = [_session(gw, "judge1"), _session(gw, "judge2")]
    pages = [j.get(case_url).text for j in judges]
    results: list[httpx.Response] = []

    def decide(i: int, decision: str) -> None:
        results.append(judges[i].post(case_url + "/review", data={**SHEET,
            "csrf": csrf_in(pages[i]), "version": version_in(pages[i]),
            "decision": decision, "rationale": f"委員{i + 1}の判断"}))  # fmt: skip

    threads = [threading.Thread(target=decide, args=(0, "approved")),
               threading.Thread(target=decide, args=(1, "rejected"))]  # fmt: skip
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    codes = sorted(r.status_code for r in results)
    assert codes == [200, 409]
    loser = next(r for r in results if r.status_code == 409)
    assert "ほかの審査委員が先に審査した" in loser.text and "委員" in loser.text  # typed kept
    case_id = int(case_url.rsplit("/", 1)[1])
    history = UseCases(gw.gateway.db).history(case_id)
    assert history[0].action == "submitted"
    assert len([h for h in history if h.action in ("approved", "rejected")]) == 1


def test_returned_cases_are_corrected_and_resubmitted(gw: Running) -> None:
    sato, judge = _session(gw, "sato"), _session(gw, "judge1")
    case_url = _apply(sato).headers["location"].split("?")[0]
    detail = judge.get(case_url).text
    judge.post(case_url + "/review", data={**SHEET, "csrf": csrf_in(detail), "version": version_in(detail),
                                           "decision": "returned", "rationale": "入力する情報を具体的に"})  # fmt: skip
    edit = sato.get(case_url + "/edit").text
    assert "福祉相談記録の要約" in edit
    r = sato.post(case_url + "/edit", data={**CASE, "description": "氏名は伏字にしてから要約する。",
                                             "csrf": csrf_in(edit), "version": version_in(edit)})  # fmt: skip
    assert r.status_code == 303
    page = sato.get(case_url).text
    assert "審査待ち" in page and "再申請" in page and "氏名は伏字にしてから要約する" in page
    # A stale edit (an old version) is refused.
    r = sato.post(
        case_url + "/edit", data={**CASE, "csrf": csrf_in(edit), "version": version_in(edit)}
    )
    assert r.status_code == 409


def test_departments_see_their_own_cases_and_roles_are_enforced(gw: Running) -> None:
    sato, kato = _session(gw, "sato"), _session(gw, "kato")
    case_url = _apply(sato).headers["location"].split("?")[0]
    assert kato.get(case_url).status_code == 404
    assert "福祉相談記録の要約" not in kato.get("/usecases").text
    assert kato.get("/review").status_code == 403
    assert kato.get("/grants").status_code == 403
    judge = _session(gw, "judge1")
    assert judge.get(case_url).status_code == 200
    assert judge.get("/usecases/new").status_code == 403  # reviewers do not apply


def test_high_risk_is_computed_from_the_four_perspectives(gw: Running) -> None:
    sato = _session(gw, "sato")
    r = _apply(sato, risk_users="residents", risk_human="no", ai_kind="rule_based")
    page = sato.get(r.headers["location"]).text
    assert "リスク：高" in page and "判定の対象外" in page


def test_in_the_browser_apply_and_review(gw: Running) -> None:
    with browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 800})

        sign_in_page(page, gw.base_url, "sato")
        page.goto(gw.base_url + "/usecases/new")
        page.get_by_label("件名").fill("議会答弁の想定問答の作成")
        page.get_by_label("分野").select_option("assembly")
        page.get_by_label("生成AI").check()
        page.get_by_label("機密性3C").check()
        page.get_by_label("利用するAIサービス").select_option("example-foreign-japan-region")
        page.get_by_label("利用の内容").fill("過去の答弁を参考に想定問答の案を作る。")
        for label in (
            "職員だけが使う",
            "内部事務の補助",
            "個人情報は伏字にしてから入力する",
            "機密情報を学習させない",
            "職員が出力を確認",
        ):
            page.get_by_label(label).check()
        page.get_by_role("button", name="申請する").click()
        page.wait_for_selector("text=申請しました")
        url = page.url.split("?")[0]
        page.get_by_role("button", name="ログアウト").click()
        sign_in_page(page, gw.base_url, "judge1")
        page.goto(gw.base_url + "/review")
        page.get_by_role("link", name="議会答弁の想定問答の作成").click()
        page.get_by_label("承認", exact=True).check()
        page.get_by_label("判断の理由").fill("内部資料のみで問題なし")
        page.locator("input[name=grant]").check()
        page.get_by_label("許可する情報の分類（この分類まで）").select_option("3C")
        page.get_by_role("button", name="記録する").click()
        page.wait_for_selector("text=として記録しました")
        assert page.url.startswith(url)
        assert "承認" in page.inner_text(".status")
        assert "直ちに有効です" in page.inner_text("main")
        # The permission takes effect in the gateway at once, for this use case only.
        code = "UC-" + url.rsplit("/", 1)[1]
        key = gw.key(user="sato", department="福祉課")
        assert _gateway_verdict(gw, key, code) == 200
        assert _gateway_verdict(gw, key, None) == 403


def test_an_approved_case_can_start_a_catalog_case(gw: Running) -> None:
    sato, judge = _session(gw, "sato"), _session(gw, "judge1")
    case_url = _apply(sato).headers["location"].split("?")[0]
    detail = judge.get(case_url).text
    judge.post(case_url + "/review", data={**SHEET,
        "csrf": csrf_in(detail), "version": version_in(detail), "decision": "conditional",
        "conditions": "氏名は伏字にする", "rationale": "有効"})  # fmt: skip
    page = judge.get(case_url).text
    assert "事例として公開する" in page
    form = judge.get("/catalog/new", params={"from": case_url.rsplit("/", 1)[1]}).text
    assert 'value="福祉相談記録の要約"' in form and "氏名は伏字にする" in form
    assert 'value="challenging" checked' in form
    r = judge.post("/catalog/new", data={
        "csrf": csrf_in(form), "source": "UC-" + case_url.rsplit("/", 1)[1],
        "title": "福祉相談記録の要約", "field": "welfare", "size_band": "50k_200k",
        "status": "challenging", "summary": "相談記録を要約して引継ぎに使う。",
        "concern_1": "審査で付された条件", "mitigation_1": "氏名は伏字にする"})  # fmt: skip
    assert r.status_code == 303
    assert "福祉相談記録の要約" in sato.get("/catalog").text
