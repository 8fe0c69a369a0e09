"""Special-care information (要配慮個人情報) from a lexicon that is data."""

from __future__ import annotations

from pathlib import Path

import pytest

from _helpers import found
from hinagata import Detector
from hinagata.detect import LexiconError


@pytest.mark.parametrize(
    "text, term, category",
    [
        ("長谷川さんの奥様が入院された", "入院", "medical"),
        ("母は認知症と診断された", "認知症", "medical"),
        ("本人は身体障害者手帳を持っている", "身体障害者手帳", "disability"),
        ("相談者には前科がある", "前科", "criminal_record"),
        ("相談者は詐欺被害に遭った", "詐欺被害", "crime_victim"),
        ("息子が逮捕された", "逮捕", "criminal_procedure"),
        ("長男が保護観察中である", "保護観察", "juvenile_procedure"),
        ("本人の信仰について", "信仰", "creed"),
        ("佐藤さんは生活保護を受給している", "生活保護", "welfare"),
        ("相談者はDV被害で保護命令を申し立てた", "DV", "dv_victim"),
        ("父の健康診断の結果は要精密検査だった", "健康診断の結果", "health_check"),
        ("母は間質性肺炎で通院中", "間質性肺炎", "medical"),
    ],
)
def test_categories(text: str, term: str, category: str) -> None:
    hits = [(f.text, f.category) for f in found(text, "SENSITIVE")]
    assert (term, category) in hits
    assert all(f.personal for f in found(text, "SENSITIVE"))


def test_kana_terms_match_whole_words_only() -> None:
    assert found("最後までがんばる", "SENSITIVE") == []
    assert [f.text for f in found("父が胃がんで手術した", "SENSITIVE")][:1] == ["胃がん"]


def test_excluded_phrases() -> None:
    assert found("システム障害が発生しました", "SENSITIVE") == []
    assert found("総合病院の駐車場", "SENSITIVE") == []


def test_no_person_in_sentence_means_not_personal() -> None:
    fs = found("がん検診のお知らせ。市民の皆様は受診してください。", "SENSITIVE")
    assert fs and all(not f.personal for f in fs)


def test_municipality_extends_the_lexicon(tmp_path: Path) -> None:
    extra = tmp_path / "ordinance.yaml"
    extra.write_text(
        "categories:\n"
        "  lgbt:\n"
        "    label: 性的指向・性自認（条例）\n"
        "    basis: ordinance\n"
        "    terms: [性的指向, 性自認]\n"
        "  welfare:\n"
        "    terms: [就労準備支援]\n",
        encoding="utf-8",
    )
    det = Detector(lexicons=[extra])
    cats = {
        (f.text, f.category) for f in det.scan("相談者の性自認について。本人は就労準備支援を利用。")
    }
    assert ("性自認", "lgbt") in cats
    assert ("就労準備支援", "welfare") in cats
    # The bundled categories are still there.
    assert any(f.category == "medical" for f in det.scan("本人が入院した"))


@pytest.mark.parametrize(
    "body, fragment",
    [
        ("categories: [a, b]\n", "categories"),
        ("categories:\n  Bad-Key:\n    terms: [x]\n", "lower_snake_case"),
        ("categories:\n  x:\n    terms: [1, 2]\n", "x.terms"),
        ("categories:\n  x:\n    patterns: ['(']\n", "invalid regular expression"),
        ("categories: {x: [\n", "not valid YAML"),
    ],
)
def test_broken_lexicon_names_file_and_problem(tmp_path: Path, body: str, fragment: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        Detector(lexicons=[bad])
    assert "bad.yaml" in str(info.value) and fragment in str(info.value)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Diagnosis: breast cancer, on chemotherapy.", ["cancer", "chemotherapy"]),
        ("少年補導センターだより", []),
        ("入退院支援ルールの運用状況", []),
        ("被保護者就労支援事業", ["被保護者"]),
    ],
)
def test_more_terms_and_exclusions(text: str, expected: list[str]) -> None:
    from hinagata import scan

    assert [f.text for f in scan(text) if f.type == "SENSITIVE"] == expected
