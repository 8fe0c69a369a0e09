"""Identification by content (特異な記述): the combination rule as policy data, the verdicts
of the issue's examples, and generalisation that removes identification (issue 11, items 3–4)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hinagata import check, load_policy, scan
from hinagata._check import national_policy
from hinagata._yaml import DataFileError
from hinagata.assess import IdentificationRule, assess, content_identification

SERVICES = ("example-domestic-lgwan", "example-foreign-japan-region", "example-consumer-chat")

#: The issue's three content-identifying examples and POLICY_DEFAULTS §4's two.
BY_CONTENT = {
    "〇〇町大字北原に住む87歳の男性で、元町議会議員。先月から認知症の症状があり、長男と二人暮らし。": (
        "3B",
        ("allow_masked", "deny", "deny"),
    ),
    "佐藤さんの奥さん（市役所の近くでパン屋を経営）が、ＤＶ被害で避難している。": (
        "3B",
        ("allow_masked", "deny", "deny"),
    ),
    "市立第二中学校3年1組の女子生徒が不登校になっており、担任が家庭訪問をしている。": (
        "3C",
        ("allow_masked", "review", "deny"),
    ),
    "字東谷の集落で暮らす90代の元消防団長が、がんで入院中": (
        "3B",
        ("allow_masked", "deny", "deny"),
    ),
    "市内に一軒だけの鍛冶屋を営む70代男性が、うつ病で通院": (
        "3B",
        ("allow_masked", "deny", "deny"),
    ),
}


def _content(text: str, rule: IdentificationRule | None = None) -> tuple[bool, tuple[str, ...]]:
    r = content_identification(scan(text), text, rule or national_policy().identification)
    return r.identifiable, r.kinds


@pytest.mark.parametrize("text", list(BY_CONTENT))
def test_the_examples_identify_by_content_and_are_never_allowed_raw(text: str) -> None:
    klass, verdicts = BY_CONTENT[text]
    decisions = [check(text, s) for s in SERVICES]
    assert tuple(d.verdict for d in decisions) == verdicts
    assert decisions[0].information_class == klass
    assert decisions[0].identifiable and decisions[0].content_kinds


@pytest.mark.parametrize("text", list(BY_CONTENT))
def test_the_examples_are_masked_by_generalisation(text: str) -> None:
    d = check(text, SERVICES[0])
    assert d.verdict == "allow_masked" and d.masked_text is not None
    assert d.generalised, "generalisation expected"
    for g in d.generalised:
        assert g.text not in d.masked_text or g.replacement == g.text
    # Re-scanned from scratch, the masked text no longer identifies by content.
    identifiable, kinds = _content(d.masked_text)
    assert not identifiable, (d.masked_text, kinds)
    assert "一般化" in d.reasons[0].remedy


def test_the_issues_generalisations() -> None:
    d = check(
        "〇〇町大字北原に住む87歳の男性で、元町議会議員。先月から認知症の症状があり、長男と二人暮らし。",
        SERVICES[0],
    )
    assert d.masked_text is not None
    assert "80代" in d.masked_text and "〔役職1〕" in d.masked_text
    assert "87歳" not in d.masked_text and "北原" not in d.masked_text
    # Special-care content stays (POLICY_DEFAULTS §3): the stages stop before it.
    assert "認知症" in d.masked_text
    got = {(g.kind, g.text, g.replacement) for g in d.generalised}
    assert ("age", "87歳", "80代") in got and ("role", "元町議会議員", "〔役職1〕") in got
    # Generalisations are not placeholders: they are not restored.
    assert d.masked is not None and "〔役職1〕" not in d.masked.mapping


def test_event_date_generalised_to_the_month() -> None:
    text = "元民生委員の87歳の男性が令和6年4月3日に入院した。"
    d = check(text, SERVICES[0])
    assert d.verdict == "allow_masked", d.reasons
    assert d.masked_text is not None and "令和6年4月に入院" in d.masked_text
    assert "80代" in d.masked_text and "民生委員" not in d.masked_text


def test_reason_names_the_combination_in_japanese() -> None:
    d = check("字東谷の集落で暮らす90代の元消防団長が、がんで入院中", SERVICES[0])
    messages = [r.message for r in d.reasons if r.clause == "4.9"]
    assert messages == [
        "地域・役職・個人の事情の組合せにより、特定の個人を識別できるおそれがあります。"
    ]
    assert d.to_dict()["content_kinds"] == ["area", "role", "matter"]
    assert d.to_dict()["generalised"]


@pytest.mark.parametrize(
    "text",
    [
        "長谷川さんの奥様が入院された",  # kin + a matter only (POLICY_DEFAULTS §4: class 2)
        "30代女性から相談があった",
        "30代女性が入院した",
        "50代女性、アルコール依存症で入院歴あり",
        "令和6年の大字北原の65歳以上の人口は42人で、前年より3人減少した。",  # statistics
        "市長の年頭挨拶の原稿を作って",
        "校長会で不登校対策を協議した。",
        "駅前のパン屋で買い物をした。",
        "各地区の自治会長に回覧を依頼する。",
        # a relative of an anonymous person weighs little (kin_described)
        "来所：南区在住の33歳女性。夫の失業で家計が苦しい。",
        "北区本町在住の29歳の母親、育休中。",
    ],
)
def test_non_identifying_texts(text: str) -> None:
    identifiable, kinds = _content(text)
    assert not identifiable, kinds
    assert check(text, SERVICES[0]).information_class in ("1", "2")


def test_hasegawa_stays_class_2_and_special_care_without_a_name_is_personal() -> None:
    assert check("長谷川さんの奥様が入院された", SERVICES[0]).information_class == "2"
    d = check("50代女性、アルコール依存症で入院歴あり", SERVICES[2])
    assert (d.information_class, d.verdict) == ("2", "deny")


def test_an_informant_role_is_not_weighed() -> None:
    # 民生委員から：… the role reports; the kin is someone else's (大西さんの息子さん)
    identifiable, _ = _content(
        "民生委員から：大西さんの息子さんが警察に捕まったらしいと、噂になっている。"
    )
    assert not identifiable


def test_role_with_a_personal_matter_identifies() -> None:
    assert _content("町長が先週から入院している")[0]
    assert _content("元民生委員の男性が苦情を申し立てた")[0]
    assert not _content("民生委員の研修会を開催します")[0]


def test_ages_of_100_and_singulars_identify_with_a_matter() -> None:
    assert _content("百五歳の女性が入院した")[0]
    assert _content("町内最高齢の女性が骨折で入院")[0]
    assert not _content("105歳以上の方への記念品")[0]


def test_small_area_and_age_need_a_third_attribute_nationally() -> None:
    assert not _content("大字北原の87歳の男性")[0]
    assert _content("大字北原の87歳の男性で、双子の兄と暮らす")[0]


def test_paragraphs_are_weighed_apart() -> None:
    assert not _content("大字北原の件。\n\n87歳の方の話。\n\n双子の件。")[0]
    assert _content("大字北原の87歳の方で、双子の兄と暮らす。")[0]


# --- the rule is policy data: a municipality only tightens ---------------------------------

CITY = """\
layer:
  id: test-town
  name: テスト町
  level: municipality
  version: "1"
  municipality: テスト町
  extends: national
"""


def _layer(tmp: Path, body: str) -> Path:
    d = tmp / "town"
    d.mkdir(parents=True, exist_ok=True)
    (d / "policy.yaml").write_text(textwrap.dedent(CITY + body), encoding="utf-8")
    return d


def test_a_small_town_takes_fewer_attributes(tmp_path: Path) -> None:
    text = "大字北原の87歳の男性から相談があった。"
    assert check(text, SERVICES[0]).information_class == "2"
    p = load_policy(_layer(tmp_path, "identification:\n  size_band: under_10k\n"))
    assert p.identification is not None and p.identification.effective_threshold == 3
    d = check(text, SERVICES[0], p)
    assert d.identifiable and d.information_class == "3C"
    assert d.verdict == "allow_masked"


def test_listed_small_areas_weigh_more_and_are_found_bare(tmp_path: Path) -> None:
    body = """\
    identification:
      small_areas:
        - {name: 東谷, households: 12}
    """
    p = load_policy(_layer(tmp_path, textwrap.dedent(body)))
    text = "東谷の集落で暮らす87歳の男性から相談があった。"
    assert not check(text, SERVICES[0]).identifiable
    d = check(text, SERVICES[0], p)
    assert d.identifiable and "area" in d.content_kinds
    assert d.verdict == "allow_masked" and d.masked_text is not None
    assert "東谷" not in d.masked_text


@pytest.mark.parametrize(
    "body, field",
    [
        ("identification:\n  threshold: 6\n", "identification.threshold"),
        ("identification:\n  weights: {role: 1}\n", "identification.weights.role"),
        ("identification:\n  band_thresholds: {under_10k: 5}\n", "identification.band_thresholds"),
        ("identification:\n  unique: [role]\n", "identification.unique"),
        ("identification:\n  weights: {height: 3}\n", "identification.weights"),
        ("identification:\n  size_band: tiny\n", "identification.size_band"),
        ("identification:\n  clauses: ['9.99']\n", "identification.clauses"),
    ],
)
def test_loosening_or_malformed_rules_name_file_line_and_field(
    tmp_path: Path, body: str, field: str
) -> None:
    d = _layer(tmp_path, body)
    with pytest.raises(DataFileError) as info:
        load_policy(d)
    msg = str(info.value)
    assert "policy.yaml" in msg and field in msg, msg
    assert ":" in msg  # file:line


def test_a_department_cannot_set_the_rule(tmp_path: Path) -> None:
    town = _layer(tmp_path, "layer_departments: []\n".replace("layer_departments: []\n", ""))
    dept = tmp_path / "town" / "dept"
    dept.mkdir()
    (dept / "policy.yaml").write_text(
        textwrap.dedent(
            """\
            layer:
              id: test-dept
              name: テスト課
              level: department
              version: "1"
              department: 福祉課
              extends: ..
            identification:
              threshold: 3
            """
        ),
        encoding="utf-8",
    )
    text = (
        (town / "policy.yaml")
        .read_text("utf-8")
        .replace("  extends: national\n", "  extends: national\n  departments: [dept]\n")
    )
    (town / "policy.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_policy(town)
    assert "identification" in str(info.value)


def test_tightening_is_accepted(tmp_path: Path) -> None:
    body = """\
    identification:
      size_band: 10k_50k
      threshold: 3.5
      weights: {role: 4}
      unique: [role, school_class, singular, age_100, workplace_run, rare_condition]
    """
    p = load_policy(_layer(tmp_path, textwrap.dedent(body)))
    rule = p.identification
    assert rule is not None
    assert rule.weights["role"] == 4 and rule.weights["area"] == 2
    assert rule.effective_threshold == 3 and "rare_condition" in rule.unique


def test_without_the_rule_only_direct_identifiers_count() -> None:
    p = national_policy()
    text = "字東谷の集落で暮らす90代の元消防団長が、がんで入院中"
    a = assess(scan(text), text, p.class_rules, p.markings)
    assert not a.identifiable
    assert assess(scan(text), text, p.class_rules, p.markings, content=p.identification).rank == 4


# --- properties -------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "大字北原",
        "字東谷の集落で",
        "87歳の",
        "百二歳の",
        "元町議会議員",
        "民生委員",
        "3年1組の",
        "駅前のパン屋を経営する",
        "双子の",
        "長男と二人暮らし",
        "パーキンソン病",
        "令和6年4月3日に転入し",
        "佐藤さんの奥さん",
        "最高齢の",
        "唯一の",
        "不登校",
        "入院",
        "男性",
        "女性が",
        "、",
        "。",
        "で",
        # the forms added on the second tune set: the masked text must not identify when
        # read again either (a placeholder changes the words around it)
        "妻は",
        "総務課長の",
        "「喫茶ポプラ」のマスター",
        "保健師は1名のみ",
        "10月9日から学校に来ていない",
        "上川原地区に住む",
        "日吉本町在住の",
        "（76歳）",
        "消防団分団長",
        "村立小学校2年の",
    ]
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=1, max_size=10))
def test_a_generalised_text_re_assessed_never_identifies(parts: list[str]) -> None:
    text = "".join(parts)
    d = check(text, SERVICES[0])
    if d.verdict != "allow_masked":
        return
    assert d.masked_text is not None
    rescanned = scan(d.masked_text)
    p = national_policy()
    again = assess(rescanned, d.masked_text, p.class_rules, p.markings, content=p.identification)
    assert not again.content_identifiable, (text, d.masked_text, again.content_kinds)
    assert not again.identifiable, (text, d.masked_text, again.identifiable_because)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=1, max_size=10))
def test_generalisation_offsets_index_the_text(parts: list[str]) -> None:
    text = "".join(parts)
    d = check(text, SERVICES[0])
    for g in d.generalised:
        assert text[g.start : g.end] == g.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=1, max_size=10))
def test_mask_edits_map_the_text_onto_the_masked_text(parts: list[str]) -> None:
    from hinagata.mask import Masker

    text = "".join(parts)
    findings = scan(text)
    quasi = [f for f in findings if f.type == "QUASI_IDENTIFIER"]
    m = Masker().mask(text, findings, quasi)
    # Outside the edits the two texts are the same characters in the same order.
    pos = mpos = 0
    for s, e, ms, me in m.edits:
        assert text[pos:s] == m.text[mpos:ms]
        pos, mpos = e, me
    assert text[pos:] == m.text[mpos:]


def test_a_masked_text_that_identifies_when_read_again_is_not_sent() -> None:
    # 消防団分団長日吉本町在住: a role glued to a town hides the town; masked, 〔役職1〕日吉本町在住
    # shows where the person lives, and with the school class and the date the masked text
    # still singles them out.
    text = "消防団分団長日吉本町在住の村立小学校2年の令和6年4月3日に転入し"
    d = check(text, SERVICES[0])
    assert d.verdict in ("review", "deny") and d.masked_text is None
    assert any(r.code == "R-4.2-masked-still-identifiable" for r in d.reasons)


# --- the faces: CLI, gateway, check page -------------------------------------------------

WELFARE = (
    "〇〇町大字北原に住む87歳の男性で、元町議会議員。先月から認知症の症状があり、長男と二人暮らし。"
)


def test_cli_json_lists_what_was_generalised(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from hinagata.cli import app

    src = tmp_path / "note.txt"
    src.write_text(WELFARE, encoding="utf-8")
    r = CliRunner().invoke(app, ["check", str(src), "-s", SERVICES[0], "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert d["verdict"] == "allow_masked" and d["content_identifiable"]
    assert {"kind": "age", "start": 10, "end": 13, "text": "87歳", "generalised": "80代"} in d[
        "generalised"
    ]
    r = CliRunner().invoke(app, ["check", str(src), "-s", SERVICES[0]])
    assert "一般化した記述" in r.output and "「87歳」→「80代」" in r.output
    assert "一般化した記述は元に戻りません" in r.output


def test_gateway_sends_the_generalised_text_and_reports_counts_only(tmp_path: Path) -> None:
    import json

    import openai

    from _gateway import running_gateway

    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}") as gw:
        client = openai.OpenAI(base_url=gw.base_url + "/v1", api_key=gw.key(), max_retries=0)
        raw = client.chat.completions.with_raw_response.create(
            model="wg",
            messages=[
                {"role": "system", "content": "あなたは市役所の職員です。"},
                {"role": "user", "content": WELFARE + "\n記録を要約して。"},
            ],
        )
        sent = json.dumps([body for _, body in gw.recorder.calls], ensure_ascii=False)
        for value in ("87歳", "元町議会議員", "北原"):
            assert value not in sent
        assert "80代" in sent and "〔役職1〕" in sent
        assert raw.headers["x-hinagata-verdict"] == "allow_masked"
        assert raw.headers["x-hinagata-generalised"] == "age=1,role=1"
        body = raw.parse()
        # Placeholders come back, generalisations do not.
        assert "〔役職1〕" in (body.choices[0].message.content or "")
        assert "87歳" not in raw.headers["x-hinagata-generalised"]
        # Raw, the content-identifying example goes to no other service.
        for model in ("jp", "consumer"):
            with pytest.raises(openai.PermissionDeniedError):
                client.chat.completions.create(
                    model=model,
                    messages=[
                        {
                            "role": "user",
                            "content": "字東谷の集落で暮らす90代の元消防団長が、がんで入院中",
                        }
                    ],
                )


def test_check_page_shows_what_was_generalised(tmp_path: Path) -> None:
    import contextlib

    from _gateway import running_gateway
    from _web import PASSWORD, csrf_at, sign_in
    from hinagata.store import Accounts

    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}") as gw:
        Accounts(gw.gateway.db).create(
            login="tanaka", password=PASSWORD, department="福祉課", roles=["staff"], trained=True
        )
        with contextlib.closing(sign_in(gw.base_url, "tanaka")) as c:
            token = csrf_at(c, "/check")
            r = c.post("/check", data={"csrf": token, "text": WELFARE, "service": SERVICES[0]})
            assert r.status_code == 200
            assert "一般化した記述" in r.text and "80代" in r.text and "〔役職1〕" in r.text
            assert "一般化した記述は元に戻りません" in r.text


@pytest.mark.parametrize(
    "text, klass",
    [
        ("市内在住の30代女性から、子育て支援センターの開館時間について問い合わせがあった。", "2"),
        ("令和6年の30代女性の就業率は72%で、前年より上昇した。", "1"),
        ("町議会議員選挙の結果（当選者）：岡田 隆（無所属）、鈴木 恵美（○○党）ほか9名。", "1"),
        ("中澤 雅也消防団長は、出初式で訓示しました。（町の広報より）", "1"),
        ("今年度中に100歳を迎える方に、町長がお祝いの記念品をお届けします。", "1"),
        ("記入例 氏名：例）山田 太郎 住所：例）○○市△△町1丁目2番3号 電話：例）000-0000-0000", "1"),
    ],
)
def test_hard_negatives_and_described_persons(text: str, klass: str) -> None:
    d = check(text, SERVICES[2])
    assert d.information_class == klass, [(f.type, f.text, f.personal) for f in d.findings]
    assert not d.content_kinds


def test_the_example_town_states_its_size_and_hamlets() -> None:
    """examples/policies/example-town: a small town with listed hamlets judges a
    description in a hamlet more strictly than the national template."""
    from pathlib import Path

    town = load_policy(Path(__file__).parent.parent / "examples" / "policies" / "example-town")
    text = "東谷に住む87歳の男性が入院した。"
    assert check(text, SERVICES[0], policy=town).verdict == "allow_masked"
    assert check(text, SERVICES[0]).verdict == "allow"


def test_a_failing_re_read_fails_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    # The re-read of the masked text is part of the judgment: if it raises, nothing is sent.
    import hinagata.decide._masked as masked

    def boom(*_: object) -> list[object]:
        raise RuntimeError("detector broke")

    monkeypatch.setattr(masked, "_findings_read_again", boom)
    d = check(WELFARE, SERVICES[0])
    assert d.verdict == "deny" and d.masked_text is None
    assert [r.code for r in d.reasons][:1] == ["check_failed"]
