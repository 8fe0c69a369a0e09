"""Governance rules without HTTP: a review and the permission it may give, the risk level
and pre-assessment of a use case, a catalog case drawn from an approved use case, the
verdict ladder and its labels, and the audit entry the writer, verifier and search share.
Data invented."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from _db import BACKENDS, database_url
from hinagata import load_policy
from hinagata.decide import VERDICTS
from hinagata.governance import (
    ACTION_LABELS,
    APPROVALS,
    DECISIONS,
    GrantTerms,
    PreAssessment,
    Review,
    check_review,
    draft_from_use_case,
    expiry_of,
    grant_fields,
    pre_assess,
    risk_level,
)
from hinagata.store import (
    OPERATOR,
    AuditEntry,
    AuditLog,
    AuditSearch,
    Database,
    Grants,
    Scope,
    UseCases,
)
from hinagata.verdicts import LABELS, strictest, strictness

KEY = b"test-audit-key-0123456789abcdef"
CLASSES = ("1", "2", "3C")


@dataclass(frozen=True)
class _Case:
    title: str = "福祉相談記録の要約"
    field: str = "welfare"
    status: str = "conditional"
    description: str = "相談記録を要約する。"
    classes: tuple[str, ...] = ("2", "3C")
    service: str = "example-foreign-japan-region"
    municipality: str = "例示市"
    department: str = "福祉課"
    code: str = "UC-7"


def _review(
    decision: str,
    *,
    conditions: str = "",
    rationale: str = "業務上必要",
    grant: bool = False,
    max_class: str = "",
    expires: str = "",
) -> tuple[Review | None, dict[str, str]]:
    return check_review(
        decision,
        conditions,
        rationale,
        class_names=CLASSES,
        grant=grant,
        max_class=max_class,
        expires=expires,
    )


# ---------------------------------------------------------------- reviews


@pytest.mark.parametrize("decision", sorted(DECISIONS))
def test_every_decision_with_a_rationale_is_a_review(decision: str) -> None:
    conditions = "氏名は伏字にする" if decision == "conditional" else ""
    review, errors = _review(decision, conditions=conditions)
    assert errors == {}
    assert review == Review(decision, conditions, "業務上必要", None)


def test_an_unknown_decision_is_refused() -> None:
    review, errors = _review("maybe")
    assert review is None and set(errors) == {"decision"}


def test_a_conditional_approval_names_its_conditions() -> None:
    review, errors = _review("conditional")
    assert review is None
    assert errors == {"conditions": "条件付き承認の場合は、条件を書いてください。"}


def test_every_decision_gives_its_rationale() -> None:
    review, errors = _review("rejected", rationale="")
    assert review is None and errors == {"rationale": "判断の理由を書いてください。"}


@pytest.mark.parametrize("decision", ["returned", "rejected"])
def test_only_an_approval_gives_a_permission(decision: str) -> None:
    review, errors = _review(decision, grant=True, max_class="2")
    assert review is None
    assert errors == {"grant": "許可を与えられるのは、承認又は条件付き承認の場合だけです。"}
    assert decision not in APPROVALS


def test_a_permission_names_a_class_of_the_scheme() -> None:
    review, errors = _review("approved", grant=True, max_class="9Z")
    assert review is None and set(errors) == {"max_class"}


def test_a_permission_runs_to_the_end_of_its_last_day_in_utc() -> None:
    review, errors = _review("approved", grant=True, max_class="3C", expires="2027-03-31")
    assert errors == {}
    assert review is not None and review.grant is not None
    expected = dt.datetime(2027, 3, 31, 23, 59, 59, tzinfo=dt.UTC)
    assert review.grant == GrantTerms("3C", expected)
    assert expiry_of("2027-03-31") == expected


def test_a_permission_without_an_end_date_has_none() -> None:
    review, _errors = _review("conditional", conditions="要約のみ", grant=True, max_class="2")
    assert review is not None and review.grant == GrantTerms("2", None)


@pytest.mark.parametrize("expires", ["2027/03/31", "31.3.2027", "明日"])
def test_an_end_date_is_an_iso_date(expires: str) -> None:
    review, errors = _review("approved", grant=True, max_class="2", expires=expires)
    assert review is None
    assert errors == {"expires": "期限は 2027-03-31 のように書いてください。"}


def test_an_end_date_is_ignored_without_a_permission() -> None:
    review, errors = _review("approved", expires="not a date", max_class="9Z")
    assert errors == {} and review is not None and review.grant is None


def test_every_broken_rule_is_reported_at_once_in_form_order() -> None:
    review, errors = check_review(
        "returned", "", "", class_names=CLASSES, grant=True, max_class="", expires="x"
    )
    assert review is None
    assert list(errors) == ["rationale", "grant", "max_class", "expires"]


def test_a_permission_is_the_cases_own() -> None:
    terms = GrantTerms("2", expiry_of("2027-03-31"))
    assert grant_fields(_Case(), terms) == {
        "service": "example-foreign-japan-region",
        "department": "福祉課",
        "municipality": "例示市",
        "max_class": "2",
        "expires_at": dt.datetime(2027, 3, 31, 23, 59, 59, tzinfo=dt.UTC),
        "note": "UC-7 福祉相談記録の要約",
    }


def test_history_labels_cover_every_decision() -> None:
    assert {"submitted", "resubmitted", *DECISIONS} == set(ACTION_LABELS)
    assert set(APPROVALS) <= set(DECISIONS)


# ---------------------------------------------------------------- use cases


def test_risk_level_follows_the_four_perspectives() -> None:
    safe = {
        "users": "staff",
        "nature": "internal",
        "personal": "masked",
        "learning": "no",
        "human": "yes",
    }
    assert risk_level(safe) == "low"
    assert risk_level({**safe, "personal": "special"}) == "medium"
    # An unanswered (or unknown) perspective counts as the riskier answer: fail closed.
    assert risk_level({k: v for k, v in safe.items() if k != "personal"}) == "medium"
    assert risk_level({**safe, "users": "somebody", "learning": "maybe"}) == "high"
    assert risk_level({**safe, "users": "residents"}) == "medium"
    assert risk_level({**safe, "users": "residents", "learning": "yes"}) == "high"
    # Rights-affecting work nobody checks is high on its own … as two risky answers.
    assert risk_level({**safe, "nature": "rights", "human": "no"}) == "high"


def test_pre_assessment_is_the_strictest_of_the_declared_classes() -> None:
    policy = load_policy()
    got = pre_assess(policy, "example-foreign-japan-region", ["1", "3C"], "generative")
    assert isinstance(got, PreAssessment) and not got.outside_scope
    assert [c for c, _ in got.per_class] == ["1", "3C"]
    assert got.overall == strictest(v for _, v in got.per_class)
    assert got.to_dict()["per_class"] == [list(x) for x in got.per_class]


def test_rule_based_work_is_outside_the_ai_scope() -> None:
    got = pre_assess(load_policy(), "example-foreign-japan-region", ["3C"], "rule_based")
    assert got == PreAssessment((), "", outside_scope=True)


# ---------------------------------------------------------------- case catalog


def test_a_conditional_approval_becomes_a_challenging_case() -> None:
    draft = draft_from_use_case(_Case(), ["", "氏名は伏字にする"], "例示サービス")
    assert draft == {
        "title": "福祉相談記録の要約",
        "field": "welfare",
        "status": "challenging",
        "summary": "相談記録を要約する。",
        "services": "例示サービス",
        "classes": "2、3C",
        "concerns": [("審査で付された条件", "氏名は伏字にする")],
        "source": "UC-7",
    }
    assert draft_from_use_case(_Case(status="approved"), [], "")["status"] == "recommended"


# ---------------------------------------------------------------- verdicts


def test_the_ladder_and_its_labels() -> None:
    assert tuple(LABELS) == VERDICTS
    assert [strictness(v) for v in VERDICTS] == [0, 1, 2, 3]
    assert strictness("") > strictness("deny")
    assert strictest(["allow", "deny", "review"]) == "deny"
    assert strictest([], default="allow") == "allow"
    assert LABELS["allow_masked"].check == "伏字にすれば送信できます"
    assert LABELS["deny"].short == "拒否"


# ---------------------------------------------------------------- the audit entry


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    for url in database_url(request.param, tmp_path):
        d = Database(url)
        d.migrate()
        yield d
        d.dispose()


def _decision(muni: str, dept: str, verdict: str, user: str = "u1") -> AuditEntry:
    data = {"user": user, "department": dept, "municipality": muni, "verdict": verdict,
            "clauses": ["4.2"]}  # fmt: skip
    return AuditEntry("decision", f"r-{muni}-{dept}-{user}-{verdict}", data)


def test_entries_written_are_read_back_verified_and_scoped(db: Database) -> None:
    log = AuditLog(db, KEY)
    log.write(_decision("例示市", "福祉課", "deny"))
    seq = log.write(_decision("例示市", "税務課", "allow", user="u2"))
    log.append("outcome", "r-例示市-税務課-u2-allow", {"status": 200})
    log.write(_decision("隣の市", "福祉課", "review"))
    assert log.verify().ok

    entries = list(log.entries())
    assert [e.kind for e in entries] == ["decision", "decision", "outcome", "decision"]
    second = entries[1]
    assert (second.seq, second.municipality, second.department, second.user) == (
        seq, "例示市", "税務課", "u2",
    )  # fmt: skip
    assert second.row()["hash"] == second.hash and second.row()["seq"] == seq
    assert entries[2].municipality is None

    search = AuditSearch(db)
    since = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    until = since + dt.timedelta(days=2)
    city = Scope(municipality="例示市", department=None)
    found, more = search.find(city, since, until)
    assert [e.verdict for e in found] == ["allow", "deny"] and not more
    welfare = Scope(municipality="例示市", department="福祉課")
    assert [e.verdict for e in search.find(welfare, since, until)[0]] == ["deny"]
    # A department filter narrows only a scope that sees every department.
    assert search.find(welfare, since, until, department="税務課")[0][0].verdict == "deny"
    assert [e.user for e in search.find(city, since, until, user="u2")[0]] == ["u2"]

    exported = list(search.export(city, since, until))
    assert [e.kind for e in exported] == ["decision", "decision", "outcome"]
    assert [e.kind for e in search.export(OPERATOR, since, until)] == [e.kind for e in entries]

    counts = search.counts(city, 7)
    assert counts.total == 2 and counts.verdicts == {"deny": 1, "allow": 1}
    assert counts.departments == {"福祉課": 1, "税務課": 1} and counts.clauses == {"4.2": 2}


def test_a_review_that_approves_writes_its_permission(db: Database) -> None:
    store = UseCases(db)
    case = store.create(
        applicant="sato", title="要約", municipality="例示市", department="福祉課",
        field="welfare", ai_kind="generative", classes=["2"],
        service="example-foreign-japan-region", description="要約する。",
        risk_answers={}, risk_level="low", assessment={},
    )  # fmt: skip
    review, _ = _review("approved", grant=True, max_class="2", expires="2027-03-31")
    assert review is not None and review.grant is not None
    decided, grant_id = store.record_review(
        case.id, case.version, reviewer="judge", decision=review.decision,
        rationale=review.rationale, grant=grant_fields(case, review.grant),
    )  # fmt: skip
    assert decided.status == "approved" and grant_id is not None
    ((grant, row),) = Grants(db).all()
    assert (row.id, row.use_case, row.note) == (grant_id, case.code, f"{case.code} 要約")
    assert grant.expires == expiry_of("2027-03-31")


def test_grants_are_searched_active_first_and_platform_wide_ones_named(db: Database) -> None:
    grants = Grants(db)
    mine = grants.add(service="svc-a", municipality="例示市", department="福祉課", note="要約")
    wide = grants.add(service="svc-b", note="共同利用")
    gone = grants.add(service="svc-a", municipality="例示市", note="要約（旧）")
    assert grants.revoke(gone.id)
    city = Scope(municipality="例示市", department=None)
    assert [r.id for r in grants.search(scope=city)] == [
        *sorted([mine.id, wide.id]), gone.id,
    ]  # fmt: skip
    assert [r.id for r in grants.search("要約", scope=city)] == [mine.id, gone.id]
    assert [r.id for r in grants.search("svc-b", scope=city)] == [wide.id]
    assert grants.platform_wide(wide.id, scope=city)
    assert not grants.platform_wide(mine.id, scope=city)
    # Seen by the municipality, revoked only by the platform's operator.
    assert not grants.revoke(wide.id, scope=city) and grants.revoke(wide.id)
    assert not grants.platform_wide(wide.id, scope=city)
