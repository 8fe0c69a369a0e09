"""Accounts (issue 15, item 5): an initial password is changed before anything else;
administrators edit, reset, disable and re-enable accounts in the browser, 利用管理者 only
confirm the training of their own department (clause 2.2); 所属 comes from the policy's
departments; API keys are requested and approved by someone else (clause 2.5), or issued
by staff themselves where the policy uses the extension point for their department.

Two municipalities on one platform (examples/policies: 例示市 opens key self-service for
情報政策課, 例示町 does not), on SQLite and PostgreSQL. Every logins and names invented."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from _browser import browser
from _db import BACKENDS, database_url
from _gateway import Running, running_gateway
from _web import CITY, PASSWORD, PLATFORM, TOWN, csrf_at, sign_in
from hinagata._yaml import DataFileError
from hinagata.policy import load_policy
from hinagata.store import (
    OPERATOR,
    Accounts,
    KeyRequestError,
    KeyRequests,
    Keys,
    Scope,
)

SERVICE = "example-domestic-lgwan"


@pytest.fixture(scope="module", params=BACKENDS)
def gw(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Running]:
    tmp = tmp_path_factory.mktemp(f"accounts-{request.param}")
    for url in database_url(request.param, tmp):
        with running_gateway(tmp, url, extra=PLATFORM) as running:
            acc = Accounts(running.gateway.db)
            for login, m, dept, roles in (
                ("a-caio", CITY, "情報政策課", ["admin"]),
                ("a-kanri", CITY, "福祉課", ["usage_admin"]),
                ("a-kanri-tax", CITY, "税務課", ["usage_admin"]),
                ("a-ict", CITY, "情報政策課", ["staff"]),
                ("t-caio", TOWN, "情報政策課", ["admin"]),
                ("t-kanri", TOWN, "福祉課", ["usage_admin"]),
                ("t-ict", TOWN, "情報政策課", ["staff"]),
            ):
                acc.create(login=login, password=PASSWORD, municipality=m, department=dept,
                           roles=roles, trained=True, display_name=f"{login} 氏")  # fmt: skip
            CONFIGS[id(running)] = tmp / "gateway.yaml"
            yield running


#: The configuration file of each running gateway (for the CLI).
CONFIGS: dict[int, Path] = {}


def _client(gw: Running) -> httpx.Client:
    return httpx.Client(base_url=gw.base_url, follow_redirects=False, timeout=60)


def _login(gw: Running, login: str, password: str = PASSWORD) -> httpx.Client:
    return sign_in(gw.base_url, login, password)


def _staff(gw: Running, login: str, municipality: str = CITY, dept: str = "福祉課",
           **kw: Any) -> int:  # fmt: skip
    kw.setdefault("roles", ["staff"])
    kw.setdefault("trained", True)
    a = Accounts(gw.gateway.db).create(login=login, password=PASSWORD, municipality=municipality,
                                       department=dept, **kw)  # fmt: skip
    return a.id


def _events(gw: Running, event: str, target: str) -> list[dict[str, Any]]:
    return [e.data for e in gw.gateway.audit.entries() if e.kind == "account"
            and e.data.get("event") == event and e.data.get("target") == target]  # fmt: skip


def _add(gw: Running, admin: httpx.Client, login: str, **form: Any) -> str:
    """An account added by ``admin`` on the users page; its initial password."""
    data = {"csrf": csrf_at(admin, "/admin/users"), "login": login, "name": f"{login} 氏",
            "department": "福祉課", "roles": ["staff"], "trained": "1", **form}  # fmt: skip
    r = admin.post("/admin/users", data=data)
    assert r.status_code == 200, r.text
    return re.search(r'id="new-password" value="([^"]+)"', r.text).group(1)  # type: ignore[union-attr]


# ---------------------------------------------------------------------- the initial password


def test_an_initial_password_is_changed_before_any_other_page_or_the_api_keys(gw: Running) -> None:
    caio = _login(gw, "a-caio")
    initial = _add(gw, caio, "p-newbie")
    c = _login(gw, "p-newbie", initial)
    for path in ("/", "/check", "/keys", "/chat", "/usecases", "/catalog", "/services"):
        r = c.get(path)
        assert r.status_code == 303, path
        assert r.headers["location"].startswith("/password?next="), path
    page = c.get("/password")
    assert page.status_code == 200 and "初期パスワードのままです" in page.text
    token = csrf_at(c, "/password")
    # Nothing acts meanwhile: no key request, no chat through the gateway.
    r = c.post("/keys", data={"csrf": token, "purpose": "試し", "service": SERVICE})
    assert r.status_code == 303 and KeyRequests(gw.gateway.db).for_user("p-newbie") == []
    r = c.post("/chat/send", json={"model": "wg", "messages": []}, headers={"x-csrf-token": token})
    assert r.status_code == 403 and r.json()["error"]["code"] == "password_change_required"
    # The same password again is no change; a wrong current one is refused.
    r = c.post("/password", data={"csrf": token, "current": initial, "new": initial,
                                  "again": initial, "next": "/keys"})  # fmt: skip
    assert r.status_code == 400 and "今と同じパスワードは使えません" in r.text
    r = c.post("/password", data={"csrf": token, "current": "wrong-password-1", "new": "p-own-2026-pass",
                                  "again": "p-own-2026-pass"})  # fmt: skip
    assert r.status_code == 400 and "今のパスワードが違います" in r.text
    assert c.get("/check").status_code == 303
    # Another site's form cannot change it (no token).
    r = c.post(
        "/password",
        data={"current": initial, "new": "evil-chosen-pass", "again": "evil-chosen-pass"},
    )
    assert r.status_code == 400
    r = c.post("/password", data={"csrf": token, "current": initial, "new": "p-own-2026-pass",
                                  "again": "p-own-2026-pass", "next": "/keys"})  # fmt: skip
    assert r.status_code == 303 and r.headers["location"] == "/keys"
    assert c.get("/keys").status_code == 200 and c.get("/check").status_code == 200
    assert _events(gw, "account.password_changed", "p-newbie")[0]["initial"] is True
    # The next sign-in goes where it was going; the initial password works no more.
    assert Accounts(gw.gateway.db).authenticate("p-newbie", initial) is None
    again = _login(gw, "p-newbie", "p-own-2026-pass")
    assert again.get("/check").status_code == 200


def test_the_cli_adds_resets_and_decides_like_the_pages(gw: Running) -> None:
    """CLI parity: an added or reset account has an initial password; the operator
    approves or rejects requests (the key is still collected by the requester, once)."""
    from typer.testing import CliRunner

    from hinagata.cli import app

    cfg = ["--config", str(CONFIGS[id(gw)])]
    run = CliRunner()
    r = run.invoke(app, ["users", "add", "--login", "cli-mori", "--municipality", CITY,
                         "--department", "福祉課", "--generate-password", *cfg])  # fmt: skip
    assert r.exit_code == 0, r.output
    first = r.output.strip().splitlines()[-1]
    assert Accounts(gw.gateway.db).authenticate("cli-mori", first).must_change_password  # type: ignore[union-attr]
    accounts = Accounts(gw.gateway.db)
    accounts.change_own_password("cli-mori", first, "mori-own-pass-2026")
    r = run.invoke(app, ["users", "reset", "cli-mori", *cfg])
    assert r.exit_code == 0, r.output
    again = r.output.strip().splitlines()[-1]
    assert accounts.authenticate("cli-mori", "mori-own-pass-2026") is None
    assert accounts.authenticate("cli-mori", again).must_change_password  # type: ignore[union-attr]
    assert _events(gw, "account.reset", "cli-mori")[0]["user"] == "operator"
    assert run.invoke(app, ["users", "reset", "cli-nobody", *cfg]).exit_code != 0
    mori = accounts.get("cli-mori")
    assert mori is not None
    reqs = KeyRequests(gw.gateway.db)
    one = reqs.request(mori, purpose="CLIで承認", service=SERVICE)
    two = reqs.request(mori, purpose="CLIで却下", service=SERVICE)
    listed = run.invoke(app, ["keys", "requests", *cfg])
    assert "CLIで承認" in listed.output and "CLIで却下" in listed.output
    assert run.invoke(app, ["keys", "reject", str(two.id), *cfg]).exit_code != 0  # no reason
    r = run.invoke(app, ["keys", "reject", str(two.id), "--reason", "目的が不明確", *cfg])
    assert r.exit_code == 0, r.output
    r = run.invoke(app, ["keys", "approve", str(one.id), *cfg])
    assert r.exit_code == 0 and "hg_" not in r.output, r.output
    assert run.invoke(app, ["keys", "approve", str(one.id), *cfg]).exit_code != 0  # decided
    assert [x.status for x in reqs.for_user("cli-mori")] == ["rejected", "approved"]
    got = reqs.collect(one.id, mori)
    assert got is not None and gw.gateway.keys.lookup(got[0]) is not None


# ---------------------------------------------------------------------- administrators


def test_an_administrator_edits_an_account_with_a_department_of_the_policy(gw: Running) -> None:
    caio = _login(gw, "a-caio")
    uid = _staff(gw, "e-sato", trained=False)
    page = caio.get(f"/admin/users/{uid}")
    assert page.status_code == 200
    # 所属 is a select of the policy's departments (例示市's, not the national template's).
    select = page.text.split('<select id="department"')[1].split("</select>")[0]
    assert "子育て支援課" in select and "福祉課" in select and "上下水道課" not in select
    token = csrf_at(caio, "/admin/users")
    form = {"csrf": token, "name": "佐藤 次郎", "department": "子育て支援課",
            "roles": ["staff", "reviewer"], "trained": "1"}  # fmt: skip
    # Free text that is not a department of the policy is refused, nothing changes.
    r = caio.post(f"/admin/users/{uid}", data={**form, "department": "架空課"})
    assert r.status_code == 400 and "所属を一覧から選んでください" in r.text
    before = Accounts(gw.gateway.db).get("e-sato")
    assert before is not None and before.department == "福祉課" and not before.trained
    key, _info = gw.gateway.keys.create(user="e-sato", department="福祉課", municipality=CITY)
    r = caio.post(f"/admin/users/{uid}", data=form)
    assert r.status_code == 200 and "e-sato を変更しました" in r.text
    after = Accounts(gw.gateway.db).get("e-sato")
    assert after is not None
    assert (after.display_name, after.department, after.roles, after.trained) == (
        "佐藤 次郎", "子育て支援課", ("staff", "reviewer"), True)  # fmt: skip
    # Its key acts as the account now does.
    k = gw.gateway.keys.lookup(key)
    assert k.department == "子育て支援課" and k.trained and k.roles == ("staff", "reviewer")
    (ev,) = _events(gw, "account.edited", "e-sato")
    assert ev["user"] == "a-caio" and ev["municipality"] == CITY
    assert ev["changes"]["department"] == ["福祉課", "子育て支援課"]
    # The administrator cannot take away their own administrator role.
    me = Accounts(gw.gateway.db).get("a-caio")
    assert me is not None
    r = caio.post(f"/admin/users/{me.id}", data={**form, "department": "情報政策課"})
    assert r.status_code == 400 and "自分自身の管理者の役割は外せません" in r.text
    assert Accounts(gw.gateway.db).get("a-caio").roles == ("admin",)  # type: ignore[union-attr]


def test_a_department_outside_the_list_is_kept_but_never_chosen(gw: Running) -> None:
    """An account made before the list (free text) keeps its 所属 when edited; it is
    never lost, and no other account can be given it."""
    caio = _login(gw, "a-caio")
    uid = _staff(gw, "e-legacy", dept="旧・市民相談室")
    token = csrf_at(caio, "/admin/users")
    r = caio.post(f"/admin/users/{uid}", data={"csrf": token, "name": "旧所属の職員",
                  "department": "旧・市民相談室", "roles": ["staff"], "trained": "1"})  # fmt: skip
    assert r.status_code == 200
    assert Accounts(gw.gateway.db).get("e-legacy").department == "旧・市民相談室"  # type: ignore[union-attr]
    other = _staff(gw, "e-other")
    r = caio.post(f"/admin/users/{other}", data={"csrf": token, "name": "x",
                  "department": "旧・市民相談室", "roles": ["staff"]})  # fmt: skip
    assert r.status_code == 400
    assert _add_refused(gw, caio, "e-new", "旧・市民相談室")


def _add_refused(gw: Running, admin: httpx.Client, login: str, department: str) -> bool:
    r = admin.post("/admin/users", data={"csrf": csrf_at(admin, "/admin/users"), "login": login,
                                         "department": department, "roles": ["staff"]})  # fmt: skip
    return r.status_code == 400 and Accounts(gw.gateway.db).get(login) is None


def test_reset_shows_a_one_time_password_and_ends_the_sessions(gw: Running) -> None:
    caio = _login(gw, "a-caio")
    uid = _staff(gw, "r-kato")
    kato = _login(gw, "r-kato")
    assert kato.get("/check").status_code == 200
    token = csrf_at(caio, "/admin/users")
    r = caio.post(f"/admin/users/{uid}/reset", data={"csrf": token})
    assert r.status_code == 200 and "今だけ表示されます" in r.text
    new = re.search(r'id="new-password" value="([^"]+)"', r.text).group(1)  # type: ignore[union-attr]
    assert new not in caio.get("/admin/users").text  # shown once
    assert new not in str([e.data for e in gw.gateway.audit.entries()])  # never recorded
    assert kato.get("/check").status_code == 303  # the old session ended
    assert Accounts(gw.gateway.db).authenticate("r-kato", PASSWORD) is None
    fresh = _login(gw, "r-kato", new)
    assert fresh.get("/check").headers["location"].startswith("/password")
    assert _events(gw, "account.reset", "r-kato")[0]["user"] == "a-caio"
    # The administrator's audit export holds it (who, on whom), never the password.
    export = caio.get("/admin/audit/export", params={"days": 1}).text
    rows = [r for r in csv.DictReader(io.StringIO(export.lstrip("\ufeff")))
            if r["event"] == "account.reset" and r["target"] == "r-kato"]  # fmt: skip
    assert [(r["kind"], r["user"], r["municipality"]) for r in rows] == [
        ("account", "a-caio", CITY)
    ]
    assert new not in export
    assert "r-kato" not in _login(gw, "t-caio").get("/admin/audit/export", params={"days": 1}).text


def test_disable_revokes_the_keys_and_re_enable_does_not_bring_them_back(gw: Running) -> None:
    caio = _login(gw, "a-caio")
    uid = _staff(gw, "d-ito")
    key = gw.key(user="d-ito", department="福祉課", municipality=CITY)
    client = openai.OpenAI(base_url=gw.base_url + "/v1", api_key=key, max_retries=0)
    msg = [{"role": "user", "content": "窓口の案内文を作って"}]
    assert client.chat.completions.create(model="wg", messages=msg).choices
    token = csrf_at(caio, "/admin/users")
    r = caio.post(f"/admin/users/{uid}/disable", data={"csrf": token})
    assert r.status_code == 200 and "APIキーは無効になりました" in r.text
    with pytest.raises(openai.AuthenticationError):
        client.chat.completions.create(model="wg", messages=msg)
    r = caio.post(f"/admin/users/{uid}/enable", data={"csrf": token})
    assert r.status_code == 200 and "再び有効にしました" in r.text
    assert _login(gw, "d-ito").get("/check").status_code == 200
    assert gw.gateway.keys.lookup(key) is None
    assert [e["user"] for e in _events(gw, "account.disabled", "d-ito")] == ["a-caio"]
    assert [e["user"] for e in _events(gw, "account.enabled", "d-ito")] == ["a-caio"]


def test_another_municipality_s_user_id_in_the_url_touches_nothing(gw: Running) -> None:
    town = _login(gw, "t-caio")
    uid = _staff(gw, "x-city-only", trained=False)
    token = csrf_at(town, "/admin/users")
    assert "x-city-only" not in town.get("/admin/users").text
    assert town.get(f"/admin/users/{uid}").status_code == 404
    form = {
        "csrf": token,
        "name": "乗っ取り",
        "department": "福祉課",
        "roles": ["admin"],
        "trained": "1",
    }
    for path in (f"/admin/users/{uid}", f"/admin/users/{uid}/reset", f"/admin/users/{uid}/disable",
                 f"/admin/users/{uid}/enable"):  # fmt: skip
        r = town.post(path, data=form)
        assert r.status_code == 404, path
        assert "x-city-only" not in r.text
    a = Accounts(gw.gateway.db).get("x-city-only")
    assert a is not None and a.roles == ("staff",) and a.active and not a.trained
    assert not a.must_change_password and Accounts(gw.gateway.db).authenticate(
        "x-city-only", PASSWORD
    )
    for too_large in (2**31, 99999999999):
        assert town.get(f"/admin/users/{too_large}").status_code == 404
        assert town.post(f"/keys/approvals/{too_large}", data={"csrf": token}).status_code == 404


def test_every_change_needs_the_session_s_token(gw: Running) -> None:
    caio = _login(gw, "a-caio")
    uid = _staff(gw, "c-token", trained=False)
    form = {
        "csrf": "forged",
        "name": "x",
        "department": "福祉課",
        "roles": ["admin"],
        "trained": "1",
    }
    for path in (f"/admin/users/{uid}", f"/admin/users/{uid}/reset", f"/admin/users/{uid}/disable"):
        assert caio.post(path, data=form).status_code == 400, path
        assert (
            caio.post(path, data={k: v for k, v in form.items() if k != "csrf"}).status_code == 400
        )
    a = Accounts(gw.gateway.db).get("c-token")
    assert a is not None and a.roles == ("staff",) and a.active and not a.trained
    assert Accounts(gw.gateway.db).authenticate("c-token", PASSWORD) is not None


# ---------------------------------------------------------------------- 利用管理者 (clause 2.2)


def test_a_usage_admin_confirms_training_in_their_department_only(gw: Running) -> None:
    kanri = _login(gw, "a-kanri")  # 福祉課
    mine = _staff(gw, "u-mine", trained=False)
    other = _staff(gw, "u-other-dept", dept="税務課", trained=False)
    page = kanri.get("/admin/users").text
    assert "u-mine" in page and "u-other-dept" not in page and "利用者を追加する" not in page
    token = csrf_at(kanri, "/admin/users")
    # Roles, name and 所属 in the form change nothing: only the training is theirs.
    r = kanri.post(f"/admin/users/{mine}", data={"csrf": token, "trained": "1", "roles": ["admin"],
                   "department": "税務課", "name": "改名"})  # fmt: skip
    assert r.status_code == 200
    a = Accounts(gw.gateway.db).get("u-mine")
    assert a is not None and a.trained and a.roles == ("staff",) and a.department == "福祉課"
    assert a.display_name == "u-mine"
    assert (
        kanri.post(f"/admin/users/{other}", data={"csrf": token, "trained": "1"}).status_code == 404
    )
    assert not Accounts(gw.gateway.db).get("u-other-dept").trained  # type: ignore[union-attr]
    # Not their own training, no reset, no disabling, no new accounts.
    me = Accounts(gw.gateway.db).get("a-kanri")
    assert me is not None
    r = kanri.post(f"/admin/users/{me.id}", data={"csrf": token})
    assert r.status_code == 400 and Accounts(gw.gateway.db).get("a-kanri").trained  # type: ignore[union-attr]
    for path in (f"/admin/users/{mine}/reset", f"/admin/users/{mine}/disable"):
        assert kanri.post(path, data={"csrf": token}).status_code == 403
    r = kanri.post("/admin/users", data={"csrf": token, "login": "u-sneaky", "department": "福祉課",
                                         "roles": ["admin"]})  # fmt: skip
    assert r.status_code == 403 and Accounts(gw.gateway.db).get("u-sneaky") is None
    assert Accounts(gw.gateway.db).get("u-mine").active  # type: ignore[union-attr]


# ---------------------------------------------------------------------- API keys (clause 2.5)


def test_staff_request_a_key_the_usage_admin_approves_and_only_the_requester_sees_it(
    gw: Running,
) -> None:
    _staff(gw, "k-yamada")
    _staff(gw, "k-colleague")
    staff = _login(gw, "k-yamada")
    token = csrf_at(staff, "/keys")
    page = staff.get("/keys").text
    assert "キーを申請する" in page and "キーを発行する" not in page
    r = staff.post("/keys", data={"csrf": token, "purpose": "", "service": "no-such-service"})
    assert r.status_code == 400 and "利用目的を入力してください" in r.text
    assert "サービスを一覧から選んでください" in r.text
    r = staff.post(
        "/keys", data={"csrf": token, "purpose": "議事録の要約ツール", "service": SERVICE}
    )
    assert r.status_code == 200 and "申請しました" in r.text and 'id="new-key"' not in r.text
    (req,) = KeyRequests(gw.gateway.db).for_user("k-yamada")
    assert req.status == "pending" and gw.gateway.keys.for_user("k-yamada") == []
    # Not collectable before approval; a colleague cannot collect or withdraw it.
    assert staff.post(f"/keys/requests/{req.id}/collect", data={"csrf": token}).status_code == 404
    colleague = _login(gw, "k-colleague")
    ct = csrf_at(colleague, "/keys")
    assert colleague.post(f"/keys/requests/{req.id}/withdraw", data={"csrf": ct}).status_code == 404
    # Staff cannot approve; another department's 利用管理者 and another municipality's
    # administrator do not find it.
    assert staff.get("/keys/approvals").status_code == 403
    assert (
        staff.post(
            f"/keys/approvals/{req.id}", data={"csrf": token, "decision": "approve"}
        ).status_code
        == 403
    )
    for login in ("a-kanri-tax", "t-caio", "t-kanri"):
        c = _login(gw, login)
        assert "議事録の要約ツール" not in c.get("/keys/approvals").text, login
        r = c.post(
            f"/keys/approvals/{req.id}", data={"csrf": csrf_at(c, "/keys"), "decision": "approve"}
        )
        assert r.status_code == 404, login
    assert KeyRequests(gw.gateway.db).for_user("k-yamada")[0].status == "pending"
    # The department's 利用管理者: a forged form changes nothing, then approves.
    kanri = _login(gw, "a-kanri")
    queue = kanri.get("/keys/approvals").text
    assert "議事録の要約ツール" in queue and "k-yamada 氏" not in queue  # name shown: the account's
    assert (
        kanri.post(
            f"/keys/approvals/{req.id}", data={"csrf": "x", "decision": "approve"}
        ).status_code
        == 400
    )
    kt = csrf_at(kanri, "/keys")
    r = kanri.post(f"/keys/approvals/{req.id}", data={"csrf": kt, "decision": "approve"})
    assert r.status_code == 200 and "承認しました" in r.text and "hg_" not in r.text
    assert gw.gateway.keys.for_user("k-yamada") == []  # made only when collected
    assert colleague.post(f"/keys/requests/{req.id}/collect", data={"csrf": ct}).status_code == 404
    # Another site's form cannot collect it into the requester's page.
    forged = staff.post(f"/keys/requests/{req.id}/collect", data={"csrf": "forged"})
    assert forged.status_code == 400 and 'id="new-key"' not in forged.text
    assert gw.gateway.keys.for_user("k-yamada") == []
    r = staff.post(f"/keys/requests/{req.id}/collect", data={"csrf": token})
    key = re.search(r'id="new-key" value="([^"]+)"', r.text).group(1)  # type: ignore[union-attr]
    info = gw.gateway.keys.lookup(key)
    assert info is not None and info.user == "k-yamada" and info.municipality == CITY
    # Once only.
    r = staff.post(f"/keys/requests/{req.id}/collect", data={"csrf": token})
    assert r.status_code == 404 and key not in r.text and key not in staff.get("/keys").text
    assert len(gw.gateway.keys.for_user("k-yamada")) == 1
    assert key not in str([e.data for e in gw.gateway.audit.entries()])
    for event in ("key.requested", "key.approved", "key.collected"):
        assert _events(gw, event, "k-yamada"), event
    client = openai.OpenAI(base_url=gw.base_url + "/v1", api_key=key, max_retries=0)
    assert client.chat.completions.create(
        model="wg", messages=[{"role": "user", "content": "窓口の案内文を作って"}]
    ).choices


def test_nobody_approves_their_own_request_and_a_rejection_says_why(gw: Running) -> None:
    kanri = _login(gw, "a-kanri")
    kt = csrf_at(kanri, "/keys")
    purpose = "自分用の検証<script>alert(1)</script>"
    r = kanri.post("/keys", data={"csrf": kt, "purpose": purpose, "service": SERVICE})
    assert r.status_code == 200
    (own,) = KeyRequests(gw.gateway.db).for_user("a-kanri")
    queue = kanri.get("/keys/approvals").text
    assert "あなた自身の申請です" in queue
    assert "<script>alert(1)</script>" not in queue and "&lt;script&gt;" in queue
    r = kanri.post(f"/keys/approvals/{own.id}", data={"csrf": kt, "decision": "approve"})
    assert r.status_code == 400 and "自分の申請は承認も却下もできません" in r.text
    assert KeyRequests(gw.gateway.db).for_user("a-kanri")[0].status == "pending"
    # The administrator decides it; a rejection needs a reason, which the requester sees.
    caio = _login(gw, "a-caio")
    ct = csrf_at(caio, "/keys")
    r = caio.post(f"/keys/approvals/{own.id}", data={"csrf": ct, "decision": "reject"})
    assert r.status_code == 400 and "却下の理由を入力してください" in r.text
    r = caio.post(f"/keys/approvals/{own.id}", data={"csrf": ct, "decision": "reject",
                                                     "reason": "検証環境のキーを使ってください"})  # fmt: skip
    assert r.status_code == 200 and "却下しました" in r.text
    assert "検証環境のキーを使ってください" in kanri.get("/keys").text
    assert kanri.post(f"/keys/requests/{own.id}/collect", data={"csrf": kt}).status_code == 404
    r = caio.post(f"/keys/approvals/{own.id}", data={"csrf": ct, "decision": "approve"})
    assert r.status_code == 400 and "既に" in r.text
    (ev,) = _events(gw, "key.rejected", "a-kanri")
    assert ev["user"] == "a-caio" and ev["reason"] == "検証環境のキーを使ってください"


def test_self_service_only_where_the_policy_uses_the_extension_point(gw: Running) -> None:
    """例示市 uses EP-2.5-key-self-service for 情報政策課; 例示町 does not."""
    city = _login(gw, "a-ict")
    r = city.post(
        "/keys", data={"csrf": csrf_at(city, "/keys"), "purpose": "連携の検証", "service": SERVICE}
    )
    assert r.status_code == 200 and 'id="new-key"' in r.text
    assert KeyRequests(gw.gateway.db).for_user("a-ict") == []
    assert _events(gw, "key.issued", "a-ict")[0]["self_service"] is True
    town = _login(gw, "t-ict")
    assert "キーを発行する" not in town.get("/keys").text
    r = town.post(
        "/keys", data={"csrf": csrf_at(town, "/keys"), "purpose": "連携の検証", "service": SERVICE}
    )
    assert r.status_code == 200 and 'id="new-key"' not in r.text and "申請しました" in r.text
    assert gw.gateway.keys.for_user("t-ict") == []


# ---------------------------------------------------------------------- the store


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    from hinagata.store import Database

    for url in database_url(request.param, tmp_path):
        database = Database(url)
        database.migrate()
        yield database
        database.engine.dispose()


def test_store_requests_are_decided_in_scope_once_and_collected_once(db: Any) -> None:
    acc = Accounts(db)
    staff = acc.create(login="s-staff", password=PASSWORD, municipality=CITY, department="福祉課",
                       trained=True)  # fmt: skip
    reqs = KeyRequests(db)
    r = reqs.request(staff, purpose="要約", service=SERVICE)
    welfare = Scope(CITY, "福祉課", login="s-kanri", roles=("usage_admin",))
    tax = Scope(CITY, "税務課", login="s-kanri-tax", roles=("usage_admin",))
    town = Scope(TOWN, None, login="s-town", roles=("admin",))
    for scope in (tax, town):
        with pytest.raises(KeyRequestError, match="見つかりません"):
            reqs.decide(r.id, scope=scope, approve=True)
    with pytest.raises(KeyRequestError, match="自分の申請"):
        reqs.decide(r.id, scope=Scope(CITY, None, login="s-staff"), approve=True)
    assert reqs.collect(r.id, staff) is None
    assert reqs.decide(r.id, scope=welfare, approve=True).decided_by == "s-kanri"
    with pytest.raises(KeyRequestError, match="既に"):
        reqs.decide(r.id, scope=welfare, approve=False, reason="やはり")
    other = acc.create(login="s-other", password=PASSWORD, municipality=CITY, department="福祉課")
    assert reqs.collect(r.id, other) is None
    got = reqs.collect(r.id, staff)
    assert got is not None and Keys(db).lookup(got[0]) is not None
    assert reqs.collect(r.id, staff) is None
    assert reqs.in_scope(welfare, status=None)[0].status == "issued"
    assert reqs.in_scope(tax, status=None) == [] and reqs.in_scope(town, status=None) == []
    for _ in range(5):
        reqs.request(staff, purpose="多数", service=SERVICE)
    with pytest.raises(KeyRequestError, match="承認待ち"):
        reqs.request(staff, purpose="多すぎる", service=SERVICE)


def test_store_accounts_reset_update_disable_enable_in_scope(db: Any) -> None:
    acc = Accounts(db)
    a = acc.create(login="s-kimura", password=PASSWORD, municipality=CITY, department="福祉課",
                   trained=True)  # fmt: skip
    key, _ = Keys(db).create(user="s-kimura", department="福祉課", municipality=CITY, trained=True)
    town = Scope(TOWN, None, roles=("admin",))
    assert acc.reset_password("s-kimura", scope=town) is None
    assert acc.update("s-kimura", scope=town, trained=False) is None
    assert not acc.disable("s-kimura", scope=town) and not acc.enable("s-kimura", scope=town)
    assert acc.by_id_in(a.id, town) is None
    assert acc.authenticate("s-kimura", PASSWORD) is not None
    token = acc.start_session(a)
    city = Scope(CITY, None, roles=("admin",))
    new = acc.reset_password("s-kimura", scope=city)
    assert new and acc.session(token) is None
    changed = acc.authenticate("s-kimura", new)
    assert changed is not None and changed.must_change_password
    with pytest.raises(Exception, match="今と同じ"):
        acc.change_own_password("s-kimura", new, new)
    acc.change_own_password("s-kimura", new, "s-kimura-own-pass")
    assert not acc.get("s-kimura").must_change_password  # type: ignore[union-attr]
    acc.update("s-kimura", scope=city, department="市民課", trained=False)
    assert Keys(db).lookup(key).department == "市民課"  # type: ignore[union-attr]
    assert not Keys(db).lookup(key).trained  # type: ignore[union-attr]
    open_request = KeyRequests(db).request(acc.get("s-kimura"), purpose="停止前", service=SERVICE)  # type: ignore[arg-type]
    KeyRequests(db).decide(open_request.id, scope=OPERATOR, approve=True)
    assert acc.disable("s-kimura", scope=city) and Keys(db).lookup(key) is None
    # An approval made before the disabling cannot be collected after re-enabling.
    assert KeyRequests(db).for_user("s-kimura")[0].status == "withdrawn"
    assert acc.enable("s-kimura", scope=city) and not acc.enable("s-kimura", scope=city)
    assert acc.get("s-kimura").active and Keys(db).lookup(key) is None  # type: ignore[union-attr]
    assert KeyRequests(db).collect(open_request.id, acc.get("s-kimura")) is None  # type: ignore[arg-type]


def test_store_a_directory_account_gets_no_local_password(db: Any) -> None:
    """A reset would give an account of the city's directory a second way in."""
    acc = Accounts(db)
    a = acc.sign_in_external(subject="https://op.example|sub-1", login="s-dir", display_name="庁内 太郎",
                             department="福祉課", municipality=CITY, roles=["staff"], trained=True)  # fmt: skip
    with pytest.raises(Exception, match="パスワードがありません"):
        acc.reset_password(a.login)
    assert acc.authenticate("s-dir", "") is None and not acc.get("s-dir").must_change_password  # type: ignore[union-attr]


def test_store_an_approved_key_is_collected_once_even_at_the_same_moment(db: Any) -> None:
    """Eight collections of one approved request at once (a double click, two tabs, an
    attacker with the session): exactly one key is made."""
    from concurrent.futures import ThreadPoolExecutor

    staff = Accounts(db).create(login="s-race", password=PASSWORD, municipality=CITY,
                                department="福祉課", trained=True)  # fmt: skip
    reqs = KeyRequests(db)
    r = reqs.request(staff, purpose="同時", service=SERVICE)
    reqs.decide(r.id, scope=OPERATOR, approve=True)
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda _: _collect_quietly(reqs, r.id, staff), range(8)))
    assert sum(g is not None for g in got) == 1
    assert len(Keys(db).for_user("s-race")) == 1


def _collect_quietly(reqs: KeyRequests, request_id: int, who: Any) -> Any:
    """A collection that lost the race may also fail with a serialisation error: either
    way it gets no key."""
    try:
        return reqs.collect(request_id, who)
    except Exception:
        return None


# ---------------------------------------------------------------------- the policy


def _layer(tmp: Path, name: str, text: str) -> Path:
    d = tmp / name
    d.mkdir(parents=True, exist_ok=True)
    (d / "policy.yaml").write_text(text, encoding="utf-8")
    return d


def _municipality(extra: str = "", meta: str = "") -> str:
    return ("layer: {id: m, name: 試験市, level: municipality, version: '1', municipality: 試験市,"
            f" extends: national{meta}}}\n{extra}")  # fmt: skip


DEPARTMENT = ("layer: {id: d, name: 試験市 福祉課, level: department, version: '1',"
              " municipality: 試験市, department: 福祉課, extends: ../..}\n")  # fmt: skip


def test_the_key_option_and_the_departments_follow_the_layering_rules(tmp_path: Path) -> None:
    # A municipality layer lists its own departments and opens self-service for one.
    city = _layer(tmp_path, "city", _municipality(
        "organisation: {departments: [総務課, 福祉課]}\n"
        "extensions:\n  - {point: EP-2.5-key-self-service, id: X-k, departments: [総務課]}\n"))  # fmt: skip
    p = load_policy(city)
    assert p.departments == ("総務課", "福祉課")
    assert p.self_service_keys("総務課") and not p.self_service_keys("福祉課")
    assert not p.self_service_keys("")
    # Without a use of the extension point nothing is self-service (the national default),
    # and the national template's departments apply.
    plain = load_policy(_layer(tmp_path, "plain", _municipality()))
    assert not plain.self_service_keys("総務課") and "上下水道課" in plain.departments
    # Only the national layer opens a setting; the point cannot be bound by services.
    opened = _municipality(
        "chapters:\n  - id: M\n    clauses:\n      - id: M-1\n        title: 試し\n"
        "        extension_points:\n          - {id: EP-M-keys, title: 自己発行, "
        "setting: api_key_self_service, bind: [departments]}\n")  # fmt: skip
    with pytest.raises(DataFileError, match="国のひな型だけ"):
        load_policy(_layer(tmp_path, "opened", opened))
    by_service = _municipality(
        f"extensions:\n  - {{point: EP-2.5-key-self-service, id: X-s, services: [{SERVICE}]}}\n"
    )
    with pytest.raises(DataFileError, match="services"):
        load_policy(_layer(tmp_path, "by-service", by_service))
    # A department layer neither lists departments nor opens self-service for another.
    m = _layer(tmp_path, "m", _municipality(meta=", departments: [departments/w]"))
    _layer(m / "departments", "w", DEPARTMENT + "organisation: {departments: [福祉課]}\n")
    with pytest.raises(DataFileError, match="所属の一覧"):
        load_policy(m)
    _layer(m / "departments", "w", DEPARTMENT + (
        "extensions:\n  - {point: EP-2.5-key-self-service, id: X-d, departments: [総務課]}\n"))  # fmt: skip
    with pytest.raises(DataFileError, match="自所属"):
        load_policy(m)
    _layer(m / "departments", "w", DEPARTMENT + (
        "extensions:\n  - {point: EP-2.5-key-self-service, id: X-d, departments: [福祉課]}\n"))  # fmt: skip
    assert load_policy(m).self_service_keys("福祉課")
    assert not load_policy(m).self_service_keys("総務課")


# ---------------------------------------------------------------------- browser


def test_in_the_browser_a_new_account_changes_its_initial_password_first(gw: Running) -> None:
    caio = _login(gw, "a-caio")
    initial = _add(gw, caio, "b-suzuki")
    with browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 800})
        page.goto(gw.base_url + "/check")
        page.get_by_label("ログイン名").fill("b-suzuki")
        page.get_by_label("パスワード").fill(initial)
        page.get_by_role("button", name="ログイン").click()
        page.wait_for_url(re.compile(r"/password\?next="))
        assert "初期パスワードのままです" in page.inner_text("#initial-password")
        page.goto(gw.base_url + "/keys")  # any other page comes back here
        page.wait_for_url(re.compile(r"/password\?next="))
        page.get_by_label("初期パスワード").fill(initial)
        page.get_by_label("新しいパスワード（12文字以上）").fill("suzuki-own-2026")
        page.get_by_label("新しいパスワード（確認）").fill("suzuki-own-2026")
        page.get_by_role("button", name="変更する").click()
        page.wait_for_url("**/keys")
        assert page.get_by_role("heading", name="APIキー", exact=True).is_visible()
        page.goto(gw.base_url + "/check")
        page.wait_for_url("**/check")
        assert page.get_by_label("判定する文章").is_visible()
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(gw.base_url + "/password")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
