"""Verdicts anyone understands, in Japanese and Japan time: every cited clause links to
its full text on a guideline page every role can read; the terms of a verdict are
explained where they appear; codes are shown in words (one label module for the web and
the CLI); times are Japan time and say so; lists show names; the Word guideline is A4.
Over HTTP and in Debian's headless Chromium. Data invented."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path

import docx
import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from _browser import browser
from _gateway import Running, running_gateway
from _web import PASSWORD, csrf_at, sign_in, sign_in_page
from hinagata import labels
from hinagata.cli import app as cli
from hinagata.policy import load_policy
from hinagata.render import render_guideline
from hinagata.store import Accounts

PROMPT = "転入届の相談：高橋 健一さん（電話 090-1234-5678）。要点をまとめて。"
ROLES = {"tanaka": ["staff"], "kanri": ["usage_admin"], "shinsa": ["reviewer"], "caio": ["admin"]}
NAMES = {"tanaka": "田中 一郎", "kanri": "佐々木 花子", "shinsa": "山口 二郎", "caio": "小林 三郎"}


@pytest.fixture
def gw(tmp_path: Path) -> Iterator[Running]:
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}") as running:
        acc = Accounts(running.gateway.db)
        for login, roles in ROLES.items():
            acc.create(login=login, password=PASSWORD, display_name=NAMES[login],
                       department="市民課", roles=roles, trained=True)  # fmt: skip
        yield running


def _refused_check(c: httpx.Client) -> str:
    token = csrf_at(c, "/check")
    r = c.post("/check", data={"csrf": token, "text": PROMPT, "service": "example-consumer-chat"})
    assert r.status_code == 200 and "判定：送信できません" in r.text
    return r.text


# ---------------------------------------------------------------------------- guideline


def test_every_role_reads_the_guideline_with_an_anchor_for_every_clause(gw: Running) -> None:
    policy = gw.runtime.policy_for(None)
    clause_ids = [c.clause.id for _, clauses, _ in policy.chapters for c in clauses]
    # Every clause a reason can cite (each rule's clause) has its anchor.
    cited = {r.clause_id for r in policy.rules.values()}
    assert cited and cited <= set(clause_ids)
    for login in ROLES:
        page = sign_in(gw.base_url, login).get("/guideline")
        assert page.status_code == 200, login
        for cid in clause_ids:
            assert f'id="clause-{cid}"' in page.text, (login, cid)
        assert 'id="term-3B"' in page.text and 'id="term-wg"' in page.text
        # Downloads only for the roles that keep the policy (their routes are unchanged).
        assert ('href="/admin/guideline/docx"' in page.text) == (login != "tanaka")
    assert sign_in(gw.base_url, "tanaka").get("/admin/guideline/docx").status_code == 403
    # Not signed in: the sign-in page, not the guideline.
    with httpx.Client(base_url=gw.base_url) as anon:
        assert anon.get("/guideline", follow_redirects=False).status_code == 303


def test_a_refused_check_links_each_clause_to_its_text(gw: Running) -> None:
    c = sign_in(gw.base_url, "tanaka")
    page = _refused_check(c)
    links = re.findall(r'<a href="/guideline#clause-([^"]+)">ガイドライン ([^「]+)「', page)
    assert links and all(anchor == shown.strip() for anchor, shown in links)
    guideline = c.get("/guideline").text
    for anchor, _ in links:
        assert f'id="clause-{anchor}"' in guideline


def test_the_check_result_explains_its_terms(gw: Running) -> None:
    page = _refused_check(sign_in(gw.base_url, "tanaka"))
    explain = page[page.index('<details class="explain">') :]
    explain = explain[: explain.index("</details>")]
    # The class of the text (3C: it names a person) and the kind of the chosen service.
    assert (
        "<dt>機密性3C</dt>" in explain and labels.CLASS_TERMS[("five_level", "3C")].text in explain
    )
    assert "<dt>約款型</dt>" in explain and "利用規約" in explain
    assert 'href="/guideline#terms"' in explain


def test_the_service_catalog_and_application_form_speak_japanese(gw: Running) -> None:
    c = sign_in(gw.base_url, "tanaka")
    page = c.get("/services").text
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    cells = re.findall(r"<td>([^<]*)</td>", table)
    for code in ("True", "False", "registered", "none", "unknown", "liu", "negotiated"):
        assert code not in cells, code
    assert {"接続できる", "接続できない", "登録済み", "未登録"} <= set(cells)
    assert "<dt>WG基準適合</dt>" in page and "<dt>約款型</dt>" in page
    form = c.get("/usecases/new").text
    for name in ("3A", "3B", "3C"):
        term = labels.class_term(name)
        assert term is not None
        assert f'aria-describedby="class-{name}-hint"' in form and term.text in form
    assert "WG基準適合" in form and "<dt>約款型</dt>" in form


def test_audit_shows_names_words_and_japan_time(gw: Running) -> None:
    tanaka = sign_in(gw.base_url, "tanaka")
    token = csrf_at(tanaka, "/check")
    body = {"model": "consumer", "messages": [{"role": "user", "content": PROMPT}]}
    r = tanaka.post("/chat/send", json=body, headers={"x-csrf-token": token})
    assert r.status_code == 403
    rec = next(x for x in gw.gateway.audit.records() if x["kind"] == "decision")
    ts = dt.datetime.fromisoformat(rec["ts"])
    caio = sign_in(gw.base_url, "caio")
    page = caio.get("/admin/audit").text
    row = page[page.index("<tbody>") : page.index("</tbody>")]
    assert "田中 一郎" in row and ">tanaka<" not in row  # the name, not the login
    assert "氏名 1件" in row and "PERSON_NAME" not in row
    assert labels.jst(ts, mark=False) in row and "日時（日本時間）" in page
    assert re.search(r'<a href="/guideline#clause-([0-9.]+)">\1</a>', row)  # the cited clause
    # The export says its zones: ts as recorded (UTC), ts_jst the same instant in Japan.
    export = caio.get("/admin/audit/export", params={"days": 1}).text.lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(export)))
    assert rows and all(r["ts_jst"].endswith("+09:00") for r in rows)
    for r in rows:
        assert dt.datetime.fromisoformat(r["ts_jst"]) == dt.datetime.fromisoformat(r["ts"])


# ---------------------------------------------------------------------------- labels


@given(
    st.datetimes(
        min_value=dt.datetime(1970, 1, 1),
        max_value=dt.datetime(2200, 1, 1),
        timezones=st.just(dt.UTC),
    )
)
def test_japan_time_is_the_same_instant_nine_hours_ahead(ts: dt.datetime) -> None:
    shown = labels.jst(ts, seconds=True)
    assert shown.endswith("（日本時間）")
    back = dt.datetime.strptime(shown.removesuffix("（日本時間）"), "%Y-%m-%d %H:%M:%S")
    assert back.replace(tzinfo=labels.JST) == ts.replace(microsecond=0)
    assert labels.jst_date(ts) == shown[:10]
    # A naive time from the database is UTC.
    assert labels.jst(ts.replace(tzinfo=None), seconds=True) == shown


def test_every_code_has_words() -> None:
    from hinagata.detect.sensitive import load_lexicon
    from hinagata.services import ServiceType

    for key, cat in load_lexicon().categories.items():
        assert labels.category_label(key) == cat.label and key not in cat.label
    for kind in ("PERSON_NAME", "BIRTH_DATE", "MY_NUMBER", "ADDRESS", "SENSITIVE", "INJECTION"):
        assert labels.finding_label(kind).isascii() is False
    assert labels.findings_text({"BIRTH_DATE": 1, "PERSON_NAME": 3}) == "生年月日 1件、氏名 3件"
    assert set(labels.SERVICE_TERMS) == {t.value for t in ServiceType}
    for scheme, names in (("five_level", "1 2 3C 3B 3A"), ("three_level", "1 2 3")):
        for name in names.split():
            term = labels.class_term(name, scheme)
            assert term is not None and term.term == f"機密性{name}" and term.text
    for value in ("registered", "liu", "none", "unknown"):
        assert not labels.ismap_label(value).isascii()
    assert labels.lgwan_label("unknown") == "不明" and labels.contract_label("x") == "不明"


def test_the_cli_names_special_care_categories_in_words() -> None:
    text = "相談記録：高橋 健一さん、うつ病で通院中。"
    res = CliRunner().invoke(cli, ["check", "-", "-s", "example-domestic-lgwan"], input=text)
    assert res.exit_code == 0
    assert "要配慮: 病歴・診療" in res.stdout and "medical" not in res.stdout
    en = CliRunner().invoke(
        cli, ["check", "-", "-s", "example-domestic-lgwan", "--lang", "en"], input=text
    )
    assert "Special care: medical history and treatment" in en.stdout


def test_the_word_guideline_is_a4(tmp_path: Path) -> None:
    out = tmp_path / "g.docx"
    render_guideline(load_policy(), "docx", out)
    sections = docx.Document(str(out)).sections
    assert len(sections) > 1
    for s in sections:
        assert s.page_width is not None and s.page_height is not None
        assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)  # A4, portrait


# ---------------------------------------------------------------------------- browser


def test_in_the_browser_a_clause_link_of_a_refused_check_opens_its_text(gw: Running) -> None:
    with browser() as b:
        page = b.new_page(viewport={"width": 390, "height": 844})
        sign_in_page(page, gw.base_url, "tanaka", "/login?next=/check", "/check")
        page.get_by_label("判定する文章").fill(PROMPT)
        page.get_by_label("送信先のAIサービス").select_option("example-consumer-chat")
        page.get_by_role("button", name="判定する").click()
        page.wait_for_selector(".result")
        # The explanation of the verdict's terms opens with the keyboard.
        assert not page.locator("details.explain dd").first.is_visible()
        page.locator("details.explain summary").focus()
        page.keyboard.press("Enter")
        assert page.locator("details.explain dd").first.is_visible()
        link = page.locator(".reasons a[href^='/guideline#clause-']").first
        clause = (link.get_attribute("href") or "").split("#clause-")[1]
        link.click()
        page.wait_for_url(f"**/guideline#clause-{clause}")
        target = page.locator(":target")
        assert target.get_attribute("id") == f"clause-{clause}"
        assert target.locator("h3").inner_text().startswith(clause)
        assert target.is_visible() and page.evaluate(
            "(() => { const r = document.querySelector(':target').getBoundingClientRect();"
            " return r.top >= 0 && r.top < window.innerHeight; })()"
        )
