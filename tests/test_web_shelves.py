"""Full shelves: the national starter set of the case catalog (valid, sourced or marked
架空, citing real clauses, seeded once and never over a municipality's case, found by
field and size on the web), 入力前チェック on the dashboard, 「自分の判定履歴」 (one's own
checks only, no text unless the policy keeps transcripts) and the help page. Data
invented (the starter cases cite public reports and name no resident)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
import yaml
from sqlalchemy import select
from typer.testing import CliRunner

from _db import BACKENDS, database_url
from _gateway import Running, running_gateway
from _web import PASSWORD, PLATFORM, csrf_at, csrf_in, sign_in, sign_in_page
from hinagata.governance import (
    CASE_STATUSES,
    FIELDS,
    SIZE_BANDS,
    CaseEntry,
    check_starter,
    from_csv,
    from_json,
    starter_cases,
    to_csv,
    to_json,
)
from hinagata.store import Accounts, CaseCatalog, CheckRecords, Database
from hinagata.store._models import CheckRecord
from hinagata.store._rollup import JST

ROOT = Path(__file__).resolve().parent.parent
NATIONAL = ROOT / "src" / "hinagata" / "policy" / "templates" / "national" / "policy.yaml"
STARTER = ROOT / "src" / "hinagata" / "governance" / "data" / "starter_cases.yaml"
PERSONAL = "相談者 高橋 健一さん（電話 090-1234-5678）の記録を要約して"


def _clause_ids() -> set[str]:
    """The clause ids of the national template, read from the file itself."""
    data = yaml.safe_load(NATIONAL.read_text(encoding="utf-8"))
    return {c["id"] for ch in data["chapters"] for c in ch["clauses"]}


# ------------------------------------------------------------------ the starter set


def test_every_starter_case_is_complete_sourced_or_fictional_and_cites_real_clauses() -> None:
    raw = yaml.safe_load(STARTER.read_text(encoding="utf-8"))["cases"]
    cases = starter_cases()
    assert len(cases) == len(raw) >= 20
    clauses = _clause_ids()
    uids = [c.uid for c in cases]
    assert len(set(uids)) == len(uids)
    for c, r in zip(cases, raw, strict=True):
        where = c.uid
        assert re.fullmatch(r"hinagata-starter-\d{2}", c.uid), where
        assert c.title.strip() and c.summary.strip(), where
        assert c.field in FIELDS and c.size_band in SIZE_BANDS, where
        assert c.status in ("recommended", "challenging"), where
        assert c.municipality == "", where  # the national set is nobody's
        assert c.norms, where
        for n in c.norms:
            assert n.clause in clauses, f"{where}: {n.clause} is not a clause of the template"
            assert n.how.strip(), where
        # A source exactly as found, or the 架空 label — never both, never neither.
        assert bool(c.sources) != c.fictional, where
        assert bool(r.get("sources")) != bool(r.get("fictional")), where
        for s in c.sources:
            u = urlsplit(s.url)
            assert u.scheme in ("http", "https") and "." in u.netloc and " " not in s.url, where
            assert s.title.strip() and s.publisher.strip(), where
            if s.date:
                dt.date.fromisoformat((s.date + "-01-01")[:10])  # a real date, YYYY[-MM[-DD]]
        if c.status == "challenging":
            assert c.concerns and all(x.mitigation.strip() for x in c.concerns), where
    # Both shelves, and a spread of fields and sizes (the web filters by them).
    statuses = {c.status for c in cases}
    assert statuses == {"recommended", "challenging"}
    assert len({c.field for c in cases}) >= 8
    assert {c.size_band for c in cases} == set(SIZE_BANDS)
    assert sum(not c.fictional for c in cases) >= 20


def test_the_starter_check_refuses_a_made_up_clause_and_a_case_without_source() -> None:
    good = starter_cases()[0]
    clauses = _clause_ids()
    assert check_starter([good], clauses) == []
    wrong_clause = good.model_copy(
        update={"norms": (good.norms[0].model_copy(update={"clause": "4.99"}),)}
    )
    assert any("4.99" in p for p in check_starter([wrong_clause], clauses))
    unsourced = good.model_copy(update={"sources": (), "fictional": False})
    assert any("架空" in p for p in check_starter([unsourced], clauses))
    # An invented example that names a source is refused by the case itself.
    with pytest.raises(ValueError, match="架空"):
        good.model_copy(update={"fictional": True}).check()


def test_sources_and_norms_survive_export_and_import_and_an_old_csv_still_reads() -> None:
    cases = list(starter_cases())
    assert from_json(to_json(cases)) == cases
    assert from_csv(to_csv(cases)) == cases
    old = (
        "uid,title,field,size_band,status,summary,concerns,services,classes,municipality\n"
        "abcdefgh1,案内文,resident,under_10k,recommended,要約,,,1,\n"
    )
    (entry,) = from_csv(old)
    assert entry.sources == () and entry.norms == () and not entry.fictional


def test_seeding_twice_adds_nothing_and_never_changes_a_municipalitys_case(
    tmp_path: Path,
) -> None:
    db = Database(f"sqlite:///{tmp_path / 'c.db'}")
    db.migrate()
    store = CaseCatalog(db)
    # A file cannot put a case under a starter case's uid (it would take it for good);
    # 例示市's own case, under its own uid, is never touched by seeding.
    squat = CaseEntry(uid="hinagata-starter-03", title="例示市の窓口案内", field="resident",
                      size_band="50k_200k", status="recommended", summary="例示市が公開した事例",
                      municipality="例示市")  # fmt: skip
    own = squat.model_copy(update={"uid": "reiji-city-01"})
    assert store.import_entries([squat, own], created_by="c-kanri", municipality="例示市") == (1, 1)
    n = len(starter_cases())
    assert store.seed_starter() == (n, 0)
    assert store.seed_starter() == (0, n)
    listed = store.search()
    assert len(listed) == n + 1
    shipped = next(e for e in starter_cases() if e.uid == "hinagata-starter-03")
    assert [e.title for _id, e in listed if e.uid == "hinagata-starter-03"] == [shipped.title]
    assert [e for _id, e in listed if e.uid == "reiji-city-01"] == [own]


def test_first_run_seeds_the_catalog_once(tmp_path: Path) -> None:
    from hinagata.cli import app

    cfg = tmp_path / "gateway.yaml"
    cfg.write_text(
        f"database_url: sqlite:///{tmp_path / 'f.db'}\nsecret_file: {tmp_path}/audit.key\n"
        f"create_secret: true\nmodels:\n  - {{name: demo, service: example-domestic-lgwan,"
        f" upstream: {{demo: true}}}}\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    args = ["first-run", "--config", str(cfg), "--state", str(tmp_path / "state")]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert f"事例の初期セットを{len(starter_cases())}件登録しました" in first.output
    again = runner.invoke(app, args)
    assert again.exit_code == 0 and "事例の初期セット" not in again.output
    db = Database(f"sqlite:///{tmp_path / 'f.db'}")
    assert len(CaseCatalog(db).search()) == len(starter_cases())


# ------------------------------------------------------------------ web


@pytest.fixture
def city(tmp_path: Path) -> Iterator[Running]:
    """Two municipalities on one platform; 例示市 keeps transcripts, 例示町 does not."""
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'w.db'}", extra=PLATFORM) as running:
        acc = Accounts(running.gateway.db)
        for login, muni, dept, roles in (
            ("c-tanaka", "例示市", "福祉課", ["staff"]),
            ("c-suzuki", "例示市", "福祉課", ["staff"]),
            ("c-kanri", "例示市", "税務課", ["usage_admin"]),
            ("c-caio", "例示市", "情報政策課", ["admin"]),
            ("c-review", "例示市", "総務課", ["reviewer"]),
            ("t-sato", "例示町", "福祉課", ["staff"]),
            ("t-caio", "例示町", "総務課", ["admin"]),
        ):
            acc.create(login=login, password=PASSWORD, display_name=login, department=dept,
                       municipality=muni, roles=roles, trained=True)  # fmt: skip
        CaseCatalog(running.gateway.db).seed_starter()
        yield running


def _check(c: httpx.Client, text: str, service: str) -> httpx.Response:
    token = csrf_at(c, "/check")
    r = c.post("/check", data={"csrf": token, "text": text, "service": service})
    assert r.status_code == 200, r.text
    return r


def test_the_catalog_shows_the_starter_set_by_field_and_size(city: Running) -> None:
    c = sign_in(city.base_url, "t-sato")  # another municipality reads the national set too
    everything = c.get("/catalog").text
    n = len(starter_cases())
    assert f"<h2>{n}件</h2>" in everything
    assert "推奨事例（" in everything and f"{CASE_STATUSES['challenging']}（" in everything
    # The two shelves are apart: every recommended case before the first challenging one.
    first_challenging = everything.index('id="group-challenging"')
    for e in starter_cases():
        at = everything.index(e.title)
        assert (at < first_challenging) == (e.status == "recommended"), e.uid
    for field, band in (("welfare", "prefecture"), ("tax", "designated"), ("general", "under_10k")):
        page = c.get("/catalog", params={"field": field, "size_band": band}).text
        expected = [e for e in starter_cases() if e.field == field and e.size_band == band]
        assert expected, (field, band)
        assert f"<h2>{len(expected)}件</h2>" in page
        for e in starter_cases():
            assert (e.title in page) == (e in expected), (field, band, e.uid)
    fictional = sum(e.fictional for e in starter_cases())
    assert everything.count('class="tag tag-fictional">作成例（架空）') == fictional


def test_a_case_page_shows_its_norms_with_clause_titles_and_its_sources(city: Running) -> None:
    c = sign_in(city.base_url, "c-tanaka")
    rows = CaseCatalog(city.gateway.db).search()
    ids = {e.uid: i for i, e in rows}
    sourced = next(e for e in starter_cases() if e.uid == "hinagata-starter-21")
    page = c.get(f"/catalog/{ids[sourced.uid]}").text
    assert "満たしている規定" in page and "4.3「要配慮個人情報」" in page
    src = sourced.sources[0]
    assert f'<a href="{src.url}" rel="noopener noreferrer">{src.title}</a>' in page
    assert src.publisher in page and "2026年1月15日" in page
    assert "全国共通の初期事例" in page and "作成例（架空）" not in page
    invented = next(e for e in starter_cases() if e.fictional)
    page = c.get(f"/catalog/{ids[invented.uid]}").text
    assert "作成例（架空）" in page and "架空の例です" in page and "<h2>出典</h2>" not in page


def test_a_check_is_in_ones_own_history_only_without_text_unless_kept(city: Running) -> None:
    tanaka, suzuki, sato = (sign_in(city.base_url, x) for x in ("c-tanaka", "c-suzuki", "t-sato"))
    before = dt.datetime.now(dt.UTC)
    _check(tanaka, PERSONAL, "example-consumer-chat")  # 例示市 keeps transcripts
    _check(sato, PERSONAL, "example-domestic-lgwan")  # 例示町 does not
    mine = tanaka.get("/history")
    assert mine.status_code == 200
    page = mine.text
    assert page.count("<tr>") == 2  # the header and one check
    assert "送信できません" in page and "example-consumer-chat" not in page  # the service's name
    assert "氏名 1件" in page and "電話番号 1件" in page and "PERSON_NAME" not in page
    assert "3.3「約款型サービスに入力できる情報」" in page  # the clause, with its title
    # The time in Japan time, as the record has it.
    with city.gateway.db.read() as s:
        rows = s.execute(select(CheckRecord)).scalars().all()
    (row,) = [r for r in rows if r.user_login == "c-tanaka"]
    ts = row.ts if row.ts.tzinfo else row.ts.replace(tzinfo=dt.UTC)
    assert ts >= before - dt.timedelta(seconds=1)
    local = ts.astimezone(JST)
    assert f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}" in page
    assert "日時（日本時間）" in page
    # 例示市 keeps transcripts: its author sees the text; nobody else does.
    assert "高橋 健一さん" in page
    for other in (suzuki, sato):
        seen = other.get("/history").text
        assert "高橋" not in seen and "090-1234" not in seen
    assert "まだ判定の記録はありません" in suzuki.get("/history").text
    town = sato.get("/history").text
    assert town.count("<tr>") == 2 and "伏字にすれば送信できます" in town
    assert "高橋" not in town  # 例示町 keeps no text
    # The record itself never holds the text or a found value.
    for r in rows:
        cells = " ".join(str(getattr(r, col.name)) for col in CheckRecord.__table__.columns)
        assert "高橋" not in cells and "090-1234" not in cells
    (town_row,) = [r for r in rows if r.user_login == "t-sato"]
    assert not town_row.kept and city.gateway.transcripts.get(town_row.request_id) is None
    # Nothing in the request chooses whose history is shown.
    assert "高橋" not in suzuki.get("/history", params={"login": "c-tanaka", "page": "1"}).text


def test_the_dashboard_counts_checks_in_its_own_scope(city: Running) -> None:
    tanaka, sato = sign_in(city.base_url, "c-tanaka"), sign_in(city.base_url, "t-sato")
    _check(tanaka, PERSONAL, "example-consumer-chat")
    _check(tanaka, "窓口の受付時間の案内文を作って", "example-domestic-lgwan")
    _check(sato, PERSONAL, "example-domestic-lgwan")
    caio = sign_in(city.base_url, "c-caio").get("/admin").text
    assert "直近30日 2 件" in caio and "入力前チェックの判定の内訳" in caio
    assert "拒否" in caio and "送信" in caio
    assert "直近30日 1 件" in sign_in(city.base_url, "t-caio").get("/admin").text
    # 利用管理者 of 税務課 see their own department's checks only (none).
    assert "直近30日 0 件" in sign_in(city.base_url, "c-kanri").get("/admin").text


def test_counts_are_by_japan_day_and_scope(tmp_path: Path) -> None:
    from hinagata.store import Scope

    db = Database(f"sqlite:///{tmp_path / 'k.db'}")
    db.migrate()
    store = CheckRecords(db)
    now = dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC)  # 12:00 JST
    for hours_ago, muni, dept, verdict in (
        (0, "例示市", "福祉課", "deny"),
        (4, "例示市", "税務課", "allow"),  # 08:00 JST the same day
        (14, "例示市", "福祉課", "allow"),  # 22:00 JST the day before
        (1, "例示町", "福祉課", "allow"),
    ):
        store.add(request_id=f"r{hours_ago}", municipality=muni, department=dept,
                  user_login="u", service="s", verdict=verdict,
                  ts=now - dt.timedelta(hours=hours_ago))  # fmt: skip
    city = store.counts(Scope("例示市", None), 7, now=now)
    assert city.per_day == {"2026-11-30": 1, "2026-12-01": 2}
    assert city.verdicts == {"deny": 1, "allow": 2} and city.total == 3
    welfare = store.counts(Scope("例示市", "福祉課"), 7, now=now)
    assert welfare.total == 2
    assert store.counts(Scope("例示市", None), 1, now=now).total == 2  # today only
    assert store.counts(Scope("例示町", None), 7, now=now).total == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_check_records_and_new_catalog_columns_on_each_backend(
    backend: str, tmp_path: Path
) -> None:
    for url in database_url(backend, tmp_path):
        db = Database(url)
        db.migrate()
        store = CaseCatalog(db)
        assert store.seed_starter()[0] == len(starter_cases())
        back = {e.uid: e for _i, e in store.search()}
        assert [back[e.uid] for e in starter_cases()] == list(starter_cases())
        checks = CheckRecords(db)
        checks.add(request_id="r1", municipality="例示市", department="福祉課",
                   user_login="c-tanaka", service="s", verdict="deny",
                   findings={"PERSON_NAME": 1}, clauses=["4.2"])  # fmt: skip
        rows, more = checks.mine(municipality="例示市", login="c-tanaka")
        assert [(r.verdict, dict(r.findings), r.clauses) for r in rows] == [
            ("deny", {"PERSON_NAME": 1}, ("4.2",))
        ] and not more
        assert checks.mine(municipality="例示町", login="c-tanaka") == ([], False)
        db.dispose()


def test_the_help_page_is_in_every_roles_header(city: Running) -> None:
    for login in ("c-tanaka", "c-kanri", "c-caio", "c-review"):
        c = sign_in(city.base_url, login)
        home = c.get("/").text
        assert '<a href="/help">ヘルプ</a>' in home and '<a href="/history">判定履歴</a>' in home
        page = c.get("/help")
        assert page.status_code == 200, login
        for words in ("送信できます", "伏字にすれば送信できます", "審査機関の許可が必要です",
                      "送信できません", "機密性3B", "WG基準適合", "攻撃の疑い", "よくある質問"):  # fmt: skip
            assert words in page.text, (login, words)
    anon = httpx.Client(base_url=city.base_url, follow_redirects=False, timeout=30)
    r = anon.get("/help")
    assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_in_the_browser_check_then_history_help_and_the_catalog_from_the_header(
    city: Running,
) -> None:
    from _browser import browser

    with browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 800})
        sign_in_page(page, city.base_url, "t-sato")
        page.goto(city.base_url + "/check")
        page.get_by_label("判定する文章").fill(PERSONAL)
        page.get_by_label("送信先のAIサービス").select_option("example-domestic-lgwan")
        page.get_by_role("button", name="判定する").click()
        page.wait_for_selector(".result")
        nav = page.get_by_role("navigation", name="メインメニュー")
        nav.get_by_role("link", name="判定履歴").click()
        page.wait_for_url("**/history")
        row = page.locator("table.history tbody tr")
        assert row.count() == 1
        assert "伏字にすれば送信できます" in row.inner_text() and "高橋" not in row.inner_text()
        nav.get_by_role("link", name="ヘルプ").click()
        page.wait_for_url("**/help")
        page.get_by_role("link", name="送信できないと言われたら").click()
        assert page.locator("#refused").is_visible()
        nav.get_by_role("link", name="事例").click()
        page.get_by_label("分野").select_option("welfare")
        page.get_by_label("団体の規模").select_option("prefecture")
        page.get_by_role("button", name="探す").click()
        page.wait_for_url("**field=welfare**")
        titles = page.locator("ul.cases h4").all_inner_texts()
        expected = [e.title for e in starter_cases()
                    if e.field == "welfare" and e.size_band == "prefecture"]  # fmt: skip
        assert sorted(titles) == sorted(expected)


def test_a_published_case_names_the_clauses_it_meets_and_its_source(city: Running) -> None:
    c = sign_in(city.base_url, "c-kanri")
    form = c.get("/catalog/new").text
    assert '<option value="4.9"' in form  # the clauses of the account's policy
    token = csrf_in(form)
    base = {"csrf": token, "title": "窓口案内の下書き", "field": "resident",
            "size_band": "50k_200k", "status": "recommended", "summary": "案内文を整えた"}  # fmt: skip
    wrong = c.post("/catalog/new", data={**base, "norm_clause_1": "4.99", "norm_how_1": "x"})
    assert wrong.status_code == 400 and "満たしている規定は" in wrong.text
    no_how = c.post("/catalog/new", data={**base, "norm_clause_1": "4.1"})
    assert no_how.status_code == 400 and 'value="窓口案内の下書き"' in no_how.text
    bad_url = c.post("/catalog/new", data={**base, "src_title": "報告", "src_publisher": "例示市",
                                           "src_url": "javascript:alert(1)"})  # fmt: skip
    assert bad_url.status_code == 400 and "http又はhttps" in bad_url.text
    ok = c.post("/catalog/new", data={**base, "norm_clause_1": "4.1", "norm_how_1": "公開情報だけ",
                                      "src_title": "窓口案内の改善", "src_publisher": "例示市",
                                      "src_date": "2025-07-02",
                                      "src_url": "https://www.example.lg.jp/report"})  # fmt: skip
    assert ok.status_code == 303, ok.text
    page = c.get(ok.headers["location"]).text
    assert "4.1「機密性の分類と入力の可否」" in page and "公開情報だけ" in page
    assert '<a href="https://www.example.lg.jp/report"' in page and "2025年7月2日" in page
    assert "全国共通の初期事例" not in page and "作成例（架空）" not in page
