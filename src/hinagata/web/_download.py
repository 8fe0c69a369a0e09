"""``Content-Disposition`` for downloads (RFC 6266, RFC 5987/8187).

A header value is built only from a filename we chose, never from request text as it
is: the ``filename=`` fallback keeps ASCII letters, digits, ``.``, ``-`` and ``_`` (so
no quote, CR or LF can end the header or start another one), and ``filename*=`` carries
the full name percent-encoded as UTF-8 for browsers that read it (every current one).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

__all__ = ["attachment"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def attachment(filename: str) -> str:
    """``attachment; filename="…"; filename*=UTF-8''…`` for ``filename``."""
    name = "".join(ch for ch in filename if unicodedata.category(ch)[0] != "C")
    name = name.replace("/", "_").replace("\\", "_").strip(" .") or "download"
    ascii_name = _UNSAFE.sub("_", name).strip("_.") or "download"
    if ascii_name.startswith("."):
        ascii_name = "_" + ascii_name
    encoded = quote(name, safe="")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{encoded}"
