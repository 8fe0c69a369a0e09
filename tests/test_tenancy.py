"""Tenant isolation as a property: 例示市 and 例示町 on one shared platform
(examples/policies), on SQLite and PostgreSQL.

Every route of the application has an access rule (hinagata.web._access.ACCESS); the
matrix test walks the app's own route table and, for every route × role × (own, other)
municipality, checks that the rule's roles get the route and the others a 403, and that
an account of 例示町 — even holding the right role and a valid form token — neither reads
nor changes anything of 例示市 (403/404, nothing of 例示市 in the page, the database
unchanged). The holes closed one by one follow, each with the request that used to work.
Data invented."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from urllib.parse import unquote

import httpx
import openai
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Table, and_, or_, select

from _db import BACKENDS, database_url
from _gateway import Running, running_gateway
from _web import CITY, PASSWORD, PLATFORM, TOWN, csrf_at, sign_in
from hinagata.governance import CaseEntry
from hinagata.store import OPERATOR, Accounts, CaseCatalog, Documents, KeyRequests, Scope, UseCases
from hinagata.store._models import (
    ApiKey,
    AuditRecord,
    CatalogCase,
    DocumentCheck,
    GrantRow,
    KeyRequest,
    UseCaseReview,
    UseCaseRow,
    UserRow,
)
from hinagata.training import TrainingRecords, chapter_versions, course_version
from hinagata.web._access import ACCESS, route_keys, unruled

#: Text that exists only in 例示市's data: none of it may reach a 例示町 page.
MARKERS = ("CITYCASE", "CITYGRANT", "CITYKEY", "city-api-user", "c-staff", "c-kanri",
           "c-judge", "c-caio", "CITYDOC")  # fmt: skip
#: One account per role in each municipality; the same department names in both, so
#: only the municipality tells them apart.
ROLES = {
    "none": ([], "福祉課"),
    "staff": (["staff"], "福祉課"),
    "usage_admin": (["usage_admin"], "福祉課"),
    "reviewer": (["reviewer"], "総務課"),
    "admin": (["admin"], "情報政策課"),
}
PREFIX = {CITY: "c", TOWN: "t"}
#: Roles that see one department only: checked from another department too.
DEPT_ROLES = ("none", "staff", "usage_admin")
#: What 例示市's 福祉課 holds that its 税務課 must not see.
DEPT_MARKERS = ("CITYCASE", "CITYGRANT", "CITYKEY", "city-api-user", "CITYDOC")
LOGIN_OF = {"none": "none", "staff": "staff", "usage_admin": "kanri",
            "reviewer": "judge", "admin": "caio"}  # fmt: skip
CASE_FORM = {
    "title": "CITYCASE 改ざん",
    "field": "welfare",
    "ai_kind": "generative",
    "classes": ["2"],
    "service": "example-domestic-lgwan",
    "description": "書き換えの試み",
    "risk_users": "staff",
    "risk_nature": "internal",
    "risk_personal": "none",
    "risk_learning": "no",
    "risk_human": "yes",
}


def _use_case(db: Any, municipality: str, applicant: str, title: str, dept: str = "福祉課") -> int:
    case = UseCases(db).create(
        applicant=applicant, municipality=municipality, department=dept, title=title,
        field="welfare", ai_kind="generative", classes=["2"], service="example-domestic-lgwan",
        description=f"{title} の説明", risk_answers={}, risk_level="low", assessment={},
    )  # fmt: skip
    return case.id


def _decide(db: Any, case_id: int, decision: str, **kw: Any) -> str | None:
    store = UseCases(db)
    case = store.get(case_id)
    assert case is not None
    return store.record_review(case_id, case.version, reviewer="seed", decision=decision,
                        rationale="seed", **kw)[1]  # fmt: skip


@dataclass
class World:
    gw: Running
    ids: dict[str, Any]
    sessions: dict[tuple[str, str], httpx.Client] = field(default_factory=dict)
    tokens: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def db(self) -> Any:
        return self.gw.gateway.db

    def as_(self, municipality: str, role: str, *, other_dept: bool = False) -> httpx.Client:
        """The session of the account of ``role`` (in 税務課 with ``other_dept``)."""
        key = (municipality, role + ("@税務課" if other_dept else ""))
        if key not in self.sessions:
            login = f"{PREFIX[municipality]}-{'dept-' if other_dept else ''}{LOGIN_OF[role]}"
            self.sessions[key] = sign_in(self.gw.base_url, login)
            self.tokens[key] = csrf_at(self.sessions[key])
        return self.sessions[key]

    def token(self, municipality: str, role: str, *, other_dept: bool = False) -> str:
        self.as_(municipality, role, other_dept=other_dept)
        return self.tokens[(municipality, role + ("@税務課" if other_dept else ""))]


def _seed(gw: Running) -> dict[str, Any]:
    db = gw.gateway.db
    acc = Accounts(db)
    for m in (CITY, TOWN):
        p = PREFIX[m]
        for role, (roles, dept) in ROLES.items():
            acc.create(login=f"{p}-{LOGIN_OF[role]}", password=PASSWORD, municipality=m,
                       department=dept, roles=roles, trained=True)  # fmt: skip
        acc.create(login=f"{p}-staff2", password=PASSWORD, municipality=m, department="福祉課",
                   roles=["staff"], trained=True)  # fmt: skip
        acc.create(login=f"{p}-kanri2", password=PASSWORD, municipality=m, department="税務課",
                   roles=["usage_admin"], trained=True)  # fmt: skip
        for role in DEPT_ROLES:
            acc.create(login=f"{p}-dept-{LOGIN_OF[role]}", password=PASSWORD, municipality=m,
                       department="税務課", roles=ROLES[role][0], trained=True)  # fmt: skip
    ids: dict[str, Any] = {}
    # Audit: three decisions of 例示市, one of 例示町.
    for m, user, n in ((CITY, "city-api-user", 3), (TOWN, "town-api-user", 1)):
        key = gw.key(user=user, department="福祉課", municipality=m)
        client = openai.OpenAI(base_url=gw.base_url + "/v1", api_key=key, max_retries=0)
        for _ in range(n):
            client.chat.completions.create(
                model="wg", messages=[{"role": "user", "content": "窓口の案内文を作って"}]
            )
    # Use cases of 例示市 (福祉課, applied for by c-staff): submitted, returned, approved.
    ids["submitted"] = _use_case(db, CITY, "c-staff", "CITYCASE 申請中")
    ids["returned"] = _use_case(db, CITY, "c-staff", "CITYCASE 差戻し")
    _decide(db, ids["returned"], "returned")
    ids["approved"] = _use_case(db, CITY, "c-staff", "CITYCASE 承認済み")
    ids["approved_grant"] = _decide(
        db, ids["approved"], "approved",
        grant={"service": "example-foreign-japan-region", "department": "福祉課",
               "municipality": CITY, "max_class": "2", "note": "CITYGRANT 申請の許可"},
    )  # fmt: skip
    ids["town_case"] = _use_case(db, TOWN, "t-staff", "町の申請")
    # Grants: the city's own, and one for the whole platform (the operator's CLI).
    g = gw.gateway.grants
    ids["city_grant"] = g.add(service="example-foreign-japan-region", department="福祉課",
                              municipality=CITY, note="CITYGRANT 市の許可").id  # fmt: skip
    ids["platform_grant"] = g.add(service="example-foreign-japan-region",
                                  note="基盤全体の許可").id  # fmt: skip
    # Keys and a document check of 例示市.
    _key, info = gw.gateway.keys.create(user="c-staff", department="福祉課", municipality=CITY,
                                        trained=True, note="CITYKEY")  # fmt: skip
    ids["city_key"] = info.id
    # Key requests of 例示市's c-staff (福祉課): one approved (not collected), one pending.
    requests = KeyRequests(db)
    staff = acc.get("c-staff")
    assert staff is not None
    approved = requests.request(staff, purpose="CITYKEY 申請", service="example-domestic-lgwan")
    requests.decide(approved.id, scope=OPERATOR, approve=True)
    ids["city_request"] = approved.id
    ids["city_request_pending"] = requests.request(
        staff, purpose="CITYKEY 承認待ち", service="example-domestic-lgwan"
    ).id
    ids["c-staff2"] = acc.get("c-staff2").id  # type: ignore[union-attr]
    ids["sha"] = "ab" * 32
    Documents(db).add(sha256=ids["sha"], source="CITYDOC", owner="c-staff", title="CITYDOC",
                      filename="a.txt", checked_by="c-staff", department="福祉課",
                      municipality=CITY, verdict="allow", chars=3, injection={}, personal={},
                      rules_version="1")  # fmt: skip
    # An open training attempt of c-staff (研修: its own only).
    versions = chapter_versions(gw.runtime.policy_for(CITY), "福祉課")
    ids["attempt"] = TrainingRecords(db).start(
        municipality=CITY, department="福祉課", login="c-staff", policy_version="v",
        course_version=course_version(versions), chapters=versions, questions=10, pass_mark=80,
    ).id  # fmt: skip
    # A published catalog case (shared by design: no marker in it).
    ids["catalog"] = CaseCatalog(db).add(
        CaseEntry(
            title="公開事例",
            field="welfare",
            size_band="50k_200k",
            status="recommended",
            summary="共有される事例。",
            municipality=CITY,
        )
    )
    return ids


@pytest.fixture(scope="module", params=BACKENDS)
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    tmp = tmp_path_factory.mktemp(f"tenancy-{request.param}")
    for url in database_url(request.param, tmp):
        with running_gateway(tmp, url, extra=PLATFORM) as running:
            w = World(running, _seed(running))
            try:
                yield w
            finally:
                for c in w.sessions.values():
                    c.close()


def _rows(db: Any, table: Any, *where: Any) -> list[tuple[Any, ...]]:
    t = cast(Table, table.__table__)
    with db.read_conn() as conn:
        rows = conn.execute(select(t).where(*where).order_by(*t.primary_key.columns)).all()
    return [tuple(str(v) for v in r) for r in rows]


def city_state(db: Any, department: str | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """Everything of 例示市 (of its ``department`` only, if given; and of the whole
    platform) that a request from outside must not change."""
    uc = cast(Table, UseCaseRow.__table__)
    g = cast(Table, GrantRow.__table__)
    cat = cast(Table, CatalogCase.__table__)
    mine = [uc.c.municipality == CITY]
    if department is not None:
        mine.append(uc.c.department == department)
    cases = select(uc.c.id).where(*mine)
    with db.read_conn() as conn:
        codes = [f"UC-{i}" for i in conn.execute(cases).scalars()]

    def scoped(t: Any) -> list[Any]:
        return [t.municipality == CITY] + ([t.department == department] if department else [])

    own_grants = [g.c.municipality == CITY] + ([g.c.department == department] if department else [])
    return {
        "use_cases": _rows(db, UseCaseRow, *mine),
        "reviews": _rows(db, UseCaseReview, UseCaseReview.use_case_id.in_(cases)),
        "grants": _rows(db, GrantRow, or_(and_(*own_grants), g.c.municipality.is_(None))),
        "keys": _rows(db, ApiKey, *scoped(ApiKey)),
        "users": _rows(db, UserRow, *scoped(UserRow)),
        "key_requests": _rows(db, KeyRequest, *scoped(KeyRequest)),
        "audit": _rows(db, AuditRecord, *scoped(AuditRecord)),
        "documents": _rows(db, DocumentCheck, *scoped(DocumentCheck)),
        "catalog_links": _rows(db, CatalogCase, cat.c.source_use_case.in_(codes)),
    }


def _urls(w: World, method: str, path: str) -> list[str]:
    """Concrete URLs for a route, naming 例示市's objects (every kind the route takes)."""
    ids = w.ids
    cases = {"/edit": [ids["returned"]], "/review": [ids["submitted"]]}
    values: dict[str, list[Any]] = {
        "case_id": next(
            (v for k, v in cases.items() if path.endswith(k)),
            [ids["submitted"], ids["returned"], ids["approved"]],
        ),
        "grant_id": [ids["city_grant"], ids["platform_grant"]],
        "key_id": [ids["city_key"]],
        "user_id": [ids["c-staff2"]],
        "req_id": [ids["city_request"], ids["city_request_pending"]],
        "fmt": ["csv" if path.startswith("/catalog") else "html"],
        "sha256": [ids["sha"]],
        "model": ["wg"],
        "response_id": ["resp_1"],
        "attempt_id": [ids["attempt"]],
    }
    if path.startswith("/catalog/{case_id"):
        values["case_id"] = [ids["catalog"]]
    names = re.findall(r"\{(\w+)(?::\w+)?\}", path)
    if path == "/catalog/new":
        return [f"/catalog/new?from={ids['approved']}"]
    if path == "/static":
        return ["/static/app.css"]
    if not names:
        return [path]
    (name,) = names
    return [re.sub(r"\{\w+(?::\w+)?\}", str(v), path) for v in values[name]]


def _hidden(role: str, url: str) -> bool:
    """Objects of 例示市 its own account of ``role`` rightly cannot open: a training
    attempt is its owner's (c-staff) only."""
    return url.startswith("/training/quiz/") and role != "staff"


def _form(w: World, path: str, token: str) -> dict[str, Any]:
    """The strongest form for a route: a valid token and what a real change sends."""
    if path.endswith("/review"):
        return {"csrf": token, "version": "1", "decision": "approved", "rationale": "x",
                "grant": "1", "max_class": "2"}  # fmt: skip
    if path.endswith("/edit"):
        return {**CASE_FORM, "csrf": token, "version": "2"}
    if path == "/catalog/new":
        return {"csrf": token, "title": "T", "field": "welfare", "size_band": "50k_200k",
                "status": "recommended", "summary": "S", "source": f"UC-{w.ids['approved']}"}  # fmt: skip
    if path == "/logout":
        return {}  # never end the session the matrix is using
    return {"csrf": token}


def _request(
    w: World, c: httpx.Client, method: str, path: str, url: str, token: str
) -> httpx.Response:
    if method == "GET":
        return c.get(url)
    if path == "/chat/send":
        return c.post(url, json={"model": "wg", "messages": []}, headers={"x-csrf-token": token})
    return c.post(url, data=_form(w, path, token))


def test_every_route_has_an_access_rule(world: World) -> None:
    routes = world.gw.app.routes
    assert unruled(routes) == [], "routes without a rule in hinagata.web._access.ACCESS"
    stale = set(ACCESS) - set(route_keys(routes))
    assert not stale, f"rules for routes that do not exist: {sorted(stale)}"


def test_route_role_tenant_matrix(world: World) -> None:
    """Every route × role × (own municipality, another municipality, another department
    of the same municipality), generated from the route table."""
    w = world
    problems: list[str] = []
    anon = httpx.Client(base_url=w.gw.base_url, follow_redirects=False, timeout=60)
    # Outsiders: 例示町's account of each role; 例示市's 税務課 account of each role that
    # sees one department only (福祉課 holds the objects).
    outsiders = [(TOWN, role, None, MARKERS) for role in ROLES] + [
        (CITY, role, "福祉課", DEPT_MARKERS) for role in DEPT_ROLES
    ]
    colleague = sign_in(w.gw.base_url, "c-staff2")  # 福祉課 staff, owns nothing
    colleague_token = csrf_at(colleague)
    for method, path in route_keys(w.gw.app.routes):
        rule = ACCESS[(method, path)]
        for url in _urls(w, method, path):
            where = f"{method} {url} ({path})"
            if rule.tenant == "api":
                r = anon.request(method, url, json={})
                if r.status_code != 401:
                    problems.append(f"{where} without a key: {r.status_code}")
                continue
            if rule.signed_in and path != "/chat/send":
                r = anon.request(method, url, data={})
                if r.status_code != 303 or not r.headers["location"].startswith("/login"):
                    problems.append(f"{where} signed out: {r.status_code}")
            if rule.roles is None:
                continue
            for role, (roles, _dept) in ROLES.items():
                # Own municipality: the rule's roles get it, the others 403. POSTs carry a
                # wrong token here, so 例示市's own accounts change nothing.
                r = _request(w, w.as_(CITY, role), method, path, url, "wrong-token")
                allowed = rule.allows(roles)
                if not allowed and r.status_code != 403:
                    problems.append(f"{where} as 例示市 {role}: {r.status_code}, not 403")
                if allowed and r.status_code == 403 and path != "/chat/send":
                    problems.append(f"{where} as 例示市 {role}: 403, the rule allows it")
                if allowed and method == "GET" and r.status_code >= 400 and not _hidden(role, url):
                    problems.append(f"{where} as 例示市 {role}: {r.status_code}")
            for municipality, role, dept, markers in outsiders:
                # From outside, with a valid token: nothing of 例示市 read or changed.
                who = f"{municipality} {role}" + (" (税務課)" if dept else "")
                c = w.as_(municipality, role, other_dept=dept is not None)
                token = w.token(municipality, role, other_dept=dept is not None)
                before = city_state(w.db, dept)
                r = _request(w, c, method, path, url, token)
                after = city_state(w.db, dept)
                if after != before:
                    changed = [k for k in before if before[k] != after[k]]
                    problems.append(f"{where} as {who} changed 例示市's {changed}")
                allowed = rule.allows(ROLES[role][0])
                if not allowed and r.status_code != 403:
                    problems.append(f"{where} as {who}: {r.status_code}, not 403")
                strict = allowed and rule.tenant == "object" and path != "/catalog/new"
                if strict and r.status_code not in (403, 404):
                    problems.append(f"{where} as {who}: {r.status_code}, not 403/404")
                leaked = [m for m in markers if m in r.text]
                if leaked:
                    problems.append(f"{where} as {who} shows 例示市's {leaked}")
            if rule.owned:
                # A colleague of the owner (same municipality and department, staff).
                before = city_state(w.db)
                r = _request(w, colleague, method, path, url, colleague_token)
                if r.status_code not in (403, 404):
                    problems.append(f"{where} as the owner's colleague: {r.status_code}")
                if city_state(w.db) != before:
                    problems.append(f"{where} as the owner's colleague changed 例示市's data")
    anon.close()
    colleague.close()
    assert not problems, "\n".join(problems)


def test_the_api_keys_scope_is_the_scope_of_document_provenance(world: World) -> None:
    """The key's municipality, and its department unless its roles see every department
    (Scope.of): a 税務課 key used to see 福祉課's check."""
    town = world.gw.key(user="t-doc", municipality=TOWN, department="福祉課")
    city = world.gw.key(user="c-doc", municipality=CITY, department="福祉課")
    tax = world.gw.key(user="c-tax", municipality=CITY, department="税務課")
    tax_staff = world.gw.key(user="c-tax2", municipality=CITY, department="税務課",
                             roles=["staff", "usage_admin"])  # fmt: skip
    caio = world.gw.key(user="c-caio-key", municipality=CITY, department="情報政策課",
                        roles=["admin"])  # fmt: skip
    url = world.gw.base_url + f"/v1/hinagata/documents/{world.ids['sha']}"
    for key in (town, tax, tax_staff):
        assert httpx.get(url, headers={"authorization": f"Bearer {key}"}).status_code == 404
    for key in (city, caio):
        r = httpx.get(url, headers={"authorization": f"Bearer {key}"})
        assert r.status_code == 200 and "CITYDOC" in r.text


# ---------------------------------------------------------------------- the holes, one by one


def test_audit_export_has_the_scope_of_the_audit_search(world: World) -> None:
    """例示町's administrator used to download 例示市's whole audit log."""
    town, city = world.as_(TOWN, "admin"), world.as_(CITY, "admin")
    r = town.get("/admin/audit/export", params={"days": 1})
    assert r.status_code == 200
    rows = list(csv.DictReader(io.StringIO(r.text.lstrip("\ufeff"))))
    decisions = [x for x in rows if x["kind"] == "decision"]
    assert {x["municipality"] for x in decisions} == {TOWN}
    assert "city-api-user" not in r.text and "town-api-user" in r.text
    town_rids = {x["request_id"] for x in decisions}
    assert {x["request_id"] for x in rows if x["kind"] == "outcome"} <= town_rids
    c = city.get("/admin/audit/export", params={"days": 1}).text
    assert c.count("city-api-user") == 3 and "town-api-user" not in c
    # The search and dashboard agree with the export.
    assert "city-api-user" not in town.get("/admin/audit").text
    assert "判定 1 件" in town.get("/admin").text
    assert "判定 3 件" in city.get("/admin").text
    # 利用管理者 may search their department, not export.
    assert world.as_(TOWN, "usage_admin").get("/admin/audit/export").status_code == 403


def test_a_municipality_cannot_revoke_a_platform_wide_grant(world: World) -> None:
    """A 例示町 reviewer used to revoke a grant made for the whole platform."""
    gid = world.ids["platform_grant"]
    judge = world.as_(TOWN, "reviewer")
    listing = judge.get("/grants").text
    assert gid in listing  # it applies to 例示町, so it is listed
    assert f"/grants/{gid}/revoke" not in listing  # without a revoke button
    r = judge.post(f"/grants/{gid}/revoke", data={"csrf": world.token(TOWN, "reviewer")})
    assert r.status_code == 403 and "基盤の運用者だけです" in r.text
    r = world.as_(CITY, "reviewer").post(
        f"/grants/{gid}/revoke", data={"csrf": world.token(CITY, "reviewer")}
    )
    assert r.status_code == 403
    active = {g.id for g, _row in world.gw.gateway.grants.all()}
    assert gid in active
    # Nor another municipality's grant (it does not exist for them).
    r = judge.post(f"/grants/{world.ids['city_grant']}/revoke",
                   data={"csrf": world.token(TOWN, "reviewer")})  # fmt: skip
    assert r.status_code == 404 and world.ids["city_grant"] in {
        g.id for g, _row in world.gw.gateway.grants.all()
    }


def test_platform_wide_grants_are_revoked_by_the_operator_or_a_single_municipality(
    tmp_path: Path,
) -> None:
    from hinagata.store import OPERATOR, Grants

    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'one.db'}") as gw:
        Accounts(gw.gateway.db).create(login="judge", password=PASSWORD, roles=["reviewer"])
        gid = gw.gateway.grants.add(service="example-foreign-japan-region").id
        judge = sign_in(gw.base_url, "judge")
        r = judge.post(f"/grants/{gid}/revoke", data={"csrf": csrf_at(judge)})
        assert r.status_code == 200  # one municipality: the installation is its platform
        gid2 = gw.gateway.grants.add(service="example-foreign-japan-region").id
        town = Scope(municipality=TOWN, department=None, roles=("reviewer",))
        grants = Grants(gw.gateway.db)
        assert not grants.revoke(gid2, scope=town)
        assert grants.revoke(gid2, scope=OPERATOR)


def test_catalog_new_from_reads_only_use_cases_in_the_editors_scope(world: World) -> None:
    """A 利用管理者 used to read another department's use case via /catalog/new?from=N."""
    case = world.ids["approved"]
    own = world.as_(CITY, "usage_admin").get("/catalog/new", params={"from": case}).text
    assert "CITYCASE 承認済み" in own
    other_dept = sign_in(world.gw.base_url, "c-kanri2")  # 税務課
    page = other_dept.get("/catalog/new", params={"from": case}).text
    assert "CITYCASE" not in page
    assert (
        "CITYCASE"
        not in world.as_(TOWN, "reviewer").get("/catalog/new", params={"from": case}).text
    )
    # Nor can a case name it as its source.
    token = csrf_at(other_dept)
    r = other_dept.post("/catalog/new", data={
        "csrf": token, "title": "出典の詐称", "field": "welfare", "size_band": "50k_200k",
        "status": "recommended", "summary": "S", "source": f"UC-{case}"})  # fmt: skip
    assert r.status_code == 303
    cat = cast(Table, CatalogCase.__table__)
    with world.db.read_conn() as conn:
        source = conn.execute(
            select(cat.c.source_use_case).where(cat.c.title == "出典の詐称")
        ).scalar_one()
    assert source == ""


def test_only_the_applicant_or_the_usage_admin_corrects_a_returned_case(world: World) -> None:
    """Same-department staff used to edit another's returned case by POST."""
    db = world.db
    case_id = _use_case(db, CITY, "c-staff", "差戻しの修正")
    _decide(db, case_id, "returned")
    before = UseCases(db).get(case_id)
    assert before is not None and before.status == "returned"
    colleague = sign_in(world.gw.base_url, "c-staff2")  # 福祉課, not the applicant
    token = csrf_at(colleague)
    assert colleague.get(f"/usecases/{case_id}/edit").status_code == 403
    assert "内容を修正して再申請する" not in colleague.get(f"/usecases/{case_id}").text
    form = {**CASE_FORM, "title": "書き換え", "csrf": token, "version": str(before.version)}
    r = colleague.post(f"/usecases/{case_id}/edit", data=form)
    assert r.status_code == 403
    assert UseCases(db).get(case_id) == before
    # The store refuses it too, whatever the page does.
    from hinagata.store import Conflict

    scope = Scope(municipality=CITY, department="福祉課", login="c-staff2", roles=("staff",))
    with pytest.raises(Conflict):
        UseCases(db).resubmit(case_id, before.version, actor="c-staff2", scope=scope,
                              title="書き換え")  # fmt: skip
    # The applicant does it.
    applicant = world.as_(CITY, "staff")
    form["csrf"] = world.token(CITY, "staff")
    form["title"] = "差戻しの修正（直した）"
    assert applicant.post(f"/usecases/{case_id}/edit", data=form).status_code == 303
    after = UseCases(db).get(case_id)
    assert after is not None and after.status == "submitted" and after.title.endswith("直した）")


def test_the_department_scope_holds_within_a_municipality(world: World) -> None:
    """A 税務課 利用管理者 sees none of 福祉課's cases, grants or audit records."""
    kanri2 = sign_in(world.gw.base_url, "c-kanri2")
    assert kanri2.get(f"/usecases/{world.ids['submitted']}").status_code == 404
    assert "CITYCASE" not in kanri2.get("/usecases").text
    assert "CITYGRANT" not in kanri2.get("/grants").text
    assert "判定 0 件" in kanri2.get("/admin").text


# ---------------------------------------------------------------------- exports


def test_csv_exports_escape_formulas_and_read_them_back(world: World) -> None:
    db = world.db
    CaseCatalog(db).add(CaseEntry(title="=HYPERLINK(\"http://evil.example\",\"x\")", field="welfare",
                              size_band="50k_200k", status="recommended",
                              summary="@SUM(1+1)", municipality=TOWN))  # fmt: skip
    r = world.as_(TOWN, "staff").get("/catalog/export/csv")
    rows = list(csv.reader(io.StringIO(r.text.lstrip("\ufeff"))))
    cells = [c for row in rows for c in row]
    assert '\'=HYPERLINK("http://evil.example","x")' in cells and "'@SUM(1+1)" in cells
    assert not any(c[:1] in set("=+-@\t\r") for c in cells)
    from hinagata.governance import from_csv

    back = {e.title for e in from_csv(r.text)}
    assert '=HYPERLINK("http://evil.example","x")' in back
    # The audit export too (a key's user name is the caller's text).
    key = world.gw.key(user="=cmd|' /C calc'!A0", department="+福祉課", municipality=TOWN)
    openai.OpenAI(base_url=world.gw.base_url + "/v1", api_key=key, max_retries=0
                  ).chat.completions.create(model="wg", messages=[{"role": "user", "content": "案内文"}])  # fmt: skip
    audit = world.as_(TOWN, "admin").get("/admin/audit/export", params={"days": 1}).text
    cells = [c for row in csv.reader(io.StringIO(audit.lstrip("\ufeff"))) for c in row]
    assert "'=cmd|' /C calc'!A0" in cells and "'+福祉課" in cells
    assert not any(c[:1] in set("=+-@\t\r") for c in cells)


def test_download_names_are_sanitised_and_unknown_formats_refused(world: World) -> None:
    c = world.as_(TOWN, "staff")
    for bad in ("csv%0d%0aSet-Cookie:%20x=1", 'csv"', "csv%22%3B%20filename%3Dx.exe", "xml"):
        r = c.get(f"/catalog/export/{bad}")
        assert r.status_code == 400, bad
        assert "set-cookie" not in {k.lower() for k in r.headers if k.lower() != "set-cookie"}
        assert "content-disposition" not in r.headers
    disp = world.as_(TOWN, "admin").get("/admin/audit/export").headers["content-disposition"]
    assert disp.isascii() and "\r" not in disp and "\n" not in disp
    plain = re.search(r'filename="([^"]*)"', disp).group(1)  # type: ignore[union-attr]
    assert re.fullmatch(r"[A-Za-z0-9._-]+", plain) and plain.endswith(".csv")
    star = re.search(r"filename\*=UTF-8''(\S+)", disp).group(1)  # type: ignore[union-attr]
    assert unicodedata.normalize("NFC", unquote(star)).startswith(f"hinagata-audit-{TOWN}-")


def test_attachment_header_keeps_request_text_out() -> None:
    from hinagata.web._download import attachment

    for name in ('a"b.csv', "a\r\nSet-Cookie: x=1.csv", "../../etc/passwd", "例示市.csv", ""):
        h = attachment(name)
        assert h.isascii() and "\r" not in h and "\n" not in h
        plain = re.search(r'filename="([^"]*)"', h).group(1)  # type: ignore[union-attr]
        assert re.fullmatch(r"[A-Za-z0-9._-]+", plain) and not plain.startswith(".")


# ---------------------------------------------------------------------- the scope itself

_MUNIS = st.sampled_from([CITY, TOWN, ""])
_DEPTS = st.sampled_from(["福祉課", "税務課", ""])


@given(
    rows=st.lists(
        st.tuples(st.one_of(st.none(), _MUNIS), st.one_of(st.none(), _DEPTS)), max_size=12
    ),
    municipality=st.one_of(st.none(), _MUNIS),
    department=st.one_of(st.none(), _DEPTS),
    platform_rows=st.booleans(),
)
@settings(max_examples=150, deadline=None)
def test_the_sql_filter_and_the_row_check_of_a_scope_agree(
    rows: list[tuple[str | None, str | None]],
    municipality: str | None,
    department: str | None,
    platform_rows: bool,
) -> None:
    """Scope.where (in the database) selects exactly the rows Scope.admits (in Python)
    accepts, so a page that filters a row it already read agrees with every query."""
    from sqlalchemy import Column, Integer, MetaData, String, create_engine, insert

    meta = MetaData()
    t = Table("t", meta, Column("id", Integer, primary_key=True),
              Column("municipality", String, nullable=True),
              Column("department", String, nullable=True))  # fmt: skip
    engine = create_engine("sqlite://")
    meta.create_all(engine)
    scope = Scope(municipality=municipality, department=department)
    with engine.begin() as conn:
        if rows:
            conn.execute(insert(t), [{"municipality": m, "department": d} for m, d in rows])
        got = set(conn.execute(select(t.c.id).where(scope.where(t, platform_rows=platform_rows)))
                  .scalars())  # fmt: skip
    want = {i + 1 for i, (m, d) in enumerate(rows)
            if scope.admits(m, d, platform_rows=platform_rows)}  # fmt: skip
    assert got == want
    # Another municipality's row is never in a municipality's scope.
    if municipality is not None:
        assert not any(scope.admits(m, d) for m, d in rows if m is not None and m != municipality)


def test_scope_of_an_account_or_key() -> None:
    import datetime as dt

    from hinagata.store import WIDE_AUDIT, WIDE_CASES, Account, KeyInfo

    def account(roles: tuple[str, ...]) -> Account:
        return Account(1, "a", "a", "福祉課", CITY, roles, True, dt.datetime.now(dt.UTC), None)

    s = Scope.of(account(("usage_admin",)), shared=True, wide=WIDE_AUDIT)
    assert (s.municipality, s.department, s.login) == (CITY, "福祉課", "a")
    assert Scope.of(account(("reviewer",)), shared=True, wide=WIDE_AUDIT).department == "福祉課"
    assert Scope.of(account(("reviewer",)), shared=True, wide=WIDE_CASES).department is None
    assert Scope.of(account(("admin",)), shared=True, wide=()).department is None
    single = Scope.of(account(("admin",)), shared=False, wide=WIDE_AUDIT)
    assert single.platform and not Scope.of(account(()), shared=True, wide=()).platform
    key = KeyInfo(1, "hg_", "u", "税務課", TOWN, (), True, dt.datetime.now(dt.UTC), None)
    ks = Scope.of(key, shared=True, wide=WIDE_CASES)
    assert (ks.municipality, ks.department, ks.login) == (TOWN, "税務課", "u")


def test_the_access_table_is_binding_whatever_the_page_checks(world: World) -> None:
    """A page that forgot its own role check is still guarded by its rule; a page without
    a rule cannot be served at all."""
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.testclient import TestClient

    from hinagata.web._app import COOKIE, _route

    async def careless(request: Any) -> PlainTextResponse:
        return PlainTextResponse("CITYSECRET")

    web = world.gw.web
    app = Starlette(routes=[_route(web, "GET", "/admin/audit/export", careless)])
    staff = world.as_(CITY, "staff").cookies[COOKIE]
    admin = world.as_(CITY, "admin").cookies[COOKIE]
    with TestClient(app, base_url="http://127.0.0.1") as c:
        c.cookies.set(COOKIE, staff)
        r = c.get("/admin/audit/export", follow_redirects=False)
        assert r.status_code == 403 and "CITYSECRET" not in r.text
        c.cookies.set(COOKIE, admin)
        assert c.get("/admin/audit/export").text == "CITYSECRET"
    with pytest.raises(KeyError):
        _route(web, "GET", "/admin/unruled", careless)


def test_a_tampered_index_copy_does_not_move_a_record_to_another_municipality(
    world: World,
) -> None:
    """The search and the export choose records by their indexed copies, but show one
    only if the hashed record itself belongs to the scope."""
    from sqlalchemy import update

    t = cast(Table, AuditRecord.__table__)
    with world.db.read_conn() as conn:
        seq = conn.execute(
            select(t.c.seq).where(t.c.user_login == "city-api-user").limit(1)
        ).scalar_one()
    with world.db.write_conn() as conn:
        conn.execute(update(t).where(t.c.seq == seq).values(municipality=TOWN))
    try:
        town = world.as_(TOWN, "admin")
        assert "city-api-user" not in town.get("/admin/audit").text
        assert "city-api-user" not in town.get("/admin/audit/export").text
    finally:
        with world.db.write_conn() as conn:
            conn.execute(update(t).where(t.c.seq == seq).values(municipality=CITY))


# ---------------------------------------------------------------------- bounded numbers

HUGE = "99999999999999999999"  # more than a 64-bit integer holds


def _keep_alive(w: World, who: str, requests: list[tuple[str, str, dict[str, Any]]]) -> list[str]:
    """Send ``requests`` one after another on one HTTP/1.1 connection as ``who`` (a role of
    例示市), each followed by ``GET /``: every answer < 500 and the socket the same."""
    import http.client
    from urllib.parse import urlencode, urlsplit

    from hinagata.web._app import COOKIE

    c = w.as_(CITY, who)
    cookie = f"{COOKIE}={c.cookies[COOKIE]}"
    token = w.token(CITY, who)
    u = urlsplit(w.gw.base_url)
    conn = http.client.HTTPConnection(u.hostname or "127.0.0.1", u.port, timeout=60)
    problems: list[str] = []
    try:
        conn.connect()
        sock = conn.sock
        for method, url, form in requests:
            body = urlencode({"csrf": token, **form}, doseq=True) if method == "POST" else None
            headers = {"cookie": cookie}
            if body is not None:
                headers["content-type"] = "application/x-www-form-urlencoded"
            try:
                conn.request(method, url, body=body, headers=headers)
                r = conn.getresponse()
                text = r.read().decode("utf-8", "replace")
                if r.status >= 500:
                    problems.append(f"{method} {url} as {who}: {r.status}")
                elif r.status in (400, 404) and not re.search(
                    r"[\u3040-\u30ff\u4e00-\u9fff]", text
                ):
                    problems.append(f"{method} {url} as {who}: {r.status} without a message")
                conn.request("GET", "/", headers={"cookie": cookie})
                nxt = conn.getresponse()
                nxt.read()
                if nxt.status != 200 or conn.sock is not sock:
                    problems.append(f"after {method} {url} as {who}: the connection was not kept")
            except (OSError, http.client.HTTPException) as exc:
                problems.append(f"{method} {url} as {who}: {type(exc).__name__}")
                conn.close()
                conn.connect()
                sock = conn.sock
    finally:
        conn.close()
    return problems


def test_huge_numbers_in_paths_and_queries_are_404_or_400_and_keep_the_connection(
    world: World,
) -> None:
    """``/usecases/99999999999999999999`` (and every other route with a number in its
    path, from the route table) used to answer 500 with an OverflowError and drop the
    keep-alive connection; so did ``/admin/audit?page=99999999999999999999``."""
    routes = [(m, p) for m, p in route_keys(world.gw.app.routes) if ":int}" in p]
    assert len(routes) >= 7, routes  # the walk covers the route table, not a list of its own
    requests: list[tuple[str, str, dict[str, Any]]] = []
    for method, path in routes:
        for number in (HUGE, str(2**63), "0"):
            url = re.sub(r"\{\w+:int\}", number, path)
            form = {k: v for k, v in _form(world, path, "").items() if k != "csrf"}
            if "version" in form:
                form["version"] = HUGE
            requests.append((method, url, form))
    case = world.ids["returned"]
    requests += [
        ("GET", f"/admin/audit?page={HUGE}", {}),
        ("GET", f"/admin/audit?page={2**63 - 1}", {}),
        ("GET", f"/admin/audit?days={HUGE}", {}),
        ("GET", f"/catalog/new?from={HUGE}", {}),
        ("GET", "/catalog/new?from=%C2%B2", {}),  # "²" is a digit to str.isdigit
        ("POST", f"/usecases/{case}/edit", {**CASE_FORM, "version": HUGE}),
        (
            "POST",
            f"/usecases/{world.ids['submitted']}/review",
            {"version": HUGE, "decision": "returned", "rationale": "x"},
        ),
    ]
    problems = []
    for who in ("admin", "staff"):
        problems += _keep_alive(world, who, requests)
    assert not problems, "\n".join(problems)
    # Nothing was changed by them.
    after = UseCases(world.db).get(world.ids["submitted"])
    assert after is not None and after.status == "submitted"


# ---------------------------------------------------------------------- catalog import


def _import(c: httpx.Client, token: str, name: str, body: str) -> httpx.Response:
    return c.post("/catalog/import", data={"csrf": token},
                  files={"file": (name, body.encode(), "application/json")})  # fmt: skip


def test_a_catalog_import_cannot_publish_a_case_as_another_municipalitys(world: World) -> None:
    """例示町's 利用管理者 used to import a case with ``"municipality": "例示市"``: it was
    stored under 例示市 and shown to 例示市's staff as their own."""
    import json

    c, token = world.as_(TOWN, "usage_admin"), world.token(TOWN, "usage_admin")
    cat = cast(Table, CatalogCase.__table__)

    def stored(title: str) -> list[tuple[str, str]]:
        with world.db.read_conn() as conn:
            q = select(cat.c.municipality, cat.c.created_by).where(cat.c.title == title)
            return [(r.municipality, r.created_by) for r in conn.execute(q)]

    case = {"field": "welfare", "size_band": "50k_200k", "status": "recommended",
            "summary": "町が作った"}  # fmt: skip
    forged = {"format": "hinagata-cases/1", "cases": [
        {**case, "title": "町の事例（正しい）", "municipality": TOWN},
        {**case, "title": "例示市の公式事例（偽）", "municipality": CITY}]}  # fmt: skip
    r = _import(c, token, "x.json", json.dumps(forged, ensure_ascii=False))
    assert r.status_code == 400
    assert (
        "2件目「例示市の公式事例（偽）」（例示市）" in r.text and "何も追加していません" in r.text
    )
    assert stored("例示市の公式事例（偽）") == [] and stored("町の事例（正しい）") == []
    csv_text = ("uid,title,field,size_band,status,summary,concerns,services,classes,municipality\n"
                ",偽CSV,welfare,50k_200k,recommended,町が作った,,,,例示市\n")  # fmt: skip
    r = c.post("/catalog/import", data={"csrf": token},
               files={"file": ("x.csv", csv_text.encode(), "text/csv")})  # fmt: skip
    assert r.status_code == 400 and "偽CSV" in r.text and stored("偽CSV") == []
    # Without a municipality, or with the importer's own: stored under the importer's,
    # the importer recorded.
    ok = {"format": "hinagata-cases/1", "cases": [
        {**case, "title": "町の事例（空欄）"}, {**case, "title": "町の事例（町）", "municipality": TOWN}]}  # fmt: skip
    r = _import(c, token, "ok.json", json.dumps(ok, ensure_ascii=False))
    assert r.status_code == 200 and "2件を追加しました" in r.text
    assert stored("町の事例（空欄）") == [(TOWN, "t-kanri")]
    assert stored("町の事例（町）") == [(TOWN, "t-kanri")]
    # Re-importing the platform's own export (every municipality's cases, uids known)
    # adds nothing and is not refused.
    exported = c.get("/catalog/export/json").text
    r = _import(c, token, "all.json", exported)
    assert r.status_code == 200 and "0件を追加しました" in r.text


def test_an_installation_of_one_municipality_keeps_the_files_municipality(
    tmp_path: Path,
) -> None:
    """Between installations a case keeps the municipality that published it."""
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'one.db'}") as gw:
        CaseCatalog(gw.gateway.db).import_entries(
            [CaseEntry(title="隣の市の事例", field="welfare", size_band="50k_200k",
                       status="recommended", summary="S", municipality=CITY)],
            created_by="importer",
        )  # fmt: skip
        ((_id, entry),) = CaseCatalog(gw.gateway.db).search(q="隣の市の事例")
        assert entry.municipality == CITY


# ---------------------------------------------------------------------- logins


def test_a_login_of_another_municipality_or_a_look_alike_cannot_be_added(world: World) -> None:
    """例示町's administrator used to learn that 例示市 has ``c-staff`` ("login already
    exists") and could add ``C-STAFF``, ``ｃ-staff`` or ``c-staff`` + a zero-width space,
    whose failed sign-ins then locked out 例示市's account."""
    admin, token = world.as_(TOWN, "admin"), world.token(TOWN, "admin")
    answers = {}
    for login in (
        "c-staff",
        "C-STAFF",
        "ｃ-staff",
        "c-staff\u200b",
        "c-staff\u2060",
        "ｃ－ＳＴＡＦＦ",
        "с-staff",  # a Cyrillic с
    ):
        r = admin.post("/admin/users", data={"csrf": token, "login": login, "roles": "staff",
                                             "department": "福祉課"})  # fmt: skip
        assert r.status_code == 400, login
        assert CITY not in r.text and "already exists" not in r.text, login
        assert "使えません" in r.text, login
        answers[login] = re.sub(r"\s+", " ", r.text.split("使えません")[0][-80:])
    # A taken login and a look-alike of one get the same answer: nothing tells them apart.
    assert (
        answers["c-staff"] == answers["C-STAFF"] == answers["ｃ－ＳＴＡＦＦ"] == answers["с-staff"]
    )
    users = cast(Table, UserRow.__table__)
    with world.db.read_conn() as conn:
        logins = list(conn.execute(select(users.c.login)).scalars())
    from hinagata.store import normalise_login

    assert [x for x in logins if normalise_login(x) == "c-staff"] == ["c-staff"]
    # A new login of its own is added.
    r = admin.post("/admin/users", data={"csrf": token, "login": "t-new", "roles": "staff",
                                         "department": "福祉課"})  # fmt: skip
    assert r.status_code == 200 and "t-new を追加しました" in r.text
