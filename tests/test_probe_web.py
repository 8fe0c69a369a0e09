"""Probes of the web features that landed together (事例 catalog import, 自分の判定履歴,
ヘルプ, the dashboard's 入力前チェック counts, 研修 and its gateway gate, the chat's
per-message attribution), as an attacker and as a tired caseworker would use them, over
real HTTP on a shared platform of two municipalities (例示市, 例示町). Each test is a
request that must not work; a hole that is still open is an ``xfail(strict=True)``.
Data invented."""

from __future__ import annotations

import csv
import io
import json
import re
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from _gateway import Running, running_gateway
from _web import CITY, EXAMPLES, PASSWORD, PLATFORM, TOWN, csrf_at, post_sign_in, sign_in
from hinagata.store import Accounts, CaseCatalog, CheckRecords, UseCases
from hinagata.training import Question, draw, question_pool

NAME = "高橋 健一"
#: A department name an administrator might paste from a spreadsheet: a formula and markup.
EVIL_DEPT = '=HYPERLINK("http://evil.example/x","課")<img src=x onerror=alert(1)>'
XSS = '<script>alert("x")</script>'


@pytest.fixture(scope="module")
def gw(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    tmp = tmp_path_factory.mktemp("probe-web")
    with running_gateway(tmp, f"sqlite:///{tmp / 'h.db'}", extra=PLATFORM) as running:
        acc = Accounts(running.gateway.db)
        people = [
            # login, municipality, department, roles, trained
            ("c-shinjin", CITY, "福祉課", ["staff"], False),
            ("c-shinjin2", CITY, "福祉課", ["staff"], False),
            ("c-staff", CITY, "福祉課", ["staff"], True),
            ("c-staff2", CITY, "福祉課", ["staff"], True),
            ("c-kanri", CITY, "福祉課", ["usage_admin"], True),
            ("c-kanri-tax", CITY, "税務課", ["usage_admin"], True),
            ("c-judge", CITY, "総務課", ["reviewer"], True),
            ("c-caio", CITY, "情報政策課", ["admin"], True),
            ("t-shinjin", TOWN, "福祉課", ["staff"], False),
            ("t-never", TOWN, "福祉課", ["staff"], False),  # never takes the quiz
            ("t-staff", TOWN, "福祉課", ["staff"], True),
            ("t-evil", TOWN, EVIL_DEPT, ["staff"], False),
            ("t-judge", TOWN, "総務課", ["reviewer"], True),
            ("t-caio", TOWN, "情報政策課", ["admin"], True),
        ]
        for login, m, dept, roles, trained in people:
            acc.create(login=login, password=PASSWORD, municipality=m, department=dept,
                       roles=roles, trained=trained)  # fmt: skip
        yield running


_SESSIONS: dict[str, httpx.Client] = {}


def _login(gw: Running, login: str, *, fresh: bool = False) -> httpx.Client:
    if not fresh and login in _SESSIONS:
        return _SESSIONS[login]
    c = sign_in(gw.base_url, login)
    if not fresh:
        _SESSIONS[login] = c
    return c


def _questions(gw: Running, attempt_id: int) -> list[Question]:
    a = gw.runtime.training.get(attempt_id)
    return draw(question_pool(gw.runtime.policy_for(a.municipality), a.department),
                a.questions, a.seed)  # fmt: skip


def _wrong(q: Question) -> str:
    return next(c.value for c in q.choices if c.value != q.answer)


def _start(c: httpx.Client) -> int:
    r = c.post("/training/quiz", data={"csrf": csrf_at(c, "/training")})
    assert r.status_code == 303, r.text[:500]
    return int(r.headers["location"].rsplit("/", 1)[1])


def _chat_api(gw: Running, key: str, model: str, text: str) -> httpx.Response:
    return httpx.post(gw.base_url + "/v1/chat/completions", timeout=60,
                      headers={"authorization": f"Bearer {key}"},
                      json={"model": model, "messages": [{"role": "user", "content": text}]})  # fmt: skip


# ----------------------------------------------------------------------------- 研修


def test_an_attempt_is_not_found_for_anyone_else_in_either_municipality(gw: Running) -> None:
    owner = _login(gw, "c-shinjin")
    attempt = _start(owner)
    qs = _questions(gw, attempt)
    right = {q.id: q.answer for q in qs}
    for other in ("c-shinjin2", "c-kanri", "c-caio", "t-shinjin", "t-caio"):
        c = _login(gw, other)
        token = csrf_at(c, "/training")
        page = c.get(f"/training/quiz/{attempt}")
        assert page.status_code in (403, 404), other
        assert qs[0].prompt not in page.text
        r = c.post(f"/training/quiz/{attempt}", data={"csrf": token, **right})
        assert r.status_code in (403, 404), other
        assert gw.runtime.training.get(attempt).open, other
        # The owner's login in a forged field changes nothing.
        r = c.post(f"/training/quiz/{attempt}",
                   data={"csrf": token, "login": "c-shinjin", **right})  # fmt: skip
        assert r.status_code in (403, 404)
    assert gw.runtime.training.get(attempt).open


def test_the_quiz_page_gives_away_neither_the_answers_nor_the_seed(gw: Running) -> None:
    c = _login(gw, "c-shinjin")
    attempt = _start(c)
    record = gw.runtime.training.get(attempt)
    qs = _questions(gw, attempt)
    page = c.get(f"/training/quiz/{attempt}").text
    assert str(record.seed) not in page
    assert " checked" not in page and "正解" not in page and "答えは「" not in page
    for q in qs:
        block = next(b for b in page.split("<fieldset")[1:] if f'name="{q.id}"' in b)
        block = block[: block.index("</fieldset>")]
        # Nothing in a question's markup tells its answer from the other choices.
        assert "answer" not in block.lower() and "data-" not in block
        for ch in q.choices:
            assert block.count(f'value="{ch.value}"') == 1
    # The form carries the token and the answers only: nothing to forge.
    form = page[page.index('<form method="post" action="/training/quiz/') :]
    hidden = re.findall(r'type="hidden" name="([^"]+)"', form[: form.index("</form>")])
    assert hidden == ["csrf"]


def test_forged_fields_and_unknown_answers_score_nothing(gw: Running) -> None:
    c = _login(gw, "c-shinjin2")
    attempt = _start(c)
    qs = _questions(gw, attempt)
    forged = {
        "csrf": csrf_at(c, "/training"),
        "correct": "10", "passed": "1", "score": "100", "seed": "1", "pass_mark": "0",
        "questions": "1", "login": "c-staff",
        **{q.id: "ANY-" + q.answer.upper() for q in qs},  # not a choice value
    }  # fmt: skip
    r = c.post(f"/training/quiz/{attempt}", data=forged)
    assert r.status_code == 200 and f"不合格です（0 / {len(qs)} 問正解）" in r.text
    done = gw.runtime.training.get(attempt)
    assert (done.correct, done.passed, done.login, done.pass_mark) == (0, False, "c-shinjin2", 80)


def test_a_quiz_is_opened_and_answered_with_the_owners_form_token_only(gw: Running) -> None:
    c = _login(gw, "c-shinjin")
    before = len(gw.runtime.training.completed()) + 0
    ids = {a.id for a in _all_attempts(gw)}
    for data in ({}, {"csrf": ""}, {"csrf": csrf_at(_login(gw, "c-shinjin2"), "/training")}):
        r = c.post("/training/quiz", data=data)
        assert r.status_code == 400 and "有効期限" in r.text
    assert {a.id for a in _all_attempts(gw)} == ids
    attempt = _start(c)
    qs = _questions(gw, attempt)
    other_token = csrf_at(_login(gw, "c-shinjin2"), "/training")
    r = c.post(
        f"/training/quiz/{attempt}", data={"csrf": other_token, **{q.id: q.answer for q in qs}}
    )
    assert r.status_code == 400 and gw.runtime.training.get(attempt).open
    assert len(gw.runtime.training.completed()) == before


def _all_attempts(gw: Running) -> list[Any]:
    from sqlalchemy import select

    from hinagata.store._models import TrainingRecord

    with gw.gateway.db.read_conn() as conn:
        rows = conn.execute(select(TrainingRecord.__table__.c.id)).all()
    return [gw.runtime.training.get(r[0]) for r in rows]


def test_two_tabs_answering_at_once_score_once(gw: Running) -> None:
    c1 = _login(gw, "t-shinjin")
    attempt = _start(c1)
    qs = _questions(gw, attempt)
    token = csrf_at(c1, "/training")
    c2 = _login(gw, "t-shinjin", fresh=True)
    token2 = csrf_at(c2, "/training")
    statuses: list[int] = []

    def submit(c: httpx.Client, t: str, right: bool) -> None:
        data = {"csrf": t, **{q.id: (q.answer if right else _wrong(q)) for q in qs}}
        statuses.append(c.post(f"/training/quiz/{attempt}", data=data).status_code)

    threads = [threading.Thread(target=submit, args=(c1, token, False)),
               threading.Thread(target=submit, args=(c2, token2, True))]  # fmt: skip
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [200, 409]
    # And a third answer after both: closed.
    r = c2.post(f"/training/quiz/{attempt}", data={"csrf": token2, **{q.id: q.answer for q in qs}})
    assert r.status_code == 409
    done = next(a for a in _all_attempts(gw) if a.id == attempt)
    assert done.completed_at is not None
    c2.close()


def test_a_key_marked_trained_does_not_pass_the_gate_for_an_untrained_account(
    gw: Running,
) -> None:
    # An operator issues a key "trained" for a person whose account is not: the
    # account's state (and the training records) decide, not the key's flag.
    key = gw.key(user="c-shinjin", municipality=CITY, department="福祉課", trained=True)
    r = _chat_api(gw, key, "wg", "市民向け講座の開催案内を、やさしい言葉で書き直してください。")
    assert r.status_code == 403, r.text[:300]
    assert "5.1" in [x["clause"] for x in r.json()["error"]["reasons"]]


def test_an_open_or_failed_attempt_does_not_pass_the_gate(gw: Running) -> None:
    c = _login(gw, "c-shinjin2")
    _start(c)  # left open
    key = gw.key(user="c-shinjin2", municipality=CITY, department="福祉課", trained=False)
    r = _chat_api(gw, key, "wg", "市民向け講座の開催案内を、やさしい言葉で書き直してください。")
    assert r.status_code == 403


# ----------------------------------------------------------------- 研修の記録 (admin)


def _pass(gw: Running, login: str) -> None:
    c = _login(gw, login)
    attempt = _start(c)
    qs = _questions(gw, attempt)
    r = c.post(f"/training/quiz/{attempt}",
               data={"csrf": csrf_at(c, "/training"), **{q.id: q.answer for q in qs}})  # fmt: skip
    assert "合格です" in r.text, r.text[:1000]


def test_training_records_and_csv_are_scoped_escaped_and_formula_safe(gw: Running) -> None:
    _pass(gw, "t-evil")
    _pass(gw, "c-staff")
    town = _login(gw, "t-caio")
    page = town.get("/admin/training")
    assert page.status_code == 200
    assert "t-evil" in page.text and "c-staff" not in page.text and "c-shinjin" not in page.text
    assert "<img src=x" not in page.text and "&lt;img src=x" in page.text
    text = town.get("/admin/training/export").text.lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    logins = [r[0] for r in rows[1:]]
    assert "t-evil" in logins and not any(x.startswith("c-") for x in logins)
    for row in rows[1:]:
        for value in row:
            assert value[:1] not in ("=", "+", "-", "@", "\t", "\r"), row
    evil = next(r for r in rows[1:] if r[0] == "t-evil")
    assert evil[1] == "'" + EVIL_DEPT
    # The dashboard's panel escapes the department too.
    dash = town.get("/admin").text
    assert "<img src=x" not in dash
    # 税務課's 利用管理者 sees nothing of 福祉課.
    tax = _login(gw, "c-kanri-tax")
    assert "c-staff" not in tax.get("/admin/training").text
    rows = list(csv.reader(io.StringIO(tax.get("/admin/training/export").text.lstrip("\ufeff"))))
    assert [r[0] for r in rows[1:]] == []
    # The course page's own history of another person: never.
    assert "t-evil" not in _login(gw, "t-staff").get("/training").text


def test_the_handout_and_course_reflect_nothing_of_the_request(gw: Running) -> None:
    c = _login(gw, "t-evil")
    for path in ("/training", "/training/handout/html", "/help"):
        r = c.get(path, params={"q": XSS, "next": XSS})
        assert r.status_code == 200 and XSS not in r.text, path
    r = c.get("/training/handout/" + "%3Cscript%3E")
    assert r.status_code == 404 and "<script>" not in r.text


# ----------------------------------------------------------------- 自分の判定履歴


def _check(c: httpx.Client, text: str, service: str = "example-domestic-lgwan") -> httpx.Response:
    return c.post("/check", data={"csrf": csrf_at(c, "/check"), "text": text, "service": service})


def test_the_history_is_the_accounts_own_and_the_text_its_authors_only(gw: Running) -> None:
    secret = f"{NAME}さん（市民課窓口）の転入の相談の記録です。PROBEHIST"
    c = _login(gw, "c-staff")
    r = _check(c, secret)
    assert r.status_code == 200
    mine = c.get("/history").text
    assert "PROBEHIST" in mine  # 例示市 keeps transcripts: the author sees the text
    for other in ("c-staff2", "c-kanri", "c-caio", "t-staff", "t-caio"):
        page = _login(gw, other).get("/history", params={"login": "c-staff", "user": "c-staff",
                                                         "municipality": CITY})  # fmt: skip
        assert page.status_code == 200
        assert "PROBEHIST" not in page.text and NAME not in page.text, other
    for p in ("0", "-1", "abc", "9" * 40, "1e9", "１"):
        assert c.get("/history", params={"page": p}).status_code == 200, p


def test_without_transcripts_no_text_is_kept_or_shown(gw: Running) -> None:
    secret = f"{NAME}さんの電話は090-1234-5678です。PROBETOWN"
    c = _login(gw, "t-staff")
    r = _check(c, secret)
    assert r.status_code == 200
    page = c.get("/history").text
    assert "PROBETOWN" not in page and NAME not in page and "090-1234-5678" not in page
    rows, _ = CheckRecords(gw.gateway.db).mine(municipality=TOWN, login="t-staff")
    assert rows and not rows[0].kept
    assert "PROBETOWN" not in json.dumps(
        [r.__dict__ for r in rows], default=str, ensure_ascii=False
    )
    assert gw.runtime.transcripts.get(rows[0].request_id) is None


def test_a_refused_check_keeps_no_value_in_the_check_record(gw: Running) -> None:
    c = _login(gw, "c-staff2")
    secret = f"{NAME}さんは糖尿病で通院しています。電話は090-1234-5678。"
    r = _check(c, secret, service="example-consumer-chat")
    assert r.status_code == 200
    rows, _ = CheckRecords(gw.gateway.db).mine(municipality=CITY, login="c-staff2")
    dumped = json.dumps([r.__dict__ for r in rows], default=str, ensure_ascii=False)
    assert NAME not in dumped and "糖尿病" not in dumped and "090" not in dumped


def test_dashboard_check_counts_are_of_the_scope_only(gw: Running) -> None:
    def checks(c: httpx.Client) -> str:
        page = c.get("/admin").text
        return re.search(r"直近\d+日 ([\d,]+) 件", page).group(1)  # type: ignore[union-attr]

    tax, town = _login(gw, "c-kanri-tax"), _login(gw, "t-caio")
    before = (checks(tax), checks(town))
    kanri_before = checks(_login(gw, "c-kanri"))
    _check(_login(gw, "c-staff"), "窓口の案内文を作ってください。")
    assert (checks(tax), checks(town)) == before
    assert (
        int(checks(_login(gw, "c-kanri")).replace(",", ""))
        == int(kanri_before.replace(",", "")) + 1
    )


# ------------------------------------------------------------------------ 事例


_CASE_FORM = {
    "title": "PROBE 事例", "field": "welfare", "size_band": "10k_50k", "status": "recommended",
    "summary": "概要です。", "src_title": "報告書", "src_publisher": "例示県", "src_date": "2025-07-02",
}  # fmt: skip


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)//a.b",
        "JAVASCRIPT://a.b/%0aalert(1)",
        "data:text/html,<script>alert(1)</script>.x",
        "vbscript:msgbox(1).x.y",
        " javascript:alert(1)//a.b",
        "\tjavascript:alert(1)//a.b",
        "https://a.b\njavascript:alert(1)",
        "//evil.example/path.x",
    ],
)
def test_a_case_source_cannot_be_a_script_link(gw: Running, url: str) -> None:
    c = _login(gw, "t-judge")
    before = len(CaseCatalog(gw.gateway.db).search())
    r = c.post("/catalog/new", data={**_CASE_FORM, "csrf": csrf_at(c, "/catalog"), "src_url": url})
    assert r.status_code == 400
    assert len(CaseCatalog(gw.gateway.db).search()) == before
    doc = {"format": _format(c), "cases": [{"title": "PROBE import", "field": "welfare",
           "size_band": "10k_50k", "status": "recommended", "summary": "概要",
           "sources": [{"title": "t", "publisher": "p", "date": "", "url": url}]}]}  # fmt: skip
    r = c.post("/catalog/import", data={"csrf": csrf_at(c, "/catalog")},
               files={"file": ("cases.json", json.dumps(doc).encode(), "application/json")})  # fmt: skip
    assert r.status_code == 400, r.text[:300]
    assert len(CaseCatalog(gw.gateway.db).search()) == before


def _format(c: httpx.Client) -> str:
    return str(json.loads(c.get("/catalog/export/json").text)["format"])


def test_case_text_is_escaped_everywhere_and_its_csv_is_formula_safe(gw: Running) -> None:
    c = _login(gw, "t-judge")
    form = {**_CASE_FORM, "csrf": csrf_at(c, "/catalog"), "title": "=1+1" + XSS,
            "summary": XSS, "src_url": 'https://a.example/"><script>alert(1)</script>',
            "src_title": XSS, "src_publisher": XSS}  # fmt: skip
    r = c.post("/catalog/new", data=form)
    assert r.status_code == 303, r.text[:2000]
    case_id = int(r.headers["location"].rsplit("/", 1)[1])
    for path in (f"/catalog/{case_id}", "/catalog", "/catalog?q=" + XSS):
        page = _login(gw, "c-staff").get(path).text
        assert "<script>alert" not in page, path
        assert '"><script>' not in page
    rows = list(csv.reader(io.StringIO(c.get("/catalog/export/csv").text.lstrip("\ufeff"))))
    mine = [r for r in rows if XSS in "".join(r)]
    assert mine and all(v[:1] not in "=+-@" or not v for r in mine for v in r)


def test_an_import_cannot_take_over_or_disguise_another_municipalitys_case(gw: Running) -> None:
    city = _login(gw, "c-judge")
    r = city.post("/catalog/new", data={**_CASE_FORM, "csrf": csrf_at(city, "/catalog"),
                                        "title": "CITY 原本", "src_url": "https://a.example/x"})  # fmt: skip
    assert r.status_code == 303
    case_id = int(r.headers["location"].rsplit("/", 1)[1])
    uid = CaseCatalog(gw.gateway.db).get(case_id)[1].uid  # type: ignore[index]
    town = _login(gw, "t-judge")
    fmt = _format(town)
    base = {"field": "welfare", "size_band": "10k_50k", "status": "recommended", "summary": "x"}
    # The same uid, another title: skipped, the original unchanged.
    doc = {"format": fmt, "cases": [{**base, "uid": uid, "title": "TOWN 乗っ取り"}]}
    r = town.post("/catalog/import", data={"csrf": csrf_at(town, "/catalog")},
                  files={"file": ("c.json", json.dumps(doc).encode(), "application/json")})  # fmt: skip
    assert r.status_code == 200
    assert CaseCatalog(gw.gateway.db).get(case_id)[1].title == "CITY 原本"  # type: ignore[index]
    # A new case in 例示市's name: refused.
    doc = {"format": fmt, "cases": [{**base, "title": "TOWN 偽装", "municipality": CITY}]}
    r = town.post("/catalog/import", data={"csrf": csrf_at(town, "/catalog")},
                  files={"file": ("c.json", json.dumps(doc).encode(), "application/json")})  # fmt: skip
    assert r.status_code == 400
    assert not [e for _i, e in CaseCatalog(gw.gateway.db).search() if e.title == "TOWN 偽装"]
    # Without a token: nothing added.
    doc = {"format": fmt, "cases": [{**base, "title": "TOWN 無トークン"}]}
    for token in ("", "x", csrf_at(city, "/catalog")):
        r = town.post("/catalog/import", data={"csrf": token},
                      files={"file": ("c.json", json.dumps(doc).encode(), "application/json")})  # fmt: skip
        assert r.status_code == 400
        r = town.post("/catalog/new", data={**_CASE_FORM, "csrf": token, "title": "TOWN 無トークン",
                                            "src_url": "https://a.example/x"})  # fmt: skip
        assert r.status_code == 400
    assert not [e for _i, e in CaseCatalog(gw.gateway.db).search() if e.title == "TOWN 無トークン"]


def test_a_case_made_from_another_municipalitys_use_case_gets_nothing_of_it(gw: Running) -> None:
    store = UseCases(gw.gateway.db)
    case = store.create(applicant="c-staff", municipality=CITY, department="福祉課",
                        title="CITYUSECASE 申請", field="welfare", ai_kind="generative",
                        classes=["2"], service="example-domestic-lgwan",
                        description="CITYUSECASE の説明", risk_answers={}, risk_level="low",
                        assessment={})  # fmt: skip
    store.record_review(case.id, case.version, reviewer="seed", decision="approved",
                        rationale="seed")  # fmt: skip
    town = _login(gw, "t-judge")
    for ref in (str(case.id), f"UC-{case.id}"):
        page = town.get("/catalog/new", params={"from": ref})
        assert page.status_code == 200 and "CITYUSECASE" not in page.text
    r = town.post("/catalog/new", data={**_CASE_FORM, "csrf": csrf_at(town, "/catalog"),
                                        "title": "TOWN from city", "source": f"UC-{case.id}",
                                        "src_url": "https://a.example/x"})  # fmt: skip
    assert r.status_code == 303
    new_id = int(r.headers["location"].rsplit("/", 1)[1])
    assert f"UC-{case.id}" not in town.get(f"/catalog/{new_id}").text
    assert "CITYUSECASE" not in town.get(f"/catalog/{new_id}").text


# ------------------------------------------------------------------ サインイン (next=)


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example/",
        "/\t/evil.example/",
        "https://evil.example/",
        "https:evil.example",
        "/%2F%2Fevil.example/",
        "/%5Cevil.example/",
        " //evil.example/",
        "/\r\nLocation: https://evil.example/",
    ],
)
def test_sign_in_never_sends_anyone_to_another_site(gw: Running, target: str) -> None:
    c = httpx.Client(base_url=gw.base_url, follow_redirects=False, timeout=60)
    page = c.get("/login", params={"next": target})
    assert page.status_code == 200
    token = re.search(r'name="login_csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    r = c.post("/login", data={"login": "t-staff", "password": PASSWORD, "login_csrf": token,
                               "next": target})  # fmt: skip
    assert r.status_code == 303
    loc = r.headers["location"]
    resolved = httpx.URL(gw.base_url).join(loc)
    assert resolved.host == "127.0.0.1", (target, loc)
    assert not loc.startswith("//") and not loc.startswith("/\\") and "\n" not in loc
    c.close()


# ------------------------------------------------------------------------- chat


def test_chat_headers_and_api_refusals_carry_no_value(
    gw: Running, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    c = _login(gw, "c-staff")
    page = c.get("/chat").text
    token = re.search(r'data-csrf="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    texts = [f"{NAME}さんの電話は090-1234-5678です。", "承知しました。", "糖尿病で通院しています。"]
    msgs = [
        {"role": "user" if i % 2 == 0 else "assistant", "content": t} for i, t in enumerate(texts)
    ]
    for model in ("wg", "jp", "consumer"):
        r = c.post("/chat/send", json={"model": model, "messages": msgs, "stream": False},
                   headers={"x-csrf-token": token})  # fmt: skip
        header = r.headers.get("x-hinagata-messages", "")
        decoded = json.dumps(json.loads(header or "[]"), ensure_ascii=False)
        for v in ("高橋", "健一", "090-1234-5678", "1234", "糖尿病"):
            assert v not in decoded, (model, v)
            if r.status_code != 200:
                assert v not in r.text, (model, v)
            for name, value in r.headers.items():
                if name != "x-hinagata-messages":
                    assert v not in value, (model, name)
    # Without the token: refused, nothing sent.
    calls = len(gw.recorder.calls)
    r = c.post("/chat/send", json={"model": "wg", "messages": msgs})
    assert r.status_code == 403 and len(gw.recorder.calls) == calls
    r = c.post("/chat/send", json={"model": "wg", "messages": msgs},
               headers={"x-csrf-token": csrf_at(_login(gw, "c-staff2"))})  # fmt: skip
    assert r.status_code == 403 and len(gw.recorder.calls) == calls
    # An API key never gets the chat's header; its refusal names types only.
    key = gw.key(user="city-api-probe", municipality=CITY, department="福祉課")
    r = httpx.post(gw.base_url + "/v1/chat/completions", timeout=60,
                   headers={"authorization": f"Bearer {key}", "x-hinagata-messages": "1"},
                   json={"model": "consumer", "messages": msgs})  # fmt: skip
    assert r.status_code == 403 and "x-hinagata-messages" not in r.headers
    for v in ("高橋", "健一", "090-1234-5678", "糖尿病"):
        assert v not in r.text
    logged = "\n".join(rec.getMessage() for rec in caplog.records)
    for v in ("高橋", "090-1234-5678", "糖尿病"):
        assert v not in logged
    # The audit log holds no value either.
    dumped = json.dumps(list(gw.gateway.audit.records()), default=str, ensure_ascii=False)
    for v in ("高橋", "090-1234-5678", "糖尿病"):
        assert v not in dumped, v


# ------------------------------------------------------------- the gate, every door

_PLAIN = "市民向け講座の開催案内を、やさしい言葉で書き直してください。"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        (
            "/v1/chat/completions",
            {"model": "wg", "messages": [{"role": "user", "content": _PLAIN}]},
        ),
        (
            "/v1/chat/completions",
            {"model": "wg", "stream": True, "messages": [{"role": "user", "content": _PLAIN}]},
        ),
        ("/v1/completions", {"model": "wg", "prompt": _PLAIN}),
        ("/v1/embeddings", {"model": "wg", "input": [_PLAIN]}),
        ("/v1/responses", {"model": "wg", "input": _PLAIN}),
        (
            "/v1/messages",
            {"model": "wg", "max_tokens": 16, "messages": [{"role": "user", "content": _PLAIN}]},
        ),
        (
            "/v1/messages/count_tokens",
            {"model": "wg", "messages": [{"role": "user", "content": _PLAIN}]},
        ),
    ],
)
def test_an_untrained_key_reaches_no_model_through_any_endpoint(
    gw: Running, path: str, body: dict[str, Any]
) -> None:
    key = gw.key(user="t-never", municipality=TOWN, department="福祉課", trained=False)
    calls = len(gw.recorder.calls)
    r = httpx.post(gw.base_url + path, json=body, timeout=60,
                   headers={"authorization": f"Bearer {key}", "x-api-key": key})  # fmt: skip
    assert r.status_code == 403, (path, r.status_code, r.text[:300])
    assert len(gw.recorder.calls) == calls, path
    assert httpx.get(gw.base_url + "/v1/models", headers={"authorization": f"Bearer {key}"},
                     timeout=30).json()["data"] == []  # fmt: skip


def test_an_untrained_account_cannot_chat_on_the_web(gw: Running) -> None:
    c = _login(gw, "c-shinjin")
    token = re.search(r'data-csrf="([^"]+)"', c.get("/chat").text).group(1)  # type: ignore[union-attr]
    calls = len(gw.recorder.calls)
    for stream in (False, True):
        r = c.post("/chat/send", headers={"x-csrf-token": token},
                   json={"model": "wg", "stream": stream,
                         "messages": [{"role": "user", "content": _PLAIN}]})  # fmt: skip
        assert r.status_code == 403, r.text[:300]
    assert len(gw.recorder.calls) == calls


@pytest.mark.parametrize("n", ["0", "9223372036854775807", "9223372036854775808", "9" * 30])
def test_a_number_too_large_for_the_database_is_not_found(gw: Running, n: str) -> None:
    c = _login(gw, "c-shinjin")
    token = csrf_at(c, "/training")
    for path in (f"/training/quiz/{n}", f"/catalog/{n}"):
        assert c.get(path).status_code == 404, path
    assert c.post(f"/training/quiz/{n}", data={"csrf": token}).status_code == 404


def test_the_guideline_page_is_the_own_municipalitys_policy_only(gw: Running) -> None:
    town = _login(gw, "t-staff").get("/guideline", params={"municipality": CITY})
    assert town.status_code == 200 and "例示町" in town.text
    assert "例示市" not in town.text
    city = _login(gw, "c-staff").get("/guideline")
    assert "例示市 生成AI利用ガイドライン" in city.text
    # 福祉課's own layer is not another department's business, nor does a department
    # name from the directory break out of the page.
    assert "<img src=x" not in _login(gw, "t-evil").get("/guideline").text


def test_safe_next_refuses_what_a_browser_reads_as_another_host() -> None:
    from hinagata.web._signin import _safe_next

    for target in ("/\\evil.example/", "/\\/evil.example", "/\t/evil.example", "/\n/evil.example",
                   "\\\\evil.example", "//evil.example", "https://evil.example"):  # fmt: skip
        assert _safe_next(target) == "/", target
    assert _safe_next("/training?x=1#a") == "/training?x=1#a"


# ------------------------------------------------------------------- 庁内アカウント


def test_a_directory_account_has_no_password_and_keeps_its_municipality(gw: Running) -> None:
    from hinagata.store import AccountError

    acc = Accounts(gw.gateway.db)
    a = acc.sign_in_external(subject="https://idp.example|probe-1", login="probe.dir",
                             display_name=XSS, department=EVIL_DEPT, municipality=TOWN,
                             roles=["staff"], trained=None)  # fmt: skip
    assert a.external and a.municipality == TOWN and not a.trained
    for password in ("", " ", PASSWORD, "x" * 1000):
        assert acc.authenticate("probe.dir", password) is None
    c = httpx.Client(base_url=gw.base_url, follow_redirects=False, timeout=60)
    r = post_sign_in(c, "probe.dir", "")
    assert r.status_code != 303
    # The same subject cannot come back as another municipality's person, nor can a new
    # subject take a local account's login (in any spelling).
    with pytest.raises(AccountError):
        acc.sign_in_external(subject="https://idp.example|probe-1", login="probe.dir",
                             display_name="", department="", municipality=CITY,
                             roles=["admin"], trained=True)  # fmt: skip
    for login in ("c-caio", "C-CAIO", "ｃ－ｃａｉｏ", " c-caio "):
        with pytest.raises(AccountError):
            acc.sign_in_external(subject=f"https://idp.example|{login}", login=login,
                                 display_name="", department="", municipality=CITY,
                                 roles=["admin"], trained=True)  # fmt: skip
    # Its name and department are escaped on the pages that show them.
    caio = _login(gw, "t-caio")
    for path in ("/admin/users", "/admin/training", "/admin"):
        page = caio.get(path).text
        assert "<script>alert" not in page and "<img src=x" not in page, path
    c.close()


# --------------------------------------------------------------- the guideline's HTML


def test_the_guideline_html_and_pdf_escape_the_policys_text() -> None:
    """A layer's text (a municipality's, a department's) is text, never markup: in the
    HTML download and in the PDF WeasyPrint makes from it (where ``<a rel=attachment
    href=file:///…>`` would put a file of the server into the PDF)."""
    import dataclasses

    from hinagata.policy import load_policy
    from hinagata.render import build_document
    from hinagata.render._render import render_html

    doc = build_document(load_policy(EXAMPLES / "example-town"))
    evil = '<a rel="attachment" href="file:///etc/hostname">x</a><script>alert(1)</script>'
    html = render_html(dataclasses.replace(doc, title=evil, municipality=evil, version=evil))
    assert "<script>alert" not in html and 'href="file:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# ---------------------------------------------------------- a departing member of staff


def test_a_disabled_accounts_own_key_stops_with_the_account(gw: Running) -> None:
    leaver = Accounts(gw.gateway.db).create(login="t-leaver", password=PASSWORD, municipality=TOWN,
                                   department="福祉課", roles=["staff"], trained=True)  # fmt: skip
    c = _login(gw, "t-leaver", fresh=True)
    # The person's own key (issued for the account: its login in its municipality).
    token = gw.key(user="t-leaver", municipality=TOWN, department="福祉課")
    assert _chat_api(gw, token, "wg", _PLAIN).status_code == 200
    # A key of 例示市 that happens to name the same user is 例示市's business only.
    city_key = gw.key(user="t-leaver", municipality=CITY, department="福祉課")
    caio = _login(gw, "t-caio")
    r = caio.post(f"/admin/users/{leaver.id}/disable", data={"csrf": csrf_at(caio)})
    assert r.status_code == 200 and "停止しました" in r.text
    assert c.get("/keys").status_code in (302, 303, 401)  # the session ended
    r = _chat_api(gw, token, "wg", _PLAIN)
    assert r.status_code in (401, 403), r.status_code
    assert gw.gateway.keys.lookup(city_key) is not None
    c.close()


# ------------------------------------------------------------------ お知らせのメール


@pytest.mark.parametrize(
    "login",
    [
        "x<mallory@evil.example>",
        "mallory@evil.example,",
        "mallory@evil.example (",
        "suzuki@city.example.lg.jp,tanaka",
        'a"@evil.example',
        "mallory@evil.example;",
        "a@b",
    ],
)
def test_a_notice_mail_goes_to_the_pattern_with_the_login_only(login: str) -> None:
    from hinagata.config import Smtp
    from hinagata.notify import MailError, recipient_of

    smtp = Smtp(host="smtp.city.example.lg.jp", sender="noreply@city.example.lg.jp",
                recipient="{login}@city.example.lg.jp")  # fmt: skip
    with pytest.raises(MailError):
        got = recipient_of(smtp, login)
        pytest.fail(f"{login!r} -> {got!r}")
    assert recipient_of(smtp, "tanaka.ichiro") == "tanaka.ichiro@city.example.lg.jp"
    assert recipient_of(smtp, "c-staff_2") == "c-staff_2@city.example.lg.jp"


def test_notices_are_the_recipients_own(gw: Running) -> None:
    store = UseCases(gw.gateway.db)
    case = store.create(applicant="t-staff", municipality=TOWN, department="福祉課",
                        title="TOWNNOTICE " + XSS, field="welfare", ai_kind="generative",
                        classes=["2"], service="example-domestic-lgwan",
                        description="説明", risk_answers={}, risk_level="low",
                        assessment={})  # fmt: skip
    store.record_review(case.id, case.version, reviewer="t-judge", decision="approved",
                        rationale="ok")  # fmt: skip
    own = _login(gw, "t-staff").get("/notices").text
    assert "TOWNNOTICE" in own and "<script>alert" not in own
    for other in ("c-staff", "t-judge", "t-caio", "c-caio"):
        c = _login(gw, other)
        for path in ("/notices", "/"):
            assert "TOWNNOTICE" not in c.get(path, params={"login": "t-staff"}).text, other
    # Marking read needs the token and touches one's own only.
    c = _login(gw, "c-staff")
    assert c.post("/notices/read", data={"csrf": "x"}).status_code == 400
    c.post("/notices/read", data={"csrf": csrf_at(c)})
    assert "TOWNNOTICE" in _login(gw, "t-staff").get("/").text  # still unread for t-staff
    # The administrator's list of failed e-mail is of their municipality only.
    assert "TOWNNOTICE" not in _login(gw, "c-caio").get("/admin/notices").text


def test_the_chat_lists_the_approved_applications_of_the_own_scope_only(gw: Running) -> None:
    store = UseCases(gw.gateway.db)
    case = store.create(applicant="c-staff", municipality=CITY, department="福祉課",
                        title="CITYCHATUC " + XSS, field="welfare", ai_kind="generative",
                        classes=["2"], service="example-domestic-lgwan", description="説明",
                        risk_answers={}, risk_level="low", assessment={})  # fmt: skip
    store.record_review(case.id, case.version, reviewer="c-judge", decision="approved",
                        rationale="ok")  # fmt: skip
    mine = _login(gw, "c-staff2").get("/chat").text  # same department
    assert "CITYCHATUC" in mine and "<script>alert" not in mine
    for other in ("t-staff", "t-judge"):
        assert "CITYCHATUC" not in _login(gw, other).get("/chat").text, other


def test_an_import_cannot_squat_a_starter_cases_uid(gw: Running) -> None:
    from hinagata.governance import starter_cases

    shipped = starter_cases()[0]
    town = _login(gw, "t-judge")
    forged = {**json.loads(shipped.model_dump_json()), "title": "PROBE 偽の初期事例",
              "municipality": ""}  # fmt: skip
    doc = {"format": _format(town), "cases": [forged]}
    town.post("/catalog/import", data={"csrf": csrf_at(town, "/catalog")},
              files={"file": ("c.json", json.dumps(doc).encode(), "application/json")})  # fmt: skip
    catalog = CaseCatalog(gw.gateway.db)
    catalog.seed_starter()  # first-run, later
    found = [e for _i, e in catalog.search() if e.uid == shipped.uid]
    assert [e.title for e in found] == [shipped.title]


# ------------------------------------------------------------------- キーの申請・承認


def test_key_requests_are_decided_in_scope_and_collected_by_the_requester_only(
    gw: Running,
) -> None:
    from hinagata.store import OPERATOR, KeyRequests

    acc, requests = Accounts(gw.gateway.db), KeyRequests(gw.gateway.db)
    who = acc.create(login="c-req", password=PASSWORD, municipality=CITY, department="福祉課",
                     roles=["staff"], trained=True)  # fmt: skip
    req = requests.request(who, purpose="議事録の要約", service="example-domestic-lgwan")
    for outsider in ("c-kanri-tax", "t-caio", "c-staff2"):
        c = _login(gw, outsider)
        r = c.post(f"/keys/approvals/{req.id}", data={"csrf": csrf_at(c), "decision": "approve"})
        assert r.status_code in (403, 404), outsider
    kanri = _login(gw, "c-kanri")
    r = kanri.post(f"/keys/approvals/{req.id}", data={"csrf": "x", "decision": "approve"})
    assert r.status_code == 400
    r = kanri.post(
        f"/keys/approvals/{req.id}", data={"csrf": csrf_at(kanri), "decision": "approve"}
    )
    assert r.status_code == 200, r.text[:500]
    # Nobody else collects it (nor withdraws it); the requester collects it once.
    for outsider in ("c-staff2", "c-kanri", "t-staff"):
        c = _login(gw, outsider)
        for action in ("collect", "withdraw"):
            r = c.post(f"/keys/requests/{req.id}/{action}", data={"csrf": csrf_at(c)})
            assert r.status_code == 404 and "hg_" not in r.text, (outsider, action)
    mine = _login(gw, "c-req", fresh=True)
    r = mine.post(f"/keys/requests/{req.id}/collect", data={"csrf": csrf_at(mine)})
    assert r.status_code == 200 and re.search(r"hg_[A-Za-z0-9_\-]{8,}", r.text)
    r = mine.post(f"/keys/requests/{req.id}/collect", data={"csrf": csrf_at(mine)})
    assert r.status_code == 404 and not re.search(r"hg_[A-Za-z0-9_\-]{8,}", r.text)
    mine.close()
    # A 利用管理者 never approves their own request.
    own = requests.request(acc.get_in("c-kanri", OPERATOR) or who,
                           purpose="自分の", service="example-domestic-lgwan")  # fmt: skip
    r = kanri.post(
        f"/keys/approvals/{own.id}", data={"csrf": csrf_at(kanri), "decision": "approve"}
    )
    assert r.status_code in (400, 403, 404)
    assert not any(x.id == own.id and x.status == "approved" for x in requests.for_user("c-kanri"))
