"""Layering rules: lower layers tighten freely, loosen only at extension points."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from hinagata import User, check, load_policies, load_policy
from hinagata._yaml import DataFileError

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "policies"


def _layer(tmp: Path, name: str, body: str) -> Path:
    d = tmp / name
    d.mkdir(parents=True, exist_ok=True)
    (d / "policy.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    return d


CITY = """\
layer:
  id: test-city
  name: テスト市
  level: municipality
  version: "1"
  municipality: テスト市
  extends: national
"""


def test_national_template_loads_and_covers_the_required_chapters() -> None:
    p = load_policy()
    titles = {c.clause.title for _, clauses, _ in p.chapters for c in clauses}
    for needed in (
        "対象とするAI",
        "最高AI責任者（CAIO）",
        "利用管理者",
        "審査機関",
        "個人番号（マイナンバー）",
        "出力内容の確認",
        "権利の確認",
        "公表する文書への表示",
        "利用の記録",
        "報告",
        "委託先による生成AIの利用",
        "利用前の研修",
        "約款型サービスに入力できる情報",
    ):
        assert needed in titles, needed


def test_examples_load_with_provenance() -> None:
    p = load_policy(EXAMPLES / "example-city")
    assert [layer.level for layer in p.layers] == [
        "national",
        "platform",
        "municipality",
        "department",
    ]
    assert p.rules["R-P-1-special-care-lgwan"].layer == "example-pref-platform"
    assert p.rules["R-D-1-no-consumer-services"].department == "福祉課"
    assert p.municipality == "例示市"


def test_tightening_rule_applies(tmp_path: Path) -> None:
    d = _layer(
        tmp_path,
        "city",
        CITY
        + textwrap.dedent("""\
        chapters:
          - id: "T"
            title: 市の規定
            clauses:
              - id: T-1
                title: 国外サービスの制限
                text: 国外事業者のサービスは利用しない。
                rules:
                  - id: R-T-1
                    effect: forbid
                    actions: [send_raw, send_masked, request_review]
                    when: '!resource.domestic_provider'
                    message: テスト市では国外事業者のサービスを使いません。
                    remedy: 国内事業者のサービスを選んでください。
        """),
    )
    p = load_policy(d)
    d1 = check("市長の挨拶", "example-foreign-japan-region", p)
    assert d1.verdict == "deny" and d1.reasons[0].clause == "T-1"
    assert check("市長の挨拶", "example-domestic-lgwan", p).verdict == "allow"


def test_loosening_permit_in_a_lower_layer_is_refused_with_file_line_and_clause(
    tmp_path: Path,
) -> None:
    d = _layer(
        tmp_path,
        "city",
        CITY
        + textwrap.dedent("""\
        chapters:
          - id: "T"
            title: 市の規定
            clauses:
              - id: T-9
                title: 緩和
                rules:
                  - id: R-T-9
                    effect: permit
                    actions: [send_raw]
                    when: "true"
                    message: 何でも送れる
        """),
    )
    with pytest.raises(DataFileError) as info:
        load_policy(d)
    msg = str(info.value)
    assert "policy.yaml:" in msg and "T-9" in msg and "permit" in msg
    line = info.value.problems[0][0]
    assert (
        line is not None
        and "effect: permit"
        in (d / "policy.yaml").read_text(encoding="utf-8").splitlines()[line - 1]
    )


def test_extension_point_loosens_only_for_the_named_scope(tmp_path: Path) -> None:
    d = _layer(
        tmp_path,
        "city",
        CITY
        + textwrap.dedent("""\
        extensions:
          - point: EP-4.2-contracted-masked
            id: X-1
            departments: [市民課]
        """),
    )
    p = load_policy(d)
    text = "転入届：高橋 健一、生年月日 1988年11月2日"
    svc = "example-foreign-japan-region"
    assert check(text, svc, p, user=User(department="市民課")).verdict == "allow_masked"
    assert check(text, svc, p, user=User(department="総務課")).verdict == "review"
    # 3B stays closed: the extension point lifts only the review rule.
    assert (
        check("生活保護の相談に来た佐藤花子さん", svc, p, user=User(department="市民課")).verdict
        == "deny"
    )


@pytest.mark.parametrize(
    "extension, fragment",
    [
        ("  - point: EP-nope\n    id: X-1\n    departments: [a]\n", "EP-nope"),
        ("  - point: EP-4.2-contracted-masked\n    id: X-1\n", "departments"),
        (
            "  - point: EP-4.2-contracted-masked\n    id: X-1\n    services: [no-such-service]\n",
            "no-such-service",
        ),
    ],
)
def test_bad_extension_uses_are_refused(tmp_path: Path, extension: str, fragment: str) -> None:
    d = _layer(tmp_path, "city", CITY + "extensions:\n" + extension)
    with pytest.raises(DataFileError) as info:
        load_policy(d)
    assert fragment in str(info.value)


def test_invalid_cedar_condition_names_the_rule(tmp_path: Path) -> None:
    d = _layer(
        tmp_path,
        "city",
        CITY
        + textwrap.dedent("""\
        chapters:
          - id: "T"
            clauses:
              - id: T-1
                title: 誤り
                rules:
                  - id: R-T-1
                    effect: forbid
                    actions: [send_raw]
                    when: context.clas_rank >= 2
                    message: 誤記
        """),
    )
    with pytest.raises(DataFileError) as info:
        load_policy(d)
    assert "clas_rank" in str(info.value)
    line = info.value.problems[0][0]
    assert (
        line is not None
        and "when:" in (d / "policy.yaml").read_text(encoding="utf-8").splitlines()[line - 1]
    )


def test_condition_cannot_smuggle_a_second_policy(tmp_path: Path) -> None:
    d = _layer(
        tmp_path,
        "city",
        CITY
        + textwrap.dedent("""\
        chapters:
          - id: "T"
            clauses:
              - id: T-1
                title: 注入
                rules:
                  - id: R-T-1
                    effect: forbid
                    actions: [send_raw]
                    when: 'false }; permit (principal, action, resource) when { true'
                    message: x
        """),
    )
    with pytest.raises(DataFileError):
        load_policy(d)


def test_duplicate_clause_and_broken_yaml_and_missing_parent(tmp_path: Path) -> None:
    d = _layer(
        tmp_path,
        "dup",
        CITY + 'chapters:\n  - id: "X"\n    clauses:\n      - id: "4.1"\n        title: 重複\n',
    )
    with pytest.raises(DataFileError, match=r"4\.1"):
        load_policy(d)
    d = _layer(tmp_path, "broken", CITY + "chapters: [\n")
    with pytest.raises(DataFileError, match="YAML"):
        load_policy(d)
    d = _layer(tmp_path, "orphan", CITY.replace("extends: national", "extends: ../nowhere"))
    with pytest.raises(DataFileError, match="nowhere"):
        load_policy(d)


def test_level_order_is_enforced(tmp_path: Path) -> None:
    _layer(tmp_path, "city", CITY)
    d = _layer(
        tmp_path,
        "platform",
        CITY.replace("level: municipality", "level: platform").replace("national", "../city"),
    )
    with pytest.raises(DataFileError, match=r"順序|order"):
        load_policy(d)


def test_department_layer_rules_apply_to_that_department_only() -> None:
    p = load_policy(EXAMPLES / "example-city")
    welfare = check("市長の挨拶", "example-consumer-chat", p, user=User(department="福祉課"))
    general = check("市長の挨拶", "example-consumer-chat", p, user=User(department="総務課"))
    assert (welfare.verdict, general.verdict) == ("deny", "allow")
    assert welfare.reasons[0].clause == "D-1"


def test_municipalities_side_by_side_use_their_own_policy() -> None:
    ps = load_policies([EXAMPLES / "example-city", EXAMPLES / "example-town"])
    assert set(ps.municipalities) == {"例示市", "例示町"}
    text = "転入届：高橋 健一、生年月日 1988年11月2日"
    city = check(
        text,
        "example-foreign-japan-region",
        ps,
        municipality="例示市",
        user=User(department="福祉課"),
    )
    town = check(
        text,
        "example-foreign-japan-region",
        ps,
        municipality="例示町",
        user=User(department="福祉課"),
    )
    assert (city.verdict, town.verdict) == ("allow_masked", "review")
    assert town.information_class == "2"  # the town names classes on the older three-level scheme
    with pytest.raises(KeyError, match="例示村"):
        check(text, "example-domestic-lgwan", ps, municipality="例示村")


def test_municipal_class_rule_tightens() -> None:
    p = load_policy(EXAMPLES / "example-city")
    d = check("相談者はDV被害で保護命令を申し立てた", "example-domestic-lgwan", p)
    assert d.information_class == "3B"


def test_disclosure_is_inherited_reworded_and_only_turned_on(tmp_path: Path) -> None:
    national = load_policy()
    assert national.disclosure is not None
    assert national.disclosure.header and not national.disclosure.append_to_answer
    town = load_policy(EXAMPLES / "example-town")
    assert town.disclosure is not None and town.disclosure.append_to_answer
    assert "例示町" in town.disclosure.text
    # A layer that says nothing keeps what is above.
    assert load_policy(EXAMPLES / "example-city").disclosure == national.disclosure
    # Turning the header off loosens: refused, naming the line.
    d = _layer(
        tmp_path,
        "city",
        CITY
        + textwrap.dedent("""\
        disclosure:
          clauses: ["8.1"]
          header: false
          text: 表示しない
        """),
    )
    with pytest.raises(DataFileError, match="header") as info:
        load_policy(d)
    line = info.value.problems[0][0]
    assert (
        line is not None
        and "header: false"
        in (d / "policy.yaml").read_text(encoding="utf-8").splitlines()[line - 1]
    )


def test_disclosure_must_cite_an_existing_clause(tmp_path: Path) -> None:
    d = _layer(
        tmp_path,
        "city",
        CITY + 'disclosure: {clauses: ["99.9"], text: 表示}\n',
    )
    with pytest.raises(DataFileError, match=r"99\.9"):
        load_policy(d)
