"""事例: publish, search and filter, export and import (JSON and CSV) between
municipalities without duplicates, clear errors on bad files; in the browser too."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _browser import browser
from _gateway import Running, running_gateway
from _web import PASSWORD, csrf_at, csrf_in, sign_in, sign_in_page
from hinagata.governance import CaseEntry, CaseFileError, from_csv, from_json, to_csv, to_json
from hinagata.store import Accounts

CHALLENGING = {
    "title": "窓口の多言語案内",
    "field": "resident",
    "size_band": "10k_50k",
    "status": "challenging",
    "summary": "外国人住民向けに、窓口の案内文を生成AIで多言語化した。",
    "services": "国内LGWAN接続型サービス",
    "classes": "1",
    "concern_1": "誤訳により誤った案内をするおそれ",
    "mitigation_1": "職員と通訳者が公開前に確認する",
}


@pytest.fixture
def gw(tmp_path: Path) -> Iterator[Running]:
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}") as running:
        acc = Accounts(running.gateway.db)
        acc.create(
            login="admin1", password=PASSWORD, roles=["usage_admin"], department="情報政策課"
        )
        acc.create(login="staff1", password=PASSWORD, roles=["staff"], department="市民課")
        yield running


def test_publish_find_export_and_import_without_duplicates(gw: Running, tmp_path: Path) -> None:
    admin, staff = sign_in(gw.base_url, "admin1"), sign_in(gw.base_url, "staff1")
    token = csrf_at(admin, "/catalog/new")
    # A challenging case needs a mitigation for each concern; the form keeps what was typed.
    r = admin.post("/catalog/new", data={**CHALLENGING, "mitigation_1": "", "csrf": token})
    assert (
        r.status_code == 400 and "対策を書いてください" in r.text and "窓口の多言語案内" in r.text
    )
    r = admin.post("/catalog/new", data={**CHALLENGING, "csrf": token})
    assert r.status_code == 303
    r = admin.post("/catalog/new", data={"title": "議事録の要約", "field": "assembly",
                                         "size_band": "over_200k", "status": "recommended",
                                         "summary": "委員会の議事録を要約する。", "csrf": token})  # fmt: skip
    assert r.status_code == 303
    # Staff find it by field, size band and status; cannot publish.
    page = staff.get("/catalog", params={"field": "resident", "status": "challenging"}).text
    assert "窓口の多言語案内" in page and "議事録の要約" not in page
    assert staff.get("/catalog", params={"q": "議事録"}).text.count("議事録の要約") >= 1
    assert staff.get("/catalog/new").status_code == 403
    detail_url = re.search(r'href="(/catalog/\d+)">窓口の多言語案内', page).group(1)  # type: ignore[union-attr]
    detail = staff.get(detail_url).text
    assert "誤訳により誤った案内をするおそれ" in detail and "通訳者が公開前に確認" in detail
    # Export both ways; import into another municipality's installation, twice.
    js = staff.get("/catalog/export/json")
    assert 'filename="hinagata-cases.json"' in js.headers["content-disposition"]
    cs = staff.get("/catalog/export/csv")
    assert cs.text.startswith("\ufeff") and "窓口の多言語案内" in cs.text
    (tmp_path / "other").mkdir()
    with running_gateway(tmp_path / "other", f"sqlite:///{tmp_path / 'other.db'}") as other:
        Accounts(other.gateway.db).create(login="admin1", password=PASSWORD, roles=["reviewer"])
        o = sign_in(other.base_url, "admin1")
        page = o.get("/catalog").text
        for name, body in (("cases.json", js.content), ("cases.csv", cs.content)):
            r = o.post("/catalog/import", data={"csrf": csrf_in(page)},
                       files={"file": (name, body, "application/octet-stream")})  # fmt: skip
            assert r.status_code == 200, r.text
        assert "0件を追加しました（すでにある2件は飛ばしました）" in r.text
        assert o.get("/catalog").text.count('class="card"') >= 2
        # A broken file is refused with where and why, and adds nothing.
        bad = json.loads(js.content)
        bad["cases"][1]["status"] = "maybe"
        r = o.post("/catalog/import", data={"csrf": csrf_in(page)},
                   files={"file": ("bad.json", json.dumps(bad).encode(), "application/json")})  # fmt: skip
        assert r.status_code == 400 and "2件目" in r.text and "status" in r.text


def test_bad_exchange_files_name_the_problem() -> None:
    with pytest.raises(CaseFileError, match="JSON"):
        from_json("{not json")
    with pytest.raises(CaseFileError, match="形式"):
        from_json('{"cases": []}')
    with pytest.raises(CaseFileError, match="見出し"):
        from_csv("a,b\n1,2\n")
    with pytest.raises(CaseFileError, match="3行目"):
        from_csv(
            to_csv([])
            + 'abcdefgh1,t,welfare,under_10k,recommended,s,,,,,,,\n"only"\n'.lstrip("\ufeff")
        )


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(
    title=_text.filter(lambda s: s.strip() == s and s),
    summary=_text.filter(lambda s: s.strip() == s and s),
    concern=_text.filter(lambda s: "｜" not in s and s.strip() == s and s),
    mitigation=_text.filter(lambda s: "｜" not in s and s.strip() == s and s),
)
def test_export_then_import_gives_the_same_cases(
    title: str, summary: str, concern: str, mitigation: str
) -> None:
    entry = CaseEntry.model_validate({
        "title": title, "field": "welfare", "size_band": "prefecture", "status": "challenging",
        "summary": summary, "concerns": [{"concern": concern, "mitigation": mitigation}],
        "services": ["A"], "classes": ["2", "3C"]})  # fmt: skip
    assert from_json(to_json([entry])) == [entry]
    if "\r" not in title + summary + concern + mitigation and "\n" not in concern + mitigation:
        assert from_csv(to_csv([entry])) == [entry]


def test_in_the_browser_publish_a_case_and_find_it(gw: Running) -> None:
    with browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 800})
        sign_in_page(page, gw.base_url, "admin1")
        page.goto(gw.base_url + "/catalog/new")
        page.get_by_label("件名").fill("防災メールの文案作成")
        page.get_by_label("分野").select_option("disaster")
        page.get_by_label("団体の規模").select_option("under_10k")
        page.get_by_label("推奨", exact=True).check()
        page.get_by_label("概要（目的・使い方・効果）").fill(
            "避難情報のメール文案を作り、職員が確認して配信する。"
        )
        page.get_by_role("button", name="公開する").click()
        page.wait_for_url(re.compile(r".*/catalog/\d+$"))
        page.goto(gw.base_url + "/catalog")
        page.get_by_label("分野").select_option("disaster")
        page.get_by_label("団体の規模").select_option("under_10k")
        page.get_by_role("button", name="探す").click()
        assert page.get_by_role("link", name="防災メールの文案作成").is_visible()
