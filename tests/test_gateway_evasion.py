"""Evasive spellings through the gateway: the upstream never receives the value, in any
spelling, whether the request is masked or refused."""

from __future__ import annotations

import base64
import json
import unicodedata
from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest

from _gateway import Running, running_gateway

PHONE_DIGITS = "09012345678"
MY_NUMBER = "123456789018"
_KANJI = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")


def _digits(text: str) -> str:
    """Every digit in ``text`` as ASCII, in order (all scripts, kanji, letter O/l)."""
    out = []
    for c in text.translate(_KANJI):
        if c.isdecimal():
            out.append(str(unicodedata.digit(c)))
        elif c in "Oo":
            out.append("0")
        elif c in "lI":
            out.append("1")
    return "".join(out)


PHONES = {
    "kanji": "〇九〇-一二三四-五六七八",
    "kanji circle": "○九○一二三四五六七八",
    "arabic-indic": "٠٩٠-١٢٣٤-٥٦٧٨",
    "devanagari": "०९०-१२३४-५६७८",
    "full-width": "０９０－１２３４－５６７８",
    "spaces": "090 1234 5678",
    "every digit spaced": "0 9 0 1 2 3 4 5 6 7 8",
    "newlines": "090\n1234\n5678",
    "tabs": "090\t1234\t5678",
    "dots": "090.1234.5678",
    "slashes": "090/1234/5678",
    "letter O": "O9O-1234-5678",
    "letter O and l": "O9O-l234-5678",
    "percent": quote("090-1234-5678"),
    "html entities": "".join(f"&#{ord(c)};" for c in "090-1234-5678"),
    "hex entities": "".join(f"&#x{ord(c):x};" for c in "090-1234-5678"),
    "u escapes": "".join(f"\\u{ord(c):04x}" for c in "090-1234-5678"),
    "base64": base64.b64encode("電話 090-1234-5678".encode()).decode(),
}

NAMES = {
    "spaced kanji": "佐 藤 花 子",
    "full-width spaced": "佐　藤　花　子",
    "html entities": "".join(f"&#{ord(c)};" for c in "佐藤花子"),
    "percent": quote("佐藤花子"),
    "base64": base64.b64encode("相談者 佐藤花子".encode()).decode(),
}


@pytest.fixture(scope="module")
def gw(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    tmp = tmp_path_factory.mktemp("evasion")
    with running_gateway(tmp, f"sqlite:///{tmp / 'h.db'}") as running:
        yield running


def _send(gw: Running, content: str) -> tuple[int, str]:
    before = len(gw.recorder.calls)
    r = httpx.post(
        gw.base_url + "/v1/chat/completions",
        json={"model": "wg", "messages": [{"role": "user", "content": content}]},
        headers={"authorization": f"Bearer {gw.key()}"},
        timeout=30,
    )
    assert r.status_code in (200, 403), r.text
    return r.status_code, json.dumps(gw.recorder.calls[before:], ensure_ascii=False)


@pytest.mark.parametrize("form", sorted(PHONES))
def test_phone_in_any_spelling_never_reaches_the_upstream(gw: Running, form: str) -> None:
    _, sent = _send(gw, f"相談者 高橋 健一さん、電話 {PHONES[form]} に折り返し。")
    assert PHONES[form] not in sent
    assert PHONE_DIGITS not in _digits(sent)
    assert "高橋 健一" not in sent


@pytest.mark.parametrize(
    "form",
    ["1234 5678 9018", "一二三四五六七八九〇一八", "１２３４-５６７８-９０１８", "1234.5678.9018"],
)
def test_my_number_in_any_spelling_never_reaches_the_upstream(gw: Running, form: str) -> None:
    _, sent = _send(gw, f"個人番号 {form} の方の住民税の減免について")
    assert MY_NUMBER not in _digits(sent)


@pytest.mark.parametrize("form", sorted(NAMES))
def test_name_in_any_spelling_never_reaches_the_upstream(gw: Running, form: str) -> None:
    _, sent = _send(gw, f"生活保護の相談に来所した{NAMES[form]}さんの記録を要約して")
    assert NAMES[form] not in sent
    assert "佐藤花子" not in sent and "佐 藤 花 子" not in sent


@pytest.mark.parametrize("form", ["Sato Hanako", "SATO Hanako", "Hanako Sato"])
def test_romaji_names_never_reach_the_upstream(gw: Running, form: str) -> None:
    _, sent = _send(gw, f"生活保護の相談に来所した {form} さんの記録を要約して")
    assert form not in sent


def test_the_exit_screen_folds_too(gw: Running) -> None:
    """A phone number the request did not contain, written in kanji by the model, is
    masked at the exit like a plain one."""
    rec = gw.recorder
    rec.answer = "折り返し先は 〇九〇-九八七六-五四三二 です。"
    try:
        r = httpx.post(
            gw.base_url + "/v1/chat/completions",
            json={"model": "wg", "messages": [{"role": "user", "content": "連絡先を教えて"}]},
            headers={"authorization": f"Bearer {gw.key()}"},
            timeout=30,
        )
    finally:
        rec.answer = "回答: {echo}"
    assert r.status_code == 200
    assert "09098765432" not in _digits(r.json()["choices"][0]["message"]["content"])


# Security probe L1: a label glued to the number (TEL090-…, MyNo.…, ①090-…).
GLUED = {
    "TEL": "連絡先 TEL090-1234-5678 を要約",
    "Tel": "Tel090-1234-5678 に折り返し",
    "TEL.": "TEL.090-1234-5678",
    "FAX": "FAX090-1234-5678",
    "tel sign": "℡090-1234-5678",
    "mobile": "mobile090-1234-5678",
    "letters around": "x090-1234-5678y",
    "list number": "1.090-1234-5678",
    "circled number": "①090-1234-5678",
    "digit before": "1090-1234-5678",
    "after an address": "横浜市港北区新横浜三丁目12番5号TEL090-1234-5678",
}


@pytest.mark.parametrize("form", sorted(GLUED))
def test_phone_glued_to_a_label_never_reaches_the_upstream(gw: Running, form: str) -> None:
    _, sent = _send(gw, GLUED[form])
    assert "090-1234-5678" not in sent


@pytest.mark.parametrize("form", ["MyNo.123456789018", "ID123456789018", "No1234 5678 9018"])
def test_my_number_glued_to_a_label_never_reaches_the_upstream(gw: Running, form: str) -> None:
    _, sent = _send(gw, f"{form} の方の住民税について")
    assert MY_NUMBER not in _digits(sent)


# Security probe L7: a given name ending in a kanji numeral before a number.
@pytest.mark.parametrize(
    "content",
    [
        "高橋 健一 090-1234-5678",
        "佐藤健一090-1234-5678",
        "高橋 健一（45）090-1234-5678",
        "高橋 健一 〇九〇-一二三四-五六七八",
    ],
)
def test_a_name_ending_in_a_numeral_and_the_phone_after_it(gw: Running, content: str) -> None:
    _, sent = _send(gw, f"相談者 {content} から電話")
    assert PHONE_DIGITS not in _digits(sent)
    if " 健一" in content:
        assert "健一" not in sent and "〕一" not in sent


# Security probe L6: the numeric forms that reached the upstream raw.
L6_PHONES = {
    "daiji": "〇玖〇-壱弐参肆-伍陸漆捌",
    "combining marks": "".join(c + "\u0301" for c in PHONE_DIGITS),
    "hangul filler": "09\u115f0-1234\u115f5678",
    "musical beam": "09\U0001d1730-1234-5678",
    "end of ayah": "09\u06dd0-1234-5678",
    "commas": "090,1234,5678",
    "colons": "090:1234:5678",
    "tildes": "090～1234～5678",
    "wave dashes": "090〜1234〜5678",
    "bullets": "090•1234•5678",
    "bars": "090|1234|5678",
    "fraction slashes": "090⁄1234⁄5678",
    "brackets": "090「1234」5678",
    "spaced hyphens": "090  -  1234  -  5678",
    "percent twice": quote(quote("090-1234-5678")),
    "entities escaped": "".join(f"&amp;#{ord(c)};" for c in "090-1234-5678"),
    "entities without ;": "".join(f"&#{ord(c)}" for c in "090-1234-5678"),
    "percent u": "".join(f"%u{ord(c):04X}" for c in "090-1234-5678"),
    "hex escapes": "".join(f"\\x{ord(c):02x}" for c in "090-1234-5678"),
    "percent-encoded u escapes": "".join(f"%5Cu{ord(c):04x}" for c in "090-1234-5678"),
    "base64 wrapped": "\n".join(
        base64.b64encode("電話 090-1234-5678".encode()).decode()[i : i + 8] for i in range(0, 28, 8)
    ),
}


@pytest.mark.parametrize("form", sorted(L6_PHONES))
def test_probe_l6_phone_never_reaches_the_upstream(gw: Running, form: str) -> None:
    _, sent = _send(gw, f"相談者の連絡先は {L6_PHONES[form]} です。要約してください。")
    assert L6_PHONES[form] not in sent
    assert PHONE_DIGITS not in _digits(sent)


@pytest.mark.parametrize(
    "form", ["壱弐参肆伍陸漆捌玖〇壱捌", "1234,5678,9018", "1234:5678:9018", "1234|5678|9018"]
)
def test_probe_l6_my_number_never_reaches_the_upstream(gw: Running, form: str) -> None:
    _, sent = _send(gw, f"相談者の番号は {form} です。")
    assert form not in sent
