"""研修 (training before use): the policy's training section and its layering, the course
and quiz generated from the effective policy and answered by the engine, the state a
passed attempt gives, the records (SQLite and PostgreSQL), the handout and the CLI.
Case texts and people invented."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from _db import BACKENDS, database_url
from hinagata import check
from hinagata._yaml import DataFileError
from hinagata.cli import app
from hinagata.decide import User
from hinagata.policy import load_policy
from hinagata.store import Database, Scope
from hinagata.training import (
    Attempt,
    TrainingRecords,
    _quiz,
    build_course,
    chapter_versions,
    course_version,
    draw,
    question_pool,
    records_csv,
    render_handout,
    score,
    state_of,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "policies"
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def city():  # type: ignore[no-untyped-def]
    return load_policy(EXAMPLES / "example-city")


def _copy_examples(tmp_path: Path) -> Path:
    """A copy of the example layers that a test may edit; the city's directory."""
    dest = tmp_path / "policies"
    shutil.copytree(EXAMPLES, dest)
    return dest / "example-city"


def _passed(policy, department: str, *, days: int = 365, at: dt.datetime = NOW) -> Attempt:  # type: ignore[no-untyped-def]
    versions = chapter_versions(policy, department)
    return Attempt(
        id=1, municipality="例示市", department=department, login="sato", seed=1,
        policy_version=policy.version, course_version=course_version(versions),
        chapters=versions, questions=10, correct=9, pass_mark=80, passed=True,
        started_at=at, completed_at=at, expires_at=at + dt.timedelta(days=days),
    )  # fmt: skip


# ---------------------------------------------------------------------------- the policy


def test_the_national_template_sets_the_training_and_notes_name_clauses(city) -> None:  # type: ignore[no-untyped-def]
    t = load_policy().training
    assert t is not None and t.clauses == ("5.1",)
    assert (t.pass_mark, t.questions, t.valid_days) == (80, 10, 365)
    assert t.renew_on_change and t.accept_confirmed
    clause_ids = {c.clause.id for _, cl, _ in city.chapters for c in cl}
    assert set(t.notes) <= clause_ids and "4.2" in t.notes


def _city_with(tmp_path: Path, training: str) -> Path:
    city_dir = _copy_examples(tmp_path)
    with (city_dir / "policy.yaml").open("a", encoding="utf-8") as f:
        f.write("\n" + training)
    return city_dir


def test_a_municipality_may_tighten_the_training_and_keeps_what_it_does_not_set(
    tmp_path: Path,
) -> None:
    city_dir = _city_with(
        tmp_path,
        'training:\n  clauses: ["5.1"]\n  pass_mark: 90\n  accept_confirmed: false\n'
        '  notes: {"M-1": 議会答弁案は公表前に内容が変わるため、外部のサービスに入力しません。}\n',
    )
    t = load_policy(city_dir).training
    assert t is not None
    assert (t.pass_mark, t.questions, t.valid_days, t.accept_confirmed) == (90, 10, 365, False)
    assert "議会答弁案" in t.notes["M-1"] and "4.2" in t.notes  # the national notes stay
    course = build_course(load_policy(city_dir), "市民課")
    m1 = next(c for lesson in course.lessons for c in lesson.clauses if c.id == "M-1")
    assert m1.why.startswith("議会答弁案は公表前に")


@pytest.mark.parametrize(
    ("section", "field"),
    [
        ('training:\n  clauses: ["5.1"]\n  pass_mark: 60\n', "training.pass_mark"),
        ('training:\n  clauses: ["5.1"]\n  valid_days: 730\n', "training.valid_days"),
        ('training:\n  clauses: ["5.1"]\n  questions: 5\n', "training.questions"),
        ('training:\n  clauses: ["5.1"]\n  renew_on_change: false\n', "training.renew_on_change"),
        ('training:\n  clauses: ["5.1"]\n  notes: {"Z-9": 存在しない条項}\n', "training.notes"),
        ('training:\n  clauses: ["99.9"]\n', "training.clauses"),
    ],
)
def test_a_lower_layer_cannot_relax_the_training(tmp_path: Path, section: str, field: str) -> None:
    with pytest.raises(DataFileError) as exc:
        load_policy(_city_with(tmp_path, section))
    assert field in str(exc.value) and "policy.yaml" in str(exc.value)


def test_a_department_layer_cannot_set_the_training(tmp_path: Path) -> None:
    city_dir = _copy_examples(tmp_path)
    welfare = city_dir / "departments" / "welfare" / "policy.yaml"
    welfare.write_text(
        welfare.read_text("utf-8") + '\ntraining:\n  clauses: ["5.1"]\n  pass_mark: 95\n', "utf-8"
    )
    with pytest.raises(DataFileError, match="training"):
        load_policy(city_dir)


# ---------------------------------------------------------------------------- the quiz


def test_case_answers_are_the_judgment_of_the_text_for_the_department(city) -> None:  # type: ignore[no-untyped-def]
    for department in ("福祉課", "市民課"):
        pool = question_pool(city, department)
        cases = [q for q in pool.questions if q.kind == "case"]
        assert len(cases) == 27 and not pool.uncertain  # 9 cases × 3 services
        for q in cases:
            d = check(q.text, q.service, city, user=User(department=department, municipality="例示市"))
            assert q.answer == d.verdict, q.id
            assert [r.clause for r in q.reasons] == [r.clause for r in d.reasons]
            assert q.answer_label in {c.label for c in q.choices}
    by_id = question_pool(city, "市民課").by_id
    # What the template's authors meant, independently of the engine:
    assert by_id["case:public-notice:example-consumer-chat"].answer == "allow"
    assert by_id["case:secret-document:example-domestic-lgwan"].answer == "deny"
    assert all(by_id[f"case:my-number:{s}"].answer != "allow" for s in
               ("example-domestic-lgwan", "example-foreign-japan-region", "example-consumer-chat"))  # fmt: skip


def test_the_departments_extension_and_rules_change_its_answers(city) -> None:  # type: ignore[no-untyped-def]
    welfare = question_pool(city, "福祉課").by_id
    citizens = question_pool(city, "市民課").by_id
    # EP-4.2-contracted-masked is used for 福祉課 on the Japan-region service.
    q = "case:moving-in:example-foreign-japan-region"
    assert (citizens[q].answer, welfare[q].answer) == ("review", "allow_masked")
    # 福祉課's own layer (D-1) refuses the consumer service even for a public text.
    q = "case:public-notice:example-consumer-chat"
    assert (citizens[q].answer, welfare[q].answer) == ("allow", "deny")
    assert welfare[q].local and any(r.clause == "D-1" for r in welfare[q].reasons)


def test_changing_a_municipality_clause_changes_the_generated_questions(tmp_path: Path) -> None:
    city_dir = _copy_examples(tmp_path)
    before = load_policy(city_dir)
    layer = city_dir / "policy.yaml"
    text = layer.read_text("utf-8")
    # M-1 now lets internal drafts go to the contracted Japan-region service too.
    edited = text.replace(
        'resource.service_type != "wg_compliant"',
        'resource.service_type == "standard_or_unknown"',
    )
    assert edited != text
    layer.write_text(edited, "utf-8")
    after = load_policy(city_dir)
    q = "case:internal-draft:example-foreign-japan-region"
    old, new = question_pool(before, "市民課").by_id[q], question_pool(after, "市民課").by_id[q]
    assert (old.answer, new.answer) == ("deny", "allow")
    assert "M-1" in [r.clause for r in old.reasons] and "M-1" not in [r.clause for r in new.reasons]
    # The drawn questions of one seed differ, and so does chapter M's version.
    seeds = range(20)
    drawn = [
        [(x.id, x.answer) for x in draw(question_pool(p, "市民課"), 10, s)]
        for p in (before, after)
        for s in seeds
    ]
    assert drawn[: len(seeds)] != drawn[len(seeds) :]
    v0, v1 = chapter_versions(before, "市民課"), chapter_versions(after, "市民課")
    assert [k for k in v0 if v0[k] != v1.get(k)] == ["M"]


def test_an_uncertain_case_is_never_asked(city, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    data = _quiz._data()
    wrong_intent = data.cases[1].model_copy(update={"id": "wrong-intent", "class_": "3C"})
    monkeypatch.setattr(_quiz, "_data", lambda: data.model_copy(update={"cases": (*data.cases, wrong_intent)}))
    monkeypatch.setattr(_quiz, "_CACHE", {})
    pool = question_pool(city, "総務課")
    assert pool.uncertain == ("wrong-intent",)
    assert not any(q.id.startswith("case:wrong-intent:") for q in pool.questions)


def test_role_questions_quote_the_clause_with_its_local_text(tmp_path: Path) -> None:
    city_dir = _copy_examples(tmp_path)
    layer = city_dir / "policy.yaml"
    layer.write_text(
        layer.read_text("utf-8").replace(
            "changes:\n",
            'changes:\n  - clause: "10.1"\n    append_text: 例示市では、情報政策課（内線1234）に報告する。\n',
        ),
        "utf-8",
    )
    q = question_pool(load_policy(city_dir), "市民課").by_id["role:incident"]
    assert q.answer == "usage_admin_and_security" and q.local
    assert any("内線1234" in p for p in q.clause_text)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**31 - 2), n=st.integers(min_value=3, max_value=20))
def test_an_attempt_draws_distinct_questions_fixed_by_its_seed(seed: int, n: int) -> None:
    pool = question_pool(load_policy(EXAMPLES / "example-city"), "福祉課")
    qs = draw(pool, n, seed)
    assert [q.id for q in qs] == [q.id for q in draw(pool, n, seed)]
    assert len(qs) == n == len({q.id for q in qs})
    assert sum(q.kind == "role" for q in qs) == max(1, n // 5)
    local = [q for q in pool.questions if q.kind == "case" and q.local]
    n_cases = n - max(1, n // 5)
    assert sum(q.kind == "case" and q.local for q in qs) >= min(len(local), n_cases // 2)


@settings(deadline=None)
@given(n=st.integers(min_value=1, max_value=30), mark=st.integers(min_value=1, max_value=100),
       right=st.integers(min_value=0, max_value=30))  # fmt: skip
def test_scoring_counts_right_answers_against_the_pass_mark(n: int, mark: int, right: int) -> None:
    right = min(right, n)
    pool = question_pool(load_policy(EXAMPLES / "example-city"), "福祉課")
    qs = list(pool.questions[:n])
    assert len(qs) == n
    answers = {q.id: q.answer for q in qs[:right]}
    answers.update({q.id: "nonsense" for q in qs[right:]})
    s = score(qs, answers, mark)
    assert (s.correct, s.total) == (right, len(qs))
    assert s.passed == (right * 100 >= mark * len(qs))
    assert list(s.right) == [i < right for i in range(len(qs))]


# ---------------------------------------------------------------------------- the state


def test_a_passed_attempt_counts_until_it_expires(city) -> None:  # type: ignore[no-untyped-def]
    att = _passed(city, "市民課", days=365)
    ok = state_of(city, "市民課", confirmed=False, attempt=att, now=NOW + dt.timedelta(days=364))
    assert ok.trained and ok.status == "passed" and ok.expires_at == att.expires_at
    late = state_of(city, "市民課", confirmed=False, attempt=att, now=NOW + dt.timedelta(days=365))
    assert not late.trained and late.status == "expired"
    assert not state_of(city, "市民課", confirmed=False, attempt=None, now=NOW).trained


def test_a_change_in_a_chapter_the_department_uses_asks_for_the_course_again(
    tmp_path: Path,
) -> None:
    city_dir = _copy_examples(tmp_path)
    before = load_policy(city_dir)
    welfare_att, citizens_att = _passed(before, "福祉課"), _passed(before, "市民課")
    dept = city_dir / "departments" / "welfare" / "policy.yaml"
    dept.write_text(dept.read_text("utf-8").replace("約款型のサービスを業務に利用しない。",
                                                     "約款型のサービスを一切利用しない。"), "utf-8")  # fmt: skip
    after = load_policy(city_dir)
    w = state_of(after, "福祉課", confirmed=False, attempt=welfare_att, now=NOW)
    assert not w.trained and w.status == "changed" and w.changed == ("D",)
    # 市民課 does not use 福祉課's layer: its training still counts.
    assert state_of(after, "市民課", confirmed=False, attempt=citizens_att, now=NOW).trained
    # Moving to another department is a change too (its chapters are not those passed).
    assert not state_of(after, "市民課", confirmed=False, attempt=welfare_att, now=NOW).trained


def test_the_administrators_confirmation_counts_only_where_the_policy_accepts_it(  # type: ignore[no-untyped-def]
    tmp_path: Path, city
) -> None:
    assert state_of(city, "市民課", confirmed=True, attempt=None, now=NOW).status == "confirmed"
    strict = load_policy(_city_with(tmp_path, 'training:\n  clauses: ["5.1"]\n  accept_confirmed: false\n'))
    assert not state_of(strict, "市民課", confirmed=True, attempt=None, now=NOW).trained
    assert state_of(strict, "市民課", confirmed=True, attempt=_passed(strict, "市民課"), now=NOW).trained


# ---------------------------------------------------------------------------- the records


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    for url in database_url(request.param, tmp_path):
        d = Database(url)
        d.migrate()
        try:
            yield d
        finally:
            d.dispose()


def _start(records: TrainingRecords, login: str, municipality: str = "例示市",
           department: str = "市民課") -> Attempt:  # fmt: skip
    return records.start(municipality=municipality, department=department, login=login,
                         policy_version="v1", course_version="c1", chapters={"1": "a"},
                         questions=10, pass_mark=80)  # fmt: skip


def test_an_attempt_is_closed_once_by_its_owner_and_keeps_no_answers(db: Database) -> None:
    records = TrainingRecords(db)
    a = _start(records, "sato")
    assert a.open and records.own(a.id, municipality="例示市", login="suzuki") is None
    assert records.own(a.id, municipality="例示町", login="sato") is None
    assert records.finish(a.id, login="suzuki", municipality="例示市", correct=10, passed=True,
                          valid_days=365) is None  # fmt: skip
    done = records.finish(a.id, login="sato", municipality="例示市", correct=9, passed=True,
                          valid_days=30, now=NOW)  # fmt: skip
    assert done is not None and done.expires_at == NOW + dt.timedelta(days=30)
    assert records.finish(a.id, login="sato", municipality="例示市", correct=0, passed=False,
                          valid_days=30) is None  # closed: the score cannot be rewritten  # fmt: skip
    latest = records.latest_passed(municipality="例示市", login="sato")
    assert latest is not None and latest.correct == 9
    failed = _start(records, "sato")
    records.finish(failed.id, login="sato", municipality="例示市", correct=2, passed=False, valid_days=30)
    latest = records.latest_passed(municipality="例示市", login="sato")
    assert latest is not None and latest.id == a.id  # a failed attempt later does not undo it


def test_records_are_read_in_scope_and_exported_safely(db: Database) -> None:
    records = TrainingRecords(db)
    for login, muni, dept in (("sato", "例示市", "市民課"), ("=HYPERLINK(1)", "例示市", "福祉課"),
                              ("town", "例示町", "市民課")):  # fmt: skip
        a = _start(records, login, muni, dept)
        records.finish(a.id, login=login, municipality=muni, correct=8, passed=True, valid_days=365)
    _start(records, "open-one")  # not completed: not a record yet
    citizens = records.completed(scope=Scope("例示市", "市民課"))
    assert [a.login for a in citizens] == ["sato"]
    city = records.completed(scope=Scope("例示市", None))
    assert {a.login for a in city} == {"sato", "=HYPERLINK(1)"}
    rows = list(csv.reader(io.StringIO(records_csv(city).lstrip("\ufeff"))))
    assert "answer" not in ",".join(rows[0])
    assert {r[0] for r in rows[1:]} == {"sato", "'=HYPERLINK(1)"}


# ---------------------------------------------------------------------------- handout, CLI


def test_the_handout_pdf_has_the_departments_course_in_japanese(tmp_path: Path, city) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    from hinagata.render._render import japanese_font_installed

    assert japanese_font_installed(), "scripts/setup.sh installs fonts-ipaexfont"
    out = render_handout(city, tmp_path / "研修資料.pdf", department="福祉課", date=dt.date(2026, 12, 1))
    reader = PdfReader(str(out))
    text = "\n".join(p.extract_text() for p in reader.pages)
    for expected in ("生成AI利用前研修", "第4章", "未定稿の議会答弁案", "福祉課の運用", "例題", "なぜ"):
        assert expected in text.replace(" ", ""), expected
    fonts: set[str] = set()
    for p in reader.pages:
        for f in (p["/Resources"].get("/Font") or {}).values():  # type: ignore[attr-defined]
            fonts.add(str(f.get_object().get("/BaseFont")))
    assert any("IPAex" in f or "Noto" in f for f in fonts), fonts
    citizens = build_course(city, "市民課")
    assert "D" not in [lesson.chapter for lesson in citizens.lessons]


def test_cli_builds_the_handout_and_lists_the_training_state(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "研修資料.html"
    r = runner.invoke(app, ["training", "build", "--policy", str(EXAMPLES / "example-city"),
                            "-d", "福祉課", "-o", str(out)])  # fmt: skip
    assert r.exit_code == 0, r.output
    html = out.read_text("utf-8")
    assert "福祉課の運用" in html and "<script" not in html
    r = runner.invoke(app, ["training", "build", "-o", str(tmp_path / "x.docx")])
    assert r.exit_code == 2 and "pdf" in r.output
    cfg = tmp_path / "gateway.yaml"
    cfg.write_text(f"database_url: sqlite:///{tmp_path / 'h.db'}\nsecret_file: {tmp_path / 's'}\n"
                   "create_secret: true\nmodels:\n"
                   "  - {name: wg, service: example-domestic-lgwan, upstream: {demo: true}}\n",
                   "utf-8")  # fmt: skip
    db = Database(f"sqlite:///{tmp_path / 'h.db'}")
    db.migrate()
    from hinagata.store import Accounts

    Accounts(db).create(login="sato", password="correct-horse-battery", department="市民課")
    Accounts(db).create(login="kato", password="correct-horse-battery", department="市民課")
    records = TrainingRecords(db)
    a = _start(records, "sato", municipality="")
    policy = load_policy()
    versions = chapter_versions(policy, "市民課")
    with db.write_conn() as conn:  # the attempt as the web page would have opened it
        from sqlalchemy import update

        from hinagata.store._models import TrainingRecord

        conn.execute(update(TrainingRecord).values(chapters=versions))
    records.finish(a.id, login="sato", municipality="", correct=9, passed=True, valid_days=365)
    r = runner.invoke(app, ["training", "status", "--config", str(cfg)])
    assert r.exit_code == 0, r.output
    lines = {line.split("│")[1].strip(): line for line in r.output.splitlines() if "│" in line}
    assert "受講済み" in lines["sato"] and "未受講" in lines["kato"]
    r = runner.invoke(app, ["training", "status", "--config", str(cfg), "--csv"])
    assert r.exit_code == 0 and r.output.splitlines()[0].startswith("login,department")
