"""Conversations the upstream keeps (Responses API ``previous_response_id``): the earlier
turns judged with the new one, one placeholder table across turns, the answer restored
with it, ``GET /v1/responses/{id}`` — only ever for the caller's own conversation — and
the sealed store itself (bound to its tenant, expired by retention)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import update

from _db import BACKENDS, database_url
from _gateway import Running, running_gateway
from hinagata.mask import Masker, restore
from hinagata.store import ConversationError, Conversations, Database
from hinagata.store._models import ConversationTurn


@pytest.fixture(params=BACKENDS)
def gw(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Running]:
    for url in database_url(request.param, tmp_path):
        with running_gateway(tmp_path, url) as running:
            yield running


@pytest.fixture
def gw1(tmp_path: Path) -> Iterator[Running]:
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}") as running:
        yield running


def _client(gw: Running, key: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=gw.base_url + "/v1", api_key=key, max_retries=0)


def test_a_continued_conversation_keeps_its_placeholders_and_restores_earlier_ones(
    gw: Running,
) -> None:
    client = _client(gw, gw.key())
    first = client.responses.create(model="wg", input="高橋 健一さんの相談記録を要約して。")
    assert "〔氏名1〕" in gw.recorder.calls[-1][1]["input"]
    gw.recorder.answer = "回答: {echo} 前回の〔氏名1〕さんの件ですね。"
    second = client.responses.create(
        model="wg",
        previous_response_id=first.id,
        input="佐藤 花子さんと高橋 健一さんの電話は090-1234-5678です。",
    )
    sent = gw.recorder.calls[-1][1]
    # The earlier turn is not sent again (the upstream has it) …
    assert sent["input"] == "〔氏名2〕さんと〔氏名1〕さんの電話は〔電話番号1〕です。"
    assert sent["previous_response_id"] == first.id
    # … and the answer's placeholder from the first turn comes back as the value.
    assert second.output_text.endswith("前回の高橋 健一さんの件ですね。")
    assert "佐藤 花子" in second.output_text


def test_identification_spread_over_turns_is_judged_as_one_conversation(gw1: Running) -> None:
    """An area in the first turn, a role in the second: each alone identifies nobody, the
    conversation does (特異な記述), as in one chat request."""
    client = _client(gw1, gw1.key())
    first = client.responses.create(model="jp", input="相談者は日吉本町在住です。")
    calls = len(gw1.recorder.calls)
    with pytest.raises(openai.PermissionDeniedError) as e:
        client.responses.create(
            model="jp", previous_response_id=first.id, input="元消防団分団長の方です。"
        )
    assert e.value.response.headers["x-hinagata-verdict"] == "review"
    assert len(gw1.recorder.calls) == calls


def test_a_streamed_turn_can_be_continued(gw1: Running) -> None:
    client = _client(gw1, gw1.key())
    with client.responses.stream(model="wg", input="高橋 健一さんの件です。") as s:
        first = s.get_final_response()
    client.responses.create(
        model="wg", previous_response_id=first.id, input="高橋 健一さんに連絡します。"
    )
    assert gw1.recorder.calls[-1][1]["input"] == "〔氏名1〕さんに連絡します。"


def test_nobody_else_continues_or_reads_a_conversation(gw1: Running) -> None:
    """Another user of the same city and a user of another municipality see the id as
    unknown (404), and the upstream is never asked."""
    mine = _client(gw1, gw1.key(user="owner"))
    first = mine.responses.create(model="wg", input="高橋 健一さんの件です。")
    calls = len(gw1.recorder.calls)
    for other in (gw1.key(user="colleague"), gw1.key(user="owner", municipality="other-city")):
        with pytest.raises(openai.NotFoundError):
            _client(gw1, other).responses.create(
                model="wg", previous_response_id=first.id, input="続けて"
            )
        with pytest.raises(openai.NotFoundError):
            _client(gw1, other).responses.retrieve(first.id)
    assert len(gw1.recorder.calls) == calls and gw1.recorder.gets == []
    with pytest.raises(openai.NotFoundError):
        mine.responses.create(model="wg", previous_response_id="resp_unknown", input="続けて")


def test_retrieving_a_kept_response_restores_it(gw1: Running) -> None:
    client = _client(gw1, gw1.key())
    first = client.responses.create(model="wg", input="高橋 健一さんの件です。")
    again = client.responses.retrieve(first.id)
    assert gw1.recorder.gets == [f"responses/{first.id}"]
    assert again.output_text == first.output_text == "回答: 高橋 健一さんの件です。"


def test_without_a_conversation_key_continuing_is_refused_with_the_reason(gw1: Running) -> None:
    gw1.runtime.conversations = None
    client = _client(gw1, gw1.key())
    first = client.responses.create(model="wg", input="こんにちは")
    with pytest.raises(openai.BadRequestError) as e:
        client.responses.create(model="wg", previous_response_id=first.id, input="続けて")
    body = e.value.body
    assert isinstance(body, dict) and body["code"] == "conversation_unavailable"
    assert "会話の全体を input で送ってください" in body["message"]


def test_store_false_keeps_nothing(gw1: Running) -> None:
    client = _client(gw1, gw1.key())
    r = client.responses.create(model="wg", input="高橋 健一さんの件です。", store=False)
    with pytest.raises(openai.NotFoundError):
        client.responses.create(model="wg", previous_response_id=r.id, input="続けて")


# ---------------------------------------------------------------------- the sealed store


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Conversations]:
    for url in database_url(request.param, tmp_path):
        db = Database(url)
        db.migrate()
        yield Conversations(db, b"k" * 32)
        db.dispose()


def _add(store: Conversations, rid: str, parent: str | None = None, days: int = 30) -> None:
    store.add(rid, municipality="m1", user="u1", parent=parent, model="wg", request_id="req_x",
              texts=[("user", f"{rid}の本文")], mapping={"〔氏名1〕": "高橋"}, retention_days=days)  # fmt: skip


def test_the_store_reads_a_chain_oldest_first(store: Conversations) -> None:
    _add(store, "r1")
    _add(store, "r2", "r1")
    conv = store.load("r2", municipality="m1", user="u1")
    assert conv.texts == [("user", "r1の本文"), ("user", "r2の本文")]
    assert dict(conv.mapping) == {"〔氏名1〕": "高橋"}


def test_a_row_moved_to_another_tenant_does_not_open(store: Conversations) -> None:
    _add(store, "r1")
    with store.db.write_conn() as conn:
        conn.execute(update(ConversationTurn.__table__).values(municipality="m2"))  # type: ignore[arg-type]
    with pytest.raises(ConversationError) as e:
        store.load("r1", municipality="m2", user="u1")
    assert e.value.code == "sealed"
    with pytest.raises(ConversationError) as e2:
        store.load("r1", municipality="m1", user="u1")
    assert e2.value.code == "not_found"


def test_another_key_does_not_open_and_nothing_is_stored_in_clear(store: Conversations) -> None:
    _add(store, "r1")
    with store.db.read_conn() as conn:
        raw = conn.execute(ConversationTurn.__table__.select()).one()  # type: ignore[attr-defined]
    assert "高橋".encode() not in bytes(raw.sealed) and "本文".encode() not in bytes(raw.sealed)
    with pytest.raises(ConversationError) as e:
        Conversations(store.db, b"z" * 32).load("r1", municipality="m1", user="u1")
    assert e.value.code == "sealed"


def test_turns_expire_and_are_pruned(store: Conversations) -> None:
    _add(store, "r1", days=1)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    with pytest.raises(ConversationError) as e:
        store.load("r1", municipality="m1", user="u1", now=later)
    assert e.value.code == "expired"
    assert store.prune(now=later) == 1
    with pytest.raises(ConversationError):
        store.load("r1", municipality="m1", user="u1")


# ---------------------------------------------------------------------- one table across turns

_NAMES = st.sampled_from(["高橋 健一", "佐藤 花子", "鈴木 一郎", "田中 美咲", "伊藤 翔太"])


@settings(max_examples=60, deadline=None)
@given(
    first=st.lists(_NAMES, min_size=1, max_size=3), then=st.lists(_NAMES, min_size=1, max_size=3)
)
def test_a_later_turn_never_reuses_a_placeholder_for_someone_else(
    first: list[str], then: list[str]
) -> None:
    """However the names fall over two turns: a name keeps its placeholder, a new name
    never takes one the upstream already knows, and restoring gives the text back."""
    from hinagata.detect import Finding

    def findings(text: str, names: list[str]) -> list[Finding]:
        out, pos = [], 0
        for n in names:
            i = text.index(n, pos)
            out.append(Finding("PERSON_NAME", i, i + len(n), n, 0.9))
            pos = i + len(n)
        return out

    t1 = "、".join(first) + "の件"
    m1 = Masker()
    masked1 = m1.mask(t1, findings(t1, first))
    t2 = "、".join(then) + "に連絡"
    m2 = Masker(known=masked1.mapping)
    masked2 = m2.mask(t2, findings(t2, then))
    for ph, value in masked1.mapping.items():
        assert masked2.mapping[ph] == value
    by_value: dict[str, set[str]] = {}
    for ph, value in masked2.mapping.items():
        by_value.setdefault(value.replace(" ", ""), set()).add(ph)
    assert all(len(phs) == 1 for phs in by_value.values())
    assert restore(masked2.text, masked2.mapping) == t2


def test_http_get_of_an_unknown_response_is_404(gw1: Running) -> None:
    r = httpx.get(
        gw1.base_url + "/v1/responses/resp_nope", headers={"authorization": f"Bearer {gw1.key()}"}
    )
    assert r.status_code == 404 and r.json()["error"]["code"] == "response_not_found"
