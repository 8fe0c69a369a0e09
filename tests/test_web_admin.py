"""管理: the dashboard's charts, audit search and export (never a raw value), the policy
and guideline download, the service catalog, users and keys — on SQLite and PostgreSQL
(the charts aggregate JSON in the database, differently per dialect)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import openai
import pytest

from _db import BACKENDS, database_url
from _gateway import Running, running_gateway
from _web import PASSWORD, csrf_at, post_sign_in, sign_in
from hinagata.store import Accounts

PERSONAL = "相談者 高橋 健一さん（電話 090-1234-5678）の記録を要約して"


@pytest.fixture(params=BACKENDS)
def gw(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Running]:
    for url in database_url(request.param, tmp_path):
        with running_gateway(tmp_path, url) as running:
            acc = Accounts(running.gateway.db)
            acc.create(login="caio", password=PASSWORD, roles=["admin"], department="情報政策課")
            acc.create(login="kanri", password=PASSWORD, roles=["usage_admin"], department="税務課")
            acc.create(login="staff", password=PASSWORD, roles=["staff"], department="市民課")
            for dept, model, text in (
                ("市民課", "wg", PERSONAL),  # allow_masked
                ("市民課", "consumer", PERSONAL),  # deny (4.2)
                ("税務課", "wg", "窓口の案内文を作って"),  # allow
            ):
                key = running.key(user=f"u-{dept}", department=dept)
                client = openai.OpenAI(
                    base_url=running.base_url + "/v1", api_key=key, max_retries=0
                )
                with contextlib.suppress(openai.PermissionDeniedError):
                    client.chat.completions.create(
                        model=model, messages=[{"role": "user", "content": text}]
                    )
            yield running


def test_dashboard_charts_come_from_the_audit_log(gw: Running) -> None:
    caio = sign_in(gw.base_url, "caio")
    page = caio.get("/admin").text
    assert "判定 3 件" in page
    assert page.count('<figure class="chart">') == 4
    for label in ("伏字で送信", "拒否", "送信", "市民課", "税務課", "4.2"):
        assert label in page, label
    assert "高橋" not in page and "090-1234-5678" not in page
    # 利用管理者 see their own department only.
    kanri = sign_in(gw.base_url, "kanri").get("/admin").text
    assert "判定 1 件" in kanri and "市民課" not in kanri
    assert sign_in(gw.base_url, "staff").get("/admin").status_code == 403


def test_audit_search_and_export_never_show_values(gw: Running) -> None:
    caio = sign_in(gw.base_url, "caio")
    page = caio.get("/admin/audit", params={"verdict": "deny"}).text
    assert page.count("<tr>") == 2  # header + one record
    # Finding types in words (氏名, not PERSON_NAME), times in Japan time.
    assert "氏名 1件" in page and "PERSON_NAME" not in page and "高橋" not in page
    assert "日時（日本時間）" in page
    csv = caio.get("/admin/audit/export", params={"days": 1})
    assert csv.status_code == 200 and csv.text.startswith("\ufeff")
    assert "allow_masked" in csv.text and "高橋" not in csv.text and "090-1234" not in csv.text
    assert sign_in(gw.base_url, "kanri").get("/admin/audit/export").status_code == 403


def test_policy_guideline_services_users(gw: Running) -> None:
    caio = sign_in(gw.base_url, "caio")
    policy = caio.get("/admin/policy").text
    assert "4.7 AIへの攻撃を含む入力" in policy
    doc = caio.get("/admin/guideline/docx")
    assert doc.status_code == 200 and doc.content[:2] == b"PK"
    # The national template alone names itself a template (a municipality's policy: 例示市_…).
    assert (
        "filename*=UTF-8''" + quote("生成AI利用ガイドライン（ひな型）.docx")
        in doc.headers["content-disposition"]
    )
    assert caio.get("/admin/guideline/exe").status_code == 404
    assert "国内LGWAN接続型" in caio.get("/services").text
    users = caio.get("/admin/users").text
    assert "kanri" in users and "u-市民課" in users
    # A 利用管理者 sees the accounts of their own department only (and no keys).
    mine = sign_in(gw.base_url, "kanri").get("/admin/users")
    assert mine.status_code == 200 and "kanri" in mine.text and "u-市民課" not in mine.text
    assert "市民課" not in mine.text.split("<h2>利用者</h2>")[1]
    assert sign_in(gw.base_url, "staff").get("/admin/users").status_code == 403


def test_finished_days_are_rolled_up_once_and_counted_with_today(tmp_path: Path) -> None:
    import datetime as dt

    from hinagata.store import AuditLog, Database
    from hinagata.store._rollup import ensure_rollups

    db = Database(f"sqlite:///{tmp_path / 'r.db'}")
    db.migrate()
    log = AuditLog(db, b"k" * 32)
    now = dt.datetime.now(dt.UTC)
    for days_ago, dept, verdict, clauses in (
        (3, "市民課", "deny", ["4.2"]),
        (3, "市民課", "allow", []),
        (1, "税務課", "review", ["4.2", "10.1"]),
        (0, "税務課", "allow_masked", ["4.1"]),
    ):
        log.append("decision", f"r{days_ago}{verdict}",
                   {"department": dept, "verdict": verdict, "clauses": clauses, "municipality": ""},
                   ts=now - dt.timedelta(days=days_ago))  # fmt: skip
    assert ensure_rollups(db) >= 3
    assert ensure_rollups(db) == 0  # finished days are never counted twice
    from sqlalchemy import func, select

    from hinagata.store._models import AuditDaily

    with db.read_conn() as conn:
        assert conn.execute(select(func.sum(AuditDaily.n))).scalar_one() == 3  # today is live
    assert log.verify().ok


def test_the_dashboard_adds_rolled_up_days_to_today(gw: Running) -> None:
    import datetime as dt

    gw.gateway.audit.append(
        "decision", "old-1",
        {"department": "市民課", "verdict": "deny", "clauses": ["4.5"], "municipality": "",
         "user": "x"},
        ts=dt.datetime.now(dt.UTC) - dt.timedelta(days=5),
    )  # fmt: skip
    caio = sign_in(gw.base_url, "caio")
    page = caio.get("/admin", params={"days": 7}).text
    assert "判定 4 件" in page and "4.5" in page
    assert "判定 3 件" in caio.get("/admin", params={"days": 1}).text


def test_administrators_add_and_disable_users_and_revoke_keys(gw: Running) -> None:
    caio = sign_in(gw.base_url, "caio")
    token = csrf_at(caio, "/admin/users")
    r = caio.post("/admin/users", data={"csrf": token, "login": "", "roles": []})
    assert r.status_code == 400 and "ログイン名を入力してください" in r.text
    r = caio.post("/admin/users", data={"csrf": token, "login": "newbie", "name": "新人",
                                        "department": "市民課", "roles": ["staff"], "trained": "1"})  # fmt: skip
    assert r.status_code == 200
    password = re.search(r'id="new-password" value="([^"]+)"', r.text).group(1)  # type: ignore[union-attr]
    newbie = httpx.Client(base_url=gw.base_url, follow_redirects=False, timeout=30)
    r = post_sign_in(newbie, "newbie", password)
    assert r.status_code == 303 and r.headers["location"].startswith("/password")
    # The initial password is changed first (tests/test_web_accounts.py has the rest).
    pt = csrf_at(newbie, "/password")
    r = newbie.post("/password", data={"csrf": pt, "current": password,
                                       "new": "newbie-own-pass-2026", "again": "newbie-own-pass-2026"})  # fmt: skip
    assert r.status_code == 303
    assert newbie.get("/check").status_code == 200
    accounts = Accounts(gw.gateway.db)
    newbie_id = accounts.get("newbie").id  # type: ignore[union-attr]
    r = caio.post(f"/admin/users/{newbie_id}/disable", data={"csrf": token})
    assert r.status_code == 200 and newbie.get("/check").status_code == 303
    caio_id = accounts.get("caio").id  # type: ignore[union-attr]
    assert caio.post(f"/admin/users/{caio_id}/disable", data={"csrf": token}).status_code == 400
    key, info = gw.gateway.keys.create(user="someone", department="市民課", trained=True)
    r = caio.post(f"/admin/keys/{info.id}/revoke", data={"csrf": token})
    assert r.status_code == 200 and gw.gateway.keys.lookup(key) is None
