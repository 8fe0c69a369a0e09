"""API keys and the review body's grants, stored in the database."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, or_, select

from hinagata.decide import Grant
from hinagata.store._db import Database, _aware
from hinagata.store._models import ApiKey, GrantRow
from hinagata.store._scope import OPERATOR, Scope

__all__ = ["Grants", "KeyInfo", "Keys"]

KEY_PREFIX = "hg_"

_KEYS = cast(Table, ApiKey.__table__)
_GRANTS = cast(Table, GrantRow.__table__)
# The hot path's two lookups, built once (building a statement per request cost more than
# running it) and prepared (:meth:`Database.lookup`).
_KEY_BY_HASH = select(_KEYS).where(_KEYS.c.key_hash == bindparam("key_hash"))
_GRANTS_OF_SERVICE = select(_GRANTS).where(
    _GRANTS.c.revoked_at.is_(None),
    _GRANTS.c.service == bindparam("service"),
    or_(_GRANTS.c.municipality.is_(None), _GRANTS.c.municipality == bindparam("municipality")),
)


def hash_key(key: str) -> str:
    """Keys are 256-bit random tokens: a plain SHA-256 is a safe way to store them."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class KeyInfo:
    id: int
    prefix: str
    user: str
    department: str
    municipality: str
    roles: tuple[str, ...]
    trained: bool
    created_at: dt.datetime
    revoked_at: dt.datetime | None
    note: str = ""

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def _info(row: Any) -> KeyInfo:
    """A KeyInfo from an ORM row or a Core row (both expose the columns as attributes)."""
    created = _aware(row.created_at)
    assert created is not None
    return KeyInfo(
        row.id,
        row.prefix,
        row.user,
        row.department,
        row.municipality,
        tuple(row.roles or ()),
        row.trained,
        created,
        _aware(row.revoked_at),
        row.note,
    )


class Keys:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._by_hash = db.lookup(_KEY_BY_HASH)

    def create(
        self,
        *,
        user: str,
        department: str = "",
        municipality: str = "",
        roles: Sequence[str] = (),
        trained: bool = False,
        note: str = "",
    ) -> tuple[str, KeyInfo]:
        """A new key (shown once) and its stored record."""
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        with self.db.session() as s:
            row = ApiKey(
                key_hash=hash_key(key),
                prefix=key[:10],
                user=user,
                department=department,
                municipality=municipality,
                roles=list(roles),
                trained=trained,
                note=note,
            )
            s.add(row)
            s.flush()
            info = _info(row)
        return key, info

    def lookup(self, key: str) -> KeyInfo | None:
        """The active key's record, or None (unknown or revoked)."""
        if not key.startswith(KEY_PREFIX):
            return None
        # Read on every request, never cached: a revoked key stops at once, everywhere.
        row = self._by_hash.first(key_hash=hash_key(key))
        if row is None or row.revoked_at is not None:
            return None
        return _info(row)

    def all(self, *, include_revoked: bool = False, scope: Scope = OPERATOR) -> list[KeyInfo]:
        """The keys in ``scope`` (the CLI: every key)."""
        t = cast(Table, ApiKey.__table__)
        with self.db.session() as s:
            q = select(ApiKey).where(scope.where(t)).order_by(ApiKey.id)
            if not include_revoked:
                q = q.where(ApiKey.revoked_at.is_(None))
            return [_info(r) for r in s.execute(q).scalars()]

    def for_user(self, user: str, *, include_revoked: bool = True) -> list[KeyInfo]:
        """The keys of one user, the newest first."""
        with self.db.session() as s:
            q = select(ApiKey).where(ApiKey.user == user).order_by(ApiKey.id.desc())
            if not include_revoked:
                q = q.where(ApiKey.revoked_at.is_(None))
            return [_info(r) for r in s.execute(q).scalars()]

    def revoke_own(self, key_id: int, user: str, *, scope: Scope = OPERATOR) -> bool:
        """Revoke key ``key_id`` if it belongs to ``user`` (in ``scope``) and is active."""
        now = dt.datetime.now(dt.UTC)
        t = cast(Table, ApiKey.__table__)
        with self.db.session() as s:
            row = s.execute(
                select(ApiKey).where(
                    scope.where(
                        t, ApiKey.id == key_id, ApiKey.user == user, ApiKey.revoked_at.is_(None)
                    )
                )
            ).scalar_one_or_none()
            if row is None:
                return False
            row.revoked_at = now
            return True

    def revoke(self, ident: str, *, scope: Scope = OPERATOR) -> int:
        """Revoke by numeric id or key prefix (keys in ``scope`` only); returns how many
        keys were revoked."""
        now = dt.datetime.now(dt.UTC)
        t = cast(Table, ApiKey.__table__)
        with self.db.session() as s:
            q = select(ApiKey).where(scope.where(t, ApiKey.revoked_at.is_(None)))
            q = (
                q.where(ApiKey.id == int(ident))
                if ident.isdigit()
                else q.where(ApiKey.prefix == ident[:10])
            )
            rows = list(s.execute(q).scalars())
            for r in rows:
                r.revoked_at = now
            return len(rows)


class Grants:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._of_service = db.lookup(_GRANTS_OF_SERVICE)

    def add(
        self,
        *,
        service: str,
        department: str | None = None,
        municipality: str | None = None,
        max_class: str = "3C",
        use_case: str | None = None,
        expires: dt.datetime | None = None,
        note: str = "",
        created_by: str = "",
    ) -> Grant:
        gid = "G-" + uuid.uuid4().hex[:12]
        with self.db.session() as s:
            s.add(
                GrantRow(
                    id=gid,
                    service=service,
                    department=department,
                    municipality=municipality,
                    max_class=max_class,
                    use_case=use_case,
                    expires_at=expires,
                    note=note,
                    created_by=created_by,
                )
            )
        return Grant(gid, service, max_class, department, municipality, use_case, expires)

    def all(
        self, *, include_revoked: bool = False, scope: Scope = OPERATOR
    ) -> list[tuple[Grant, GrantRow]]:
        """The grants that apply in ``scope``: its municipality's (its department's, for a
        department scope) and the platform-wide ones (made without a municipality)."""
        t = cast(Table, GrantRow.__table__)
        with self.db.session() as s:
            q = (
                select(GrantRow)
                .where(scope.where(t, platform_rows=True))
                .order_by(GrantRow.created_at)
            )
            if not include_revoked:
                q = q.where(GrantRow.revoked_at.is_(None))
            return [(_grant(r), r) for r in s.execute(q).scalars()]

    def search(self, q: str = "", *, scope: Scope = OPERATOR) -> list[GrantRow]:
        """Every grant of ``scope`` (revoked ones too) whose id, service, department, use
        case or note contains ``q``: the active ones first, then by id."""
        rows = []
        for _grant, row in self.all(include_revoked=True, scope=scope):
            text = f"{row.id} {row.service} {row.department or ''} {row.use_case or ''} {row.note}"
            if q and q not in text:
                continue
            rows.append(row)
        rows.sort(key=lambda r: (r.revoked_at is not None, r.id))
        return rows

    def platform_wide(self, grant_id: str, *, scope: Scope = OPERATOR) -> bool:
        """Whether ``grant_id`` is an active grant made for the whole platform, which
        ``scope`` sees but only the platform's operator revokes (:meth:`revoke`)."""
        return any(
            row.id == grant_id and row.municipality is None and row.revoked_at is None
            for _g, row in self.all(scope=scope)
        )

    def revoke(self, grant_id: str, *, scope: Scope = OPERATOR) -> bool:
        """Revoke an active grant of ``scope``. A platform-wide grant (no municipality) is
        revoked only at platform level (the operator's CLI, or a single-municipality
        installation): a municipality's reviewer sees it but cannot revoke it."""
        t = cast(Table, GrantRow.__table__)
        with self.db.session() as s:
            row = s.execute(
                select(GrantRow).where(
                    scope.where(t, GrantRow.id == grant_id, GrantRow.revoked_at.is_(None))
                )
            ).scalar_one_or_none()
            if row is None:
                return False
            row.revoked_at = dt.datetime.now(dt.UTC)
            return True

    def revocable(self, row: GrantRow, scope: Scope) -> bool:
        """Whether ``scope`` may revoke this grant (see :meth:`revoke`)."""
        return row.revoked_at is None and scope.admits(row.municipality, row.department)

    def active_for(
        self, *, service: str, municipality: str | None, now: dt.datetime | None = None
    ) -> list[Grant]:
        """Unrevoked, unexpired grants for a service (the decision checks the rest of the scope)."""
        when = now or dt.datetime.now(dt.UTC)
        # Read on every request, never cached: a revoked grant stops at once, everywhere.
        rows = self._of_service.all(service=service, municipality=municipality or "")
        grants = [_grant(r) for r in rows]
        return [g for g in grants if g.expires is None or g.expires > when]


def _grant(r: Any) -> Grant:
    return Grant(
        r.id, r.service, r.max_class, r.department, r.municipality, r.use_case, _aware(r.expires_at)
    )
