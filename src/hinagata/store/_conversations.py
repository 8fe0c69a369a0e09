"""Conversations the upstream keeps (the Responses API's ``previous_response_id``).

The upstream holds the earlier turns as they were sent — masked. To go on with such a
conversation the gateway needs what it no longer has in the request: the placeholder
table (to restore the answer and to give a value the placeholder it had before) and the
earlier texts (to judge the conversation as a whole: a name in the first turn and an
address in the third identify someone together). Each turn is kept here, sealed with
AES-GCM under the conversation key of the config and bound to its response id,
municipality and user (a row moved to another tenant does not open), and deleted when
it expires (the policy's retention). See ADR 0022.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Table, delete, insert, select

from hinagata.store._db import Database, _aware
from hinagata.store._models import ConversationTurn

__all__ = ["Conversation", "ConversationError", "Conversations", "Turn"]

#: The most turns a continued conversation is read back over (older ones are not judged
#: again: the request is refused instead, see :meth:`Conversations.load`).
MAX_TURNS = 256


@dataclass(frozen=True)
class Turn:
    """What one turn said: (role, text) of each judged part, then the answer as the
    user saw it (role ``assistant``)."""

    texts: tuple[tuple[str, str], ...]
    #: The whole placeholder table after this turn (placeholder → value).
    mapping: Mapping[str, str]


@dataclass(frozen=True)
class Conversation:
    """The turns before a request, oldest first, and the table of the newest."""

    response_id: str
    turns: tuple[Turn, ...]

    @property
    def mapping(self) -> Mapping[str, str]:
        return self.turns[-1].mapping if self.turns else {}

    @property
    def texts(self) -> list[tuple[str, str]]:
        return [t for turn in self.turns for t in turn.texts]


class ConversationError(LookupError):
    """No such conversation for this caller (or it cannot be opened): ``code`` says which."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class Conversations:
    """Sealed conversation turns (``key``: the config's conversation key material)."""

    def __init__(self, db: Database, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("conversation key must be at least 16 bytes")
        self.db = db
        self._aead = AESGCM(hashlib.sha256(b"hinagata-conversations\x00" + key).digest())
        self._t = cast(Table, ConversationTurn.__table__)

    @staticmethod
    def _aad(response_id: str, municipality: str, user: str) -> bytes:
        return "\x00".join((response_id, municipality, user)).encode("utf-8")

    def add(
        self,
        response_id: str,
        *,
        municipality: str,
        user: str,
        parent: str | None,
        model: str,
        request_id: str,
        texts: Sequence[tuple[str, str]],
        mapping: Mapping[str, str],
        retention_days: int,
        now: dt.datetime | None = None,
    ) -> None:
        """Keep one turn (a second turn under the same id replaces nothing: ignored)."""
        when = now or dt.datetime.now(dt.UTC)
        plain = json.dumps(
            {"texts": [list(t) for t in texts], "mapping": dict(mapping)}, ensure_ascii=False
        ).encode("utf-8")
        nonce = os.urandom(12)
        sealed = nonce + self._aead.encrypt(
            nonce, plain, self._aad(response_id, municipality, user)
        )
        with self.db.write_conn() as conn:
            exists = conn.execute(
                select(self._t.c.response_id).where(self._t.c.response_id == response_id)
            ).first()
            if exists is not None:
                return
            conn.execute(
                insert(self._t).values(
                    response_id=response_id,
                    municipality=municipality,
                    user_login=user,
                    parent=parent,
                    model=model,
                    request_id=request_id,
                    created_at=when,
                    expires_at=when + dt.timedelta(days=retention_days),
                    sealed=sealed,
                )
            )

    def load(
        self,
        response_id: str,
        *,
        municipality: str,
        user: str,
        now: dt.datetime | None = None,
    ) -> Conversation:
        """The conversation up to ``response_id`` for this caller; :class:`ConversationError`
        ``not_found`` when there is none for them (another tenant's id looks the same as
        an unknown one), ``expired`` past its retention, ``too_long`` beyond
        :data:`MAX_TURNS`, ``sealed`` when it cannot be opened (another key)."""
        when = now or dt.datetime.now(dt.UTC)
        turns: list[Turn] = []
        current: str | None = response_id
        with self.db.read_conn() as conn:
            while current is not None:
                if len(turns) >= MAX_TURNS:
                    raise ConversationError("too_long")
                row = conn.execute(select(self._t).where(self._t.c.response_id == current)).first()
                if row is None or row.municipality != municipality or row.user_login != user:
                    raise ConversationError("not_found")
                expires = _aware(row.expires_at)
                if expires is not None and expires <= when:
                    raise ConversationError("expired")
                turns.append(self._open(row))
                current = row.parent
        return Conversation(response_id, tuple(reversed(turns)))

    def _open(self, row: Any) -> Turn:
        sealed = bytes(row.sealed)
        try:
            plain = self._aead.decrypt(
                sealed[:12],
                sealed[12:],
                self._aad(row.response_id, row.municipality, row.user_login),
            )
        except InvalidTag:
            raise ConversationError("sealed") from None
        data = json.loads(plain)
        return Turn(tuple((str(r), str(t)) for r, t in data["texts"]), dict(data["mapping"]))

    def model_of(self, response_id: str, *, municipality: str, user: str) -> str | None:
        """The model route of a kept turn of this caller, or None."""
        with self.db.read_conn() as conn:
            row = conn.execute(
                select(self._t.c.model).where(
                    self._t.c.response_id == response_id,
                    self._t.c.municipality == municipality,
                    self._t.c.user_login == user,
                )
            ).first()
        return str(row.model) if row is not None else None

    def prune(self, *, now: dt.datetime | None = None) -> int:
        """Delete every turn past its retention; returns how many."""
        when = now or dt.datetime.now(dt.UTC)
        with self.db.write_conn() as conn:
            return int(
                conn.execute(delete(self._t).where(self._t.c.expires_at <= when)).rowcount or 0
            )
