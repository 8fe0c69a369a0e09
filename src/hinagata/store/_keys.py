"""API keys, requests for them and the review body's grants, stored in the database.

A key is issued one of two ways (clause 2.5 of the national template): staff request one
(:class:`KeyRequests`: purpose and service), the department's 利用管理者 or an
administrator approves or rejects it (never the requester), and the requester collects
the approved key once — it is made then, so nobody else ever sees it; or, where a layer
used the extension point ``EP-2.5-key-self-service`` for the department, staff issue
their own (:meth:`Keys.create`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, cast

from sqlalchemy import Table, bindparam, or_, select

from hinagata.decide import Grant
from hinagata.store._db import Database, _aware
from hinagata.store._models import ApiKey, GrantRow, KeyRequest
from hinagata.store._scope import OPERATOR, Scope

__all__ = [
    "KEY_REQUEST_STATES",
    "Grants",
    "KeyInfo",
    "KeyRequestError",
    "KeyRequestInfo",
    "KeyRequests",
    "Keys",
]

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
        with self.db.session() as s:
            key, row = _new_key(user, department, municipality, roles, trained, note)
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


def _new_key(
    user: str,
    department: str,
    municipality: str,
    roles: Sequence[str],
    trained: bool,
    note: str,
) -> tuple[str, ApiKey]:
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    return key, ApiKey(
        key_hash=hash_key(key),
        prefix=key[:10],
        user=user,
        department=department,
        municipality=municipality,
        roles=list(roles),
        trained=trained,
        note=note[:500],
    )


#: A request's states and their Japanese names.
KEY_REQUEST_STATES = {
    "pending": "承認待ち",
    "approved": "承認済み（受取待ち）",
    "issued": "交付済み",
    "rejected": "却下",
    "withdrawn": "取下げ",
}
#: Pending requests one person may have at once (a flood of requests is refused).
MAX_PENDING = 5


class KeyRequestError(ValueError):
    """A request that cannot be made or decided (bilingual message)."""


@dataclass(frozen=True)
class KeyRequestInfo:
    id: int
    municipality: str
    department: str
    requester: str
    purpose: str
    service: str
    status: str
    decided_by: str
    reason: str
    key_id: int | None
    created_at: dt.datetime
    decided_at: dt.datetime | None

    @property
    def status_name(self) -> str:
        return KEY_REQUEST_STATES.get(self.status, self.status)


def _request_info(row: KeyRequest) -> KeyRequestInfo:
    created = _aware(row.created_at)
    assert created is not None
    return KeyRequestInfo(
        row.id, row.municipality, row.department, row.requester, row.purpose, row.service,
        row.status, row.decided_by, row.reason, row.key_id, created, _aware(row.decided_at),
    )  # fmt: skip


class _Requester(Protocol):
    @property
    def login(self) -> str: ...

    @property
    def department(self) -> str: ...

    @property
    def municipality(self) -> str: ...

    @property
    def roles(self) -> tuple[str, ...]: ...

    @property
    def trained(self) -> bool: ...


_REQUESTS = cast(Table, KeyRequest.__table__)


class KeyRequests:
    """Requests for API keys: made by staff, decided by an approver of their scope,
    collected once by the requester."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def request(self, who: _Requester, *, purpose: str, service: str) -> KeyRequestInfo:
        purpose = purpose.strip()
        if not purpose:
            raise KeyRequestError("利用目的を入力してください / state the purpose")
        if len(purpose) > 500:
            raise KeyRequestError(
                "利用目的は500文字以内にしてください / the purpose is at most 500 characters"
            )
        with self.db.session() as s:
            pending = s.execute(
                select(KeyRequest.id).where(
                    KeyRequest.requester == who.login, KeyRequest.status == "pending"
                )
            ).all()
            if len(pending) >= MAX_PENDING:
                raise KeyRequestError(
                    f"承認待ちの申請が{MAX_PENDING}件あります。承認を待つか、取り下げてください"
                    f" / {MAX_PENDING} requests are already pending"
                )
            row = KeyRequest(
                municipality=who.municipality,
                department=who.department,
                requester=who.login,
                purpose=purpose,
                service=service,
                status="pending",
                created_at=dt.datetime.now(dt.UTC),
            )
            s.add(row)
            s.flush()
            return _request_info(row)

    def get_in(self, request_id: int, scope: Scope) -> KeyRequestInfo | None:
        with self.db.session() as s:
            row = s.execute(
                select(KeyRequest).where(scope.where(_REQUESTS, KeyRequest.id == request_id))
            ).scalar_one_or_none()
            return _request_info(row) if row is not None else None

    def for_user(self, login: str) -> list[KeyRequestInfo]:
        """One person's requests, the newest first."""
        with self.db.session() as s:
            rows = s.execute(
                select(KeyRequest)
                .where(KeyRequest.requester == login)
                .order_by(KeyRequest.id.desc())
                .limit(100)
            ).scalars()
            return [_request_info(r) for r in rows]

    def in_scope(self, scope: Scope, *, status: str | None = "pending") -> list[KeyRequestInfo]:
        """The requests of ``scope`` (its municipality; its department for a 利用管理者),
        the oldest first; ``status=None``: every state, the newest first (at most 200)."""
        with self.db.session() as s:
            q = select(KeyRequest).where(scope.where(_REQUESTS))
            if status is not None:
                q = q.where(KeyRequest.status == status).order_by(KeyRequest.id)
            else:
                q = q.order_by(KeyRequest.id.desc()).limit(200)
            return [_request_info(r) for r in s.execute(q).scalars()]

    def decide(
        self, request_id: int, *, scope: Scope, approve: bool, reason: str = ""
    ) -> KeyRequestInfo:
        """Approve or reject a pending request of ``scope`` as ``scope.login``: never one's
        own, and a rejection says why. Raises :class:`KeyRequestError` (the message says
        what is wrong); a request outside ``scope`` is "not found"."""
        reason = reason.strip()
        if not approve and not reason:
            raise KeyRequestError("却下の理由を入力してください / give the reason for a rejection")
        if len(reason) > 500:
            raise KeyRequestError(
                "理由は500文字以内にしてください / the reason is at most 500 characters"
            )
        with self.db.session() as s:
            row = s.execute(
                select(KeyRequest)
                .where(scope.where(_REQUESTS, KeyRequest.id == request_id))
                .with_for_update()
            ).scalar_one_or_none()
            if row is None:
                raise KeyRequestError("申請が見つかりません / no such request")
            if row.requester == scope.login:
                raise KeyRequestError(
                    "自分の申請は承認も却下もできません。所属の利用管理者か管理者に依頼してください"
                    " / one cannot decide one's own request"
                )
            if row.status != "pending":
                raise KeyRequestError(
                    f"この申請は既に「{KEY_REQUEST_STATES.get(row.status, row.status)}」です"
                    " / the request was already decided"
                )
            row.status = "approved" if approve else "rejected"
            row.decided_by = scope.login
            row.reason = reason
            row.decided_at = dt.datetime.now(dt.UTC)
            s.flush()
            return _request_info(row)

    def withdraw(self, request_id: int, login: str) -> bool:
        """The requester withdraws a pending or approved (not yet collected) request."""
        with self.db.session() as s:
            row = s.execute(
                select(KeyRequest)
                .where(
                    KeyRequest.id == request_id,
                    KeyRequest.requester == login,
                    KeyRequest.status.in_(("pending", "approved")),
                )
                .with_for_update()
            ).scalar_one_or_none()
            if row is None:
                return False
            row.status = "withdrawn"
            return True

    def collect(self, request_id: int, who: _Requester) -> tuple[str, KeyInfo] | None:
        """The key of an approved request of ``who`` (made now, shown once), or None (not
        theirs, not approved, or already collected). The key acts as the account does
        now: its 所属, roles and training."""
        with self.db.session() as s:
            row = s.execute(
                select(KeyRequest)
                .where(
                    KeyRequest.id == request_id,
                    KeyRequest.requester == who.login,
                    KeyRequest.municipality == who.municipality,
                    KeyRequest.status == "approved",
                )
                .with_for_update()
            ).scalar_one_or_none()
            if row is None:
                return None
            note = f"申請{row.id}（{row.service}）: {row.purpose}"
            key, key_row = _new_key(
                who.login, who.department, who.municipality, who.roles, who.trained, note
            )
            s.add(key_row)
            s.flush()
            row.status = "issued"
            row.key_id = key_row.id
            return key, _info(key_row)


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
