"""The finding cache (issue 13, item 4; ADR 0023): a part's findings are reused where its
window was read before, and the reading is the same as without the cache — findings and
decisions identical, warm or cold, however the request is cut, ordered or repeated. The
cache holds no text and no value, stays within its bound, and a detector with other
lexicons never reuses another's entries. Data invented."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hinagata._check import national_policy
from hinagata.detect import Detector, default_detector
from hinagata.detect._types import FINDING_TYPES
from hinagata.judge import Part, Reading, _cache, join, judge, read
from hinagata.judge._cache import FindingCache, detect, fingerprint

SERVICES = ("example-domestic-lgwan", "example-foreign-japan-region", "example-consumer-chat")

#: Pieces a municipal request is made of: names, contacts, special care, quasi-identifiers,
#: and the document-level cues (publication, template, exercise) the cache must respect.
PIECES = (
    "世帯主 髙橋 美智子（S28.7.14生）宅を訪問。",
    "静岡県静岡市葵区田町三丁目12番地の5。",
    "生活保護の申請意思を確認した。",
    "齋藤さん（080-2345-6789）より、息子が統合失調症で入院中と。",
    "大字北原に住む87歳の男性で、元町議会議員。",
    "市役所代表電話 03-5253-5111 までお問い合わせください。",
    "担当：総務課 情報政策係 山口（内線2345）",
    "報道発表資料：中野 敏之市長は本日、新庁舎の開庁式に出席しました。",
    "総務課長が対応した。",
    "【記入例】",
    "氏名：山田 太郎",
    "架空の人物「佐藤 一郎」を例に説明します。",
    "個人番号 123456789018 の方の住民税の減免",
    "電話 090-1234-5678 まで折り返し",
    "氏名,生年月日,電話",
    "佐藤花子,1975/05/03,090-1111-2222",
    "長谷川さんの奥様が入院された。",
    "相談者から苦情があった。",
    "高橋",
    "健一、生年月日 1988年11月2日",
    "090-1234",
    "-5678",
)
#: Text between them long enough that a part's window is smaller than the request.
FILLER = (
    "窓口の受付時間は平日の午前8時30分から午後5時15分までです。"
    "土曜日と日曜日、祝日は閉庁しています。手続きに必要な書類は事前にご確認ください。"
) * 6


@pytest.fixture(autouse=True)
def _own_cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[FindingCache]:
    """Each test reads with a cache of its own (the process's stays as it was)."""
    store = FindingCache()
    monkeypatch.setattr(_cache, "_CACHE", store)
    monkeypatch.setattr(_cache, "_OFF", False)
    yield store


def _fresh(parts: Sequence[Part]) -> Reading:
    with _cache.disabled():
        return read(parts)


def _rows(r: Reading) -> list[tuple[object, ...]]:
    return [
        (f.type, f.start, f.end, f.text, f.score, f.personal, f.category, f.detail)
        for f in r.findings
    ]


def _decisions(r: Reading) -> list[tuple[object, ...]]:
    policy = national_policy()
    out = []
    for svc in SERVICES:
        d = judge(r, svc, policy, per_part=False).decision
        out.append((d.verdict, d.information_class, d.masked_text, [x.code for x in d.reasons]))
    return out


def _request(draw: st.DrawFn) -> list[Part]:
    chosen = draw(st.lists(st.sampled_from((*PIECES, FILLER)), min_size=1, max_size=7))
    text = "".join(chosen)
    # cut the text at random places (a value may be cut in two), or keep the pieces
    if draw(st.booleans()):
        cuts = sorted(set(draw(st.lists(st.integers(1, max(1, len(text) - 1)), max_size=5))))
        cuts = [c for c in cuts if 0 < c < len(text)]
        texts = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    else:
        texts = list(chosen)
    if draw(st.booleans()):
        texts = draw(st.permutations(texts))
    if texts and draw(st.booleans()):
        texts = [*texts, draw(st.sampled_from(texts))]  # a part repeated (a RAG passage)
    return [Part(t) for t in texts]


requests = st.composite(_request)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(requests(), requests(), st.integers(0, 10))
def test_warm_and_cold_readings_equal_the_fresh_one(
    _own_cache: FindingCache, parts: list[Part], other: list[Part], j: int
) -> None:
    fresh = _fresh(parts)
    cold = read(parts)
    warm = read(parts)  # every window from the cache now
    assert _rows(cold) == _rows(fresh)
    assert _rows(warm) == _rows(fresh)
    # a cache filled by other requests (the same parts in another company and order)
    read(other + parts[::-1])
    read(parts[1:] + other)
    # one part replaced: the others' windows far from it are read without it
    read([Part("別件です。") if k == j % len(parts) else p for k, p in enumerate(parts)])
    crossed = read(parts)
    assert _rows(crossed) == _rows(fresh)
    assert _decisions(crossed) == _decisions(fresh)


def test_a_conversation_turn_after_turn_reads_as_fresh(_own_cache: FindingCache) -> None:
    history = [Part("あなたは市役所の窓口案内を手伝う職員です。", "prompt")]
    for i, piece in enumerate(PIECES):
        history.append(Part(f"{piece}{FILLER[: 40 * (i % 4)]}"))
        assert _rows(read(history)) == _rows(_fresh(history))
        assert _decisions(read(history)) == _decisions(_fresh(history))
        history.append(Part("承知しました。以下のとおり整理します。", None))
    assert _own_cache.hits > 0


@pytest.mark.parametrize(
    "parts",
    [
        # a publication cue far from the names: an official in their role is public only
        # where the whole text is a publication
        ["報道発表資料", FILLER, "中野 敏之市長は本日、開庁式に出席しました。"],
        ["中野 敏之市長は本日、開庁式に出席しました。", FILLER, "報道発表資料", FILLER, "相談"],
        # a template header far above an example
        ["【記入例】", FILLER, "氏名：山田 太郎", FILLER, "様式第1号"],
        # an exercise's invented name, and a real record's identifier code far away
        ["架空の人物「佐藤 一郎」を例に説明します。", FILLER, "個人番号 123456789018"],
        # a CSV whose header is in one part and rows in the next
        ["氏名,生年月日,電話", "佐藤花子,1975/05/03,090-1111-2222", FILLER],
        # … and one whose header is far above the last row, in another part
        [
            "氏名,生年月日,電話\n"
            + "\n".join(
                f"高橋健一,19{50 + i}/03/1{i % 9},090-1111-22{10 + i}"
                for i, _ in enumerate(range(24))
            ),
            "佐藤花子,1975/05/03,090-1111-2222",
            FILLER,
        ],
    ],
)
def test_document_level_cues_far_away_are_respected(
    _own_cache: FindingCache, parts: list[str]
) -> None:
    request = [Part(t) for t in parts]
    fresh = _fresh(request)
    assert _rows(read(request)) == _rows(fresh)
    # each part's window read first in a request without the far cues (every other
    # part but the filler replaced): the cache then holds it read without them
    _cache.cache().clear()  # type: ignore[union-attr]
    for i in range(len(parts)):
        read([Part(t if j == i or t == FILLER else "別件です。") for j, t in enumerate(parts)])
    assert _rows(read(request)) == _rows(fresh)
    assert _decisions(read(request)) == _decisions(fresh)


def test_the_cache_holds_no_text_and_no_value(_own_cache: FindingCache) -> None:
    parts = [Part(p) for p in PIECES] + [Part(FILLER)]
    r = read(parts)
    values = {f.text for f in r.findings}
    assert values and len(_own_cache) > 0
    allowed = set(FINDING_TYPES) | {f.category for f in r.findings if f.category}
    for flags, rows in _own_cache.entries():
        assert isinstance(flags, int)
        for row in rows:
            t, start, end, score, personal, category, detail = row
            assert t in FINDING_TYPES
            assert isinstance(start, int) and isinstance(end, int)
            assert isinstance(score, float) and isinstance(personal, bool)
            assert category is None or category in allowed
            assert detail is None or _cache._DETAILS.fullmatch(detail)
            for field in row:
                if isinstance(field, str):
                    assert field not in values
                    assert not any(v in field for v in values if len(v) > 1)


def test_a_detail_the_cache_does_not_know_is_not_stored() -> None:
    store = FindingCache()
    store.put(b"k", 0, [("PERSON_NAME", 0, 2, 0.9, True, None, "高橋")])
    store.put(b"j", 0, [("PERSON_NAME", 0, 2, 0.9, True, None, "full")])
    assert store.get(b"k") is None
    assert store.get(b"j") is not None


def test_the_bound_is_respected_least_recently_used_first_out() -> None:
    store = FindingCache(size=3)
    for k in (b"a", b"b", b"c"):
        store.put(k, 0, [])
    assert store.get(b"a") is not None  # a is now the most recent
    store.put(b"d", 0, [])
    assert len(store) == 3
    assert store.get(b"b") is None
    assert store.get(b"a") is not None and store.get(b"d") is not None
    # a request of many parts never holds more than the bound
    small = FindingCache(size=4)
    texts = [f"{p}{i}" for i, p in enumerate(PIECES)]
    detect(texts, default_detector(), small)
    assert len(small) <= 4


def test_keys_are_keyed_hashes_made_per_cache() -> None:
    a, b = FindingCache(), FindingCache()
    assert a.key("fp", "text", 1) != b.key("fp", "text", 1)
    assert a.key("fp", "text", 1) == a.key("fp", "text", 1)
    assert a.key("ab", "c") != a.key("a", "bc")
    assert len(a.key("x")) == 32


def test_a_detector_with_other_lexicons_reuses_nothing(tmp_path: Path) -> None:
    lexicon = tmp_path / "ordinance.yaml"
    lexicon.write_text(
        "categories:\n  welfare_local:\n    label: 独自の要配慮\n    label_en: local\n"
        "    basis: ordinance\n    terms: [見守りネットワーク登録]\n",
        encoding="utf-8",
    )
    plain, local = default_detector(), Detector(lexicons=[lexicon])
    assert fingerprint(plain) != fingerprint(local)
    texts = ["相談者の佐藤さんは見守りネットワーク登録をしている。", FILLER]
    store = FindingCache()
    before = detect(texts, plain, store)
    after = detect(texts, local, store)
    joined, _ = join(texts)
    assert [f.type for f in after] == [f.type for f in local.scan(joined)]
    assert any(f.category == "welfare_local" for f in after)
    assert not any(f.category == "welfare_local" for f in before)


def test_the_off_switch(_own_cache: FindingCache) -> None:
    with _cache.disabled():
        assert _cache.cache() is None
        read([Part(PIECES[0]), Part(PIECES[1])])
    assert len(_own_cache) == 0
    assert _cache.cache() is _own_cache


def test_threads_share_the_cache_safely(_own_cache: FindingCache) -> None:
    requests_ = [
        [Part(PIECES[i % len(PIECES)]), Part(FILLER), Part(PIECES[(i * 7) % len(PIECES)])]
        for i in range(40)
    ]
    expected = [_rows(_fresh(p)) for p in requests_]
    barrier = threading.Barrier(4)

    def work(k: int) -> list[list[tuple[object, ...]]]:
        barrier.wait()
        return [_rows(read(p)) for p in requests_[k::4] * 3]

    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(work, range(4)))
    for k in range(4):
        assert got[k] == [e for e in expected[k::4]] * 3


def test_a_table_row_is_read_with_its_header_however_far_up(_own_cache: FindingCache) -> None:
    rows = "\n".join(f"高橋健一,19{50 + i}/03/1{i % 9},090-1111-22{10 + i}" for i in range(24))
    row = "佐藤花子,1975/05/03,090-1111-2222"
    # first the same rows without a header: the last row's window, were it not widened
    # to the table's top, would be the same
    read([Part(rows), Part(row), Part(FILLER)])
    request = [Part("氏名,生年月日,電話\n" + rows), Part(row), Part(FILLER)]
    assert _rows(read(request)) == _rows(_fresh(request))
