"""Quotations that are talked about, not addressed: 「…」という文 (mentions).

Staff ask about attacks ("what should I do with an e-mail that says 「…」?"); quoting an
instruction to discuss it is not giving it. The rules weigh such quoted words less; the
learned model does not see them.
"""

from __future__ import annotations

import re

_OPEN_QUOTES = {"「": "」", "『": "』", "“": "”", '"': '"', "‘": "’"}
_MENTION_AFTER = re.compile(
    # a list of quotations talked about together (「…」「…」などの文): the ones after it skipped
    r"(?:\s*[、,]?\s*「[^「」\n]{1,200}」)*"
    r"\s*(?:という|といった|などの|などと|など|のような|のように書|と書|と記|との|とは|"
    # reported, not given: 「…」と言われた・と聞かれたら・とAIに頼んでもよいか
    r"と(?:言われ|聞かれ|尋ねられ|頼まれ|求められ|書かれ|送られ|入力(?:され|し|する)|AIに(?:頼|言|聞|入力|送))|"
    r"is\s+(?:a|an|one)\s+(?:common|typical|classic|known|example)|are\s+(?:common|typical|examples))"
)
_MENTION_BEFORE = re.compile(
    r"(?:phrase|sentence|message|string|text|e-?mail|wording|words|example|such\s+as|like|"
    r"文言|文面|文章|一文|例文|例えば|たとえば|例として[、,]?|例は|\(\d\)|（\d）)\s*[:：]?\s*$"
)
# "Follow the instruction 「…」": the quotation is given, not talked about.
_OBEY_QUOTED = re.compile(
    r"\s*(?:という|との|の)(?:指示|命令|ルール|指令|言葉)(?:に|を)(?:従|守|実行|遂行)|\s*(?:に従|を実行|を守)"
)
#: A rule's weight inside a quotation that is talked about rather than addressed.
_MENTION_FACTOR = 0.3


def _is_mention(t: str, start: int, end: int) -> bool:
    """Is ``t[start:end]`` inside a quotation that is talked about (「…」という文)?

    Staff ask about attacks ("what should I do with an e-mail that says 「…」?"); quoting an
    instruction to discuss it is not giving it. Only the quoted words lose weight: an
    instruction outside the quotes still counts.
    """
    lo = max(0, start - 200)
    for i in range(start - 1, lo - 1, -1):
        c = t[i]
        close = _OPEN_QUOTES.get(c)
        if close is None:
            if c in "」』”’\n":
                return False
            continue
        j = t.find(close, end, end + 200)
        if j < 0 or _OBEY_QUOTED.match(t, j + 1, j + 40):
            return False
        return bool(
            _MENTION_AFTER.match(t, j + 1, j + 40) or _MENTION_BEFORE.search(t, max(0, i - 40), i)
        )
    return False


_QUOTED = re.compile(r"「([^「」\n]{1,200})」|『([^『』\n]{1,200})』|“([^“”\n]{1,200})”")


def _unquote_mentions(t: str) -> str:
    """``t`` with each quotation that is talked about (「…」という文) blanked for the model,
    length kept: the rules weigh such quotations at 0.3; the model, which cannot tell a
    quoted instruction from a given one, does not see them. A quotation the text says to
    follow (「…」という指示に従って) is kept."""
    if "「" not in t and "『" not in t and "“" not in t:
        return t
    out = t
    for m in _QUOTED.finditer(t):
        i, j = m.start(), m.end() - 1
        if _OBEY_QUOTED.match(t, j + 1, j + 40):
            continue
        if _MENTION_AFTER.match(t, j + 1, j + 40) or _MENTION_BEFORE.search(t, max(0, i - 40), i):
            out = out[: i + 1] + "・" * (j - i - 1) + out[j:]
    return out
