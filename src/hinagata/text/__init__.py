"""Text normalisation with offset maps (正規化とオフセット対応表)."""

from hinagata.text._decode import (
    decode_base64,
    decode_html_entities,
    decode_percent,
    decode_tokens,
    decode_unicode_escapes,
    looks_like_text,
)
from hinagata.text._fold import fold_digit_lookalikes, normalize_for_detection
from hinagata.text._normalize import NormalizedText, fold_decimal_digits, normalize
from hinagata.text._numbers import KANJI_DIGITS, kanji_number

__all__ = [
    "KANJI_DIGITS",
    "NormalizedText",
    "decode_base64",
    "decode_html_entities",
    "decode_percent",
    "decode_tokens",
    "decode_unicode_escapes",
    "fold_decimal_digits",
    "fold_digit_lookalikes",
    "kanji_number",
    "looks_like_text",
    "normalize",
    "normalize_for_detection",
]
