"""What is nobody's: a form's filled-in examples, templates, exercises' invented persons.

Read by :func:`hinagata.detect._context.mark_personal`, which applies these rules only to a
text holding no identifier code, birth date or special-care term (an example cue never
clears a real record written under it).
"""

from __future__ import annotations

import re

from hinagata.detect._types import IDENTIFIER_CODE_TYPES, Candidate

__all__ = [
    "EXAMPLE_TYPES_EXCLUDED",
    "NEVER_EXAMPLES",
    "is_example",
    "is_nobodys_name",
    "is_template",
]

# A form's filled-in example (住所：例）○○市△△町1丁目2番3号) is nobody's.
_EXAMPLE_BEFORE = re.compile(
    r"(?:記入例|例)\s*[)）:：][^。\n:：]{0,8}$|[(（]例[)）][^。\n:：]{0,8}$|"
    r"(?:e\.g\.|for example|例えば|たとえば)[,，、:：]?\s*$",
    re.IGNORECASE,
)
EXAMPLE_TYPES_EXCLUDED = frozenset({"SENSITIVE", "QUASI_IDENTIFIER", "CORPORATE_NUMBER"})
#: Findings no example or exercise cue ever clears (My Number, every identifier code, a
#: birth date): with one of them in the text, the cues clear nothing.
NEVER_EXAMPLES = IDENTIFIER_CODE_TYPES | {"BIRTH_DATE", "BANK_ACCOUNT", "CREDIT_CARD_NUMBER"}


_TEMPLATE_CUE = re.compile(r"記入例|記載例|入力例|表記例|書き方|記入方法|様式")
# Nobody's: the textbook placeholder names (甲野 乙子, 乙野 次郎) and invented persons.
_PLACEHOLDER_NAME = re.compile(r"^(?:甲野|乙野|丙野|丁野|見本)")
_FICTIONAL_BEFORE = re.compile(r"(?:架空の(?:人物|氏名|名前|住民|職員)|ダミーの?(?:氏名|名前|人物))[「『(（:：\s]*$")
_EXAMPLE_MARK = re.compile(r"例\s*[)）:：]|[(（]例[)）]|e\.g\.|for example", re.IGNORECASE)


# A form's example under its own header line (【記入例】): the block below is nobody's.
_TEMPLATE_HEADER = re.compile(
    r"^[ \u3000]*[【\[(（<〈]?[ \u3000]*(?:記入例|記載例|入力例|記入見本|見本)[ \u3000]*[】\])）>〉]?[ \u3000]*$",
    re.MULTILINE,
)


def is_template(text: str) -> bool:
    """A form or its instructions: a template cue, or two example marks (例：…, 例）…)."""
    if _TEMPLATE_CUE.search(text):
        return True
    marks = _EXAMPLE_MARK.finditer(text)
    return next(marks, None) is not None and next(marks, None) is not None


def is_nobodys_name(text: str, c: Candidate) -> bool:
    """甲野 乙子, 架空の人物「山田 一郎」: a name for the exercise, nobody's."""
    return (
        _PLACEHOLDER_NAME.match(text, c.start) is not None
        or _FICTIONAL_BEFORE.search(text, max(0, c.start - 10), c.start) is not None
    )


def is_example(text: str, c: Candidate) -> bool:
    if _EXAMPLE_BEFORE.search(text, max(0, c.start - 14), c.start) is not None:
        return True
    # under a 【記入例】 line, in the same block (no blank line between)
    for h in _TEMPLATE_HEADER.finditer(text, 0, c.start):
        if "\n\n" not in text[h.end() : c.start]:
            return True
    return False
