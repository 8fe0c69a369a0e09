"""Document input: encodings, Office files and PDF (文書の読み込み)."""

from hinagata.io._readers import (
    DEFAULT_LIMITS,
    DEFAULT_MAX_BYTES,
    InputError,
    ReadLimits,
    detect_encoding,
    iter_stream,
    iter_text,
    read_text,
)

__all__ = [
    "DEFAULT_LIMITS",
    "DEFAULT_MAX_BYTES",
    "InputError",
    "ReadLimits",
    "detect_encoding",
    "iter_stream",
    "iter_text",
    "read_text",
]
