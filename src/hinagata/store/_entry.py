"""One record of the audit chain (監査記録) and how it is hashed.

A record says what was decided for a request — by whom, for which municipality and
department, with which verdict and clauses — and never the text or a personal value.
:class:`AuditEntry` is a record as the writer appends it and as the verifier, the audit
search, the dashboard and the export read it back: the hashed ``data`` together with its
place in the chain, and the fields every reader needs (who, for which tenant) by name.
``canonical`` is what the keyed hash covers (see :mod:`hinagata.store._audit`); it is
kept exactly as it was, so every existing chain verifies as before.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hinagata.store._db import _aware
from hinagata.store._rollup import JST
from hinagata.store._scope import Scope

__all__ = [
    "GENESIS",
    "HASH_VERSION",
    "VERSIONS",
    "AuditEntry",
    "Copies",
    "canonical",
    "derive_copies",
]

#: The ``prev`` of the first record.
GENESIS = "0" * 64

#: The hash format of new records (1: the record only; 2: also its copies and version).
HASH_VERSION = 2
VERSIONS = (1, 2)
#: The column widths of the copies (format 2 cuts a longer value to fit, format 1 did not).
_WIDTH = {"municipality": 200, "department": 200, "verdict": 16, "user_login": 200}
_CLAUSE_WIDTH = 40


@dataclass(frozen=True)
class Copies:
    """What a record's row and clause rows must hold beside the record itself."""

    municipality: str | None = None
    department: str | None = None
    verdict: str | None = None
    user_login: str | None = None
    clauses: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "municipality": self.municipality,
            "department": self.department,
            "verdict": self.verdict,
            "user_login": self.user_login,
            "clauses": list(self.clauses),
        }


def derive_copies(kind: str, data: Mapping[str, Any], version: int = HASH_VERSION) -> Copies:
    """The copies of a record, by the rule of hash format ``version``.

    Only decisions have copies. Format 1 copied the values as they were (and cut clause
    ids to 40 characters); format 2 keeps only strings, cut to the column widths, and
    only a list of clauses.

    >>> derive_copies("decision", {"verdict": "deny", "user": "u1", "clauses": ["4.2", 7]})
    Copies(municipality=None, department=None, verdict='deny', user_login='u1', clauses=('4.2',))
    >>> derive_copies("outcome", {"verdict": "deny"})
    Copies(municipality=None, department=None, verdict=None, user_login=None, clauses=())
    """
    if kind != "decision":
        return Copies()
    cited = data.get("clauses")
    if version == 1:
        return Copies(
            data.get("municipality"),
            data.get("department"),
            data.get("verdict"),
            data.get("user"),
            tuple(c[:_CLAUSE_WIDTH] for c in cited or () if isinstance(c, str)),
        )

    def text(key: str, column: str) -> str | None:
        value = data.get(key)
        return value[: _WIDTH[column]] if isinstance(value, str) else None

    return Copies(
        text("municipality", "municipality"),
        text("department", "department"),
        text("verdict", "verdict"),
        text("user", "user_login"),
        tuple(c[:_CLAUSE_WIDTH] for c in cited if isinstance(c, str))
        if isinstance(cited, list | tuple)
        else (),
    )


def canonical(
    seq: int,
    ts: dt.datetime,
    kind: str,
    request_id: str,
    data: Mapping[str, Any],
    prev: str,
    version: int = 1,
    copies: Copies | None = None,
) -> bytes:
    body: dict[str, Any] = {
        "seq": seq,
        "ts": ts.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "kind": kind,
        "request_id": request_id,
        "data": data,
        "prev": prev,
    }
    if version >= 2:
        body["v"] = version
        body["copies"] = (copies or derive_copies(kind, data, version)).to_json()
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


@dataclass(frozen=True)
class AuditEntry:
    """A record of the audit chain: its ``kind`` (``decision``, ``outcome`` of the same
    request, ``document`` check), the request it is about and the hashed ``data``; once
    written, also its ``seq``, time and ``hash``."""

    kind: str
    request_id: str
    data: Mapping[str, Any]
    seq: int = 0
    ts: dt.datetime | None = None
    hash: str = ""
    #: The chain it belongs to (a municipality; ``""``: the platform's) and its number
    #: there (ADR 0021); None before it is written or where the row does not say.
    chain: str | None = None
    chain_seq: int | None = None

    @classmethod
    def of_row(cls, row: Any) -> AuditEntry:
        """The entry of an ``audit_records`` row (any of its columns may be left out
        but ``data``)."""
        return cls(
            kind=getattr(row, "kind", ""),
            request_id=getattr(row, "request_id", ""),
            data=row.data or {},
            seq=getattr(row, "seq", 0),
            ts=_aware(getattr(row, "ts", None)),
            hash=getattr(row, "hash", ""),
            chain=getattr(row, "chain", None),
            chain_seq=getattr(row, "chain_seq", None),
        )

    # What a decision or a document check names (an outcome names none of them).
    @property
    def municipality(self) -> str | None:
        return _text(self.data.get("municipality"))

    @property
    def department(self) -> str | None:
        return _text(self.data.get("department"))

    @property
    def user(self) -> str | None:
        return _text(self.data.get("user"))

    @property
    def verdict(self) -> str | None:
        return _text(self.data.get("verdict"))

    def within(self, scope: Scope) -> bool:
        """Whether the record itself (not only its searchable copies) is in ``scope``."""
        return scope.admits(self.municipality, self.department)

    def copies(self, version: int = HASH_VERSION) -> Copies:
        """The searchable copies of this record by the rule of hash format ``version``."""
        return derive_copies(self.kind, self.data, version)

    def row(self) -> dict[str, Any]:
        """The record as exported (``hinagata audit export``, the admin page's CSV):
        its place (overall, and in its chain), then the record's own fields, then its hash
        (what an offline verifier needs to check each chain on its own)."""
        return {
            "seq": self.seq,
            "chain": self.chain,
            "chain_seq": self.chain_seq,
            # The time as recorded (UTC, what the hash covers), and the same time in Japan
            # (日本時間, UTC+9) for the reader; each says its zone.
            "ts": self.ts.isoformat() if self.ts else "",
            "ts_jst": self.ts.astimezone(JST).isoformat() if self.ts else "",
            "kind": self.kind,
            "request_id": self.request_id,
            **self.data,
            "hash": self.hash,
        }
