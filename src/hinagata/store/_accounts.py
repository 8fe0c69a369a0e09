"""Accounts and sessions of the web application (利用者とログイン).

Passwords are hashed with argon2id (argon2-cffi's defaults, RFC 9106's low-memory
profile); a hash made with older parameters is replaced at the next successful sign-in.
A session is a 256-bit random token in a cookie; the database keeps only its SHA-256, a
CSRF token, and when it was last used: it ends after ``idle`` without use, ``absolute``
after sign-in, at sign-out, or when the account is disabled.

An account signed in with the organisation's directory (OpenID Connect,
:mod:`hinagata.web._oidc`) is stored like a local one, with its provider's issuer and
subject in ``idp_subject`` and no password (:meth:`Accounts.sign_in_external`); nothing
else depends on how the person signed in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, cast

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Table, insert, select, update

from hinagata.store._db import Database, _aware
from hinagata.store._models import ApiKey, KeyRequest, UserRow, WebSession
from hinagata.store._scope import OPERATOR, Scope

__all__ = [
    "ACCOUNT_DISABLED",
    "LOGIN_TAKEN",
    "OTHER_MUNICIPALITY",
    "ROLES",
    "Account",
    "AccountError",
    "Accounts",
    "SessionInfo",
    "account_event",
    "normalise_login",
    "role_names",
]

#: Roles and their Japanese names: 職員, 利用管理者, 審査委員, CAIO/管理者.
ROLES = {
    "staff": "職員",
    "usage_admin": "利用管理者",
    "reviewer": "審査委員",
    "admin": "CAIO・管理者",
}


def role_names(roles: Sequence[str]) -> list[str]:
    """The Japanese names of ``roles`` (an unknown one as it is)."""
    return [ROLES.get(r, r) for r in roles]


#: Characters a person does not see that are letters to Unicode (Hangul fillers) or marks
#: (the combining grapheme joiner): dropped like format characters.
_INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u034f\u180e")


#: Cyrillic and Greek letters that look like Latin ones (after case folding): "с-staff"
#: with a Cyrillic с is the same login as "c-staff" here.
_HOMOGLYPHS = str.maketrans(
    "авекмнорстухіјѕԁԛԝһӏαβεικμνορτυχηζ", "abekmhopctyxijsdqwhlabeikmvoptuxnz"
)


def normalise_login(login: str) -> str:
    """A login as a person means it: surrounding spaces dropped, NFKC (full-width letters
    as half-width), case folded, characters nobody sees (zero-width spaces, format
    characters, variation selectors, Hangul fillers) removed, Cyrillic and Greek letters
    that look like Latin ones read as those. Sign-in throttling counts
    failures under this form, so " tanaka", "ＴＡＮＡＫＡ", "Tanaka" and "tanaka" with a
    zero-width space share one lockout; and no new login may have the same form as an
    existing one (:meth:`Accounts.create`)."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", login).casefold())
    folded = folded.translate(_HOMOGLYPHS)
    return "".join(
        ch
        for ch in folded
        if ch not in _INVISIBLE and unicodedata.category(ch) not in ("Cf", "Cc", "Mn", "Me")
    ).strip()


def _unusable(login: str) -> bool:
    """Whether ``login`` has a character that is not plainly visible (a space inside,
    a control, format or private character, a combining mark, a Hangul filler)."""
    return any(
        ch in _INVISIBLE or ch.isspace() or unicodedata.category(ch)[0] in "CMZ"
        for ch in unicodedata.normalize("NFC", login)
    )


#: The answer to a login that is taken, by any municipality of the installation, or that
#: looks like one that is: it does not say which, nor whose.
LOGIN_TAKEN = "このログイン名は使えません。別のログイン名にしてください / this login cannot be used"

#: A directory sign-in for an account an administrator disabled: it stays disabled.
ACCOUNT_DISABLED = "このアカウントは停止されています / this account is disabled"
#: A directory sign-in whose municipality is not the account's.
OTHER_MUNICIPALITY = (
    "このアカウントは別の団体のものです / the account belongs to another municipality"
)

_KEYS = cast(Table, ApiKey.__table__)
_REQUESTS = cast(Table, KeyRequest.__table__)
_HASHER = PasswordHasher()
# Verifying against this keeps the time of a failed sign-in the same for unknown logins.
_DUMMY_HASH = _HASHER.hash("hinagata-dummy-password")
MIN_PASSWORD = 12


@dataclass(frozen=True)
class Account:
    id: int
    login: str
    display_name: str
    department: str
    municipality: str
    roles: tuple[str, ...]
    trained: bool
    created_at: dt.datetime
    disabled_at: dt.datetime | None
    #: Signed in with the organisation's directory (OIDC): no password here.
    external: bool = False
    #: The password was set by someone else: it must be changed before anything else.
    must_change_password: bool = False

    @property
    def active(self) -> bool:
        return self.disabled_at is None

    def has(self, *roles: str) -> bool:
        """Whether the account holds any of ``roles`` (admin holds every role)."""
        return "admin" in self.roles or any(r in self.roles for r in roles)

    @property
    def role_names(self) -> list[str]:
        return role_names(self.roles)


@dataclass(frozen=True)
class SessionInfo:
    account: Account
    csrf: str
    session_id: int


def _account(row: Any) -> Account:
    created = _aware(row.created_at)
    assert created is not None
    return Account(
        row.id,
        row.login,
        row.display_name,
        row.department,
        row.municipality,
        tuple(row.roles or ()),
        row.trained,
        created,
        _aware(row.disabled_at),
        bool(row.idp_subject),
        bool(row.must_change_password),
    )


class _Appender(Protocol):
    def append(self, kind: str, request_id: str, data: Mapping[str, Any]) -> int: ...


def account_event(
    audit: _Appender,
    event: str,
    *,
    actor: str,
    municipality: str,
    department: str,
    target: str = "",
    **details: Any,
) -> None:
    """Record an account or key event (``account.reset``, ``key.approved`` …) of kind
    ``account`` in ``municipality``'s audit chain: who acted, on whom, what changed —
    never a password or a key. Raises on a database error."""
    data: dict[str, Any] = {
        "event": event,
        "user": actor,
        "municipality": municipality,
        "department": department,
        "target": target,
        **details,
    }
    audit.append("account", "acct_" + secrets.token_hex(10), data)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(
            f"パスワードは{MIN_PASSWORD}文字以上にしてください / the password needs at least {MIN_PASSWORD} characters"
        )


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class AccountError(ValueError):
    """A bad account request (duplicate login, weak password, unknown role)."""


class Accounts:
    def __init__(
        self,
        db: Database,
        *,
        idle: dt.timedelta = dt.timedelta(minutes=30),
        absolute: dt.timedelta = dt.timedelta(hours=10),
    ) -> None:
        self.db = db
        self.idle = idle
        self.absolute = absolute
        self._u = cast(Table, UserRow.__table__)
        self._s = cast(Table, WebSession.__table__)

    # ------------------------------------------------------------------ accounts

    def create(
        self,
        *,
        login: str,
        password: str,
        display_name: str = "",
        department: str = "",
        municipality: str = "",
        roles: Sequence[str] = ("staff",),
        trained: bool = False,
        must_change_password: bool = False,
    ) -> Account:
        """A new account. ``must_change_password``: the password was chosen by someone
        else (an administrator, first-run): the person changes it at first sign-in."""
        login = login.strip()
        if not login or len(login) > 200:
            raise AccountError("ログイン名を指定してください / a login name is required")
        _check_password(password)
        unknown = [r for r in roles if r not in ROLES]
        if unknown:
            raise AccountError(f"不明な役割 / unknown roles: {', '.join(unknown)}")
        if _unusable(login):
            raise AccountError(
                "ログイン名に空白や見えない文字は使えません / a login may not contain spaces or"
                " invisible characters"
            )
        with self.db.write_conn() as conn:
            # Logins are unique in the installation (sign-in asks for no municipality), and
            # so is their normalised form: a look-alike ("C-STAFF", "ｃ-staff") would share
            # the real account's sign-in throttle.
            wanted = normalise_login(login)
            taken = conn.execute(select(self._u.c.login)).scalars()
            if any(normalise_login(t) == wanted for t in taken):
                raise AccountError(LOGIN_TAKEN)
            conn.execute(
                insert(self._u).values(
                    login=login,
                    display_name=display_name or login,
                    password_hash=_HASHER.hash(password),
                    department=department,
                    municipality=municipality,
                    roles=list(roles),
                    trained=trained,
                    created_at=dt.datetime.now(dt.UTC),
                    must_change_password=must_change_password,
                )
            )
        found = self.get(login)
        assert found is not None
        return found

    def get(self, login: str) -> Account | None:
        with self.db.read_conn() as conn:
            row = conn.execute(select(self._u).where(self._u.c.login == login)).first()
        return _account(row) if row is not None else None

    def by_id(self, user_id: int) -> Account | None:
        with self.db.read_conn() as conn:
            row = conn.execute(select(self._u).where(self._u.c.id == user_id)).first()
        return _account(row) if row is not None else None

    def all(self, *, scope: Scope = OPERATOR) -> list[Account]:
        """The accounts in ``scope`` (the CLI: every account)."""
        with self.db.read_conn() as conn:
            rows = conn.execute(
                select(self._u).where(scope.where(self._u)).order_by(self._u.c.login)
            ).all()
        return [_account(r) for r in rows]

    def get_in(self, login: str, scope: Scope) -> Account | None:
        """The account ``login`` if it is in ``scope``, else None."""
        with self.db.read_conn() as conn:
            row = conn.execute(
                select(self._u).where(scope.where(self._u, self._u.c.login == login))
            ).first()
        return _account(row) if row is not None else None

    def by_id_in(self, user_id: int, scope: Scope) -> Account | None:
        """The account ``user_id`` if it is in ``scope``, else None."""
        with self.db.read_conn() as conn:
            row = conn.execute(
                select(self._u).where(scope.where(self._u, self._u.c.id == user_id))
            ).first()
        return _account(row) if row is not None else None

    def set_password(
        self, login: str, password: str, *, must_change_password: bool = False
    ) -> None:
        """Set the password of ``login``. ``must_change_password``: it was set by someone
        else (a reset), so the person must change it at the next sign-in; a person's own
        change clears that."""
        _check_password(password)
        with self.db.write_conn() as conn:
            conn.execute(
                update(self._u)
                .where(self._u.c.login == login)
                .values(
                    password_hash=_HASHER.hash(password),
                    must_change_password=must_change_password,
                )
            )

    def change_own_password(self, login: str, current: str, new: str) -> None:
        """The person's own change: the current password must be right, and the new one
        must differ from it (an initial password is not kept by typing it again)."""
        if self.authenticate(login, current) is None:
            raise AccountError("今のパスワードが違います / the current password is wrong")
        if new == current:
            raise AccountError(
                "今と同じパスワードは使えません / the new password must differ from the current one"
            )
        self.set_password(login, new)

    def reset_password(self, login: str, *, scope: Scope = OPERATOR) -> str | None:
        """A new one-time initial password for an account of ``scope`` (None: not in it):
        the person must change it at the next sign-in, and their sessions end now."""
        target = self.get_in(login, scope)
        if target is None:
            return None
        if target.external:
            # A local password would open a second way in beside the directory.
            raise AccountError(
                "庁内アカウントでサインインする利用者には、パスワードがありません"
                " / a directory account has no password here"
            )
        password = secrets.token_urlsafe(12)
        now = dt.datetime.now(dt.UTC)
        with self.db.write_conn() as conn:
            conn.execute(
                update(self._u)
                .where(self._u.c.id == target.id)
                .values(password_hash=_HASHER.hash(password), must_change_password=True)
            )
            self._end_all(conn, target.id, now)
        return password

    def update(
        self,
        login: str,
        *,
        scope: Scope,
        display_name: str | None = None,
        department: str | None = None,
        roles: Sequence[str] | None = None,
        trained: bool | None = None,
    ) -> Account | None:
        """Change an account of ``scope`` (None: not in it). The account's active API keys
        take the new 所属, roles and training at once (a key acts as its account)."""
        if roles is not None:
            unknown = [r for r in roles if r not in ROLES]
            if unknown:
                raise AccountError(f"不明な役割 / unknown roles: {', '.join(unknown)}")
        target = self.get_in(login, scope)
        if target is None:
            return None
        values: dict[str, Any] = {}
        if display_name is not None:
            values["display_name"] = display_name.strip() or target.login
        if department is not None:
            values["department"] = department
        if roles is not None:
            values["roles"] = list(roles)
        if trained is not None:
            values["trained"] = trained
        key_values = {k: v for k, v in values.items() if k != "display_name"}
        with self.db.write_conn() as conn:
            if values:
                conn.execute(update(self._u).where(self._u.c.id == target.id).values(**values))
            if key_values:
                conn.execute(
                    update(_KEYS)
                    .where(
                        _KEYS.c.user == target.login,
                        _KEYS.c.municipality == target.municipality,
                        _KEYS.c.revoked_at.is_(None),
                    )
                    .values(**key_values)
                )
        return self.by_id(target.id)

    def disable(self, login: str, *, scope: Scope = OPERATOR) -> bool:
        """Disable an account of ``scope``: its sessions end, its API keys are revoked and
        its open key requests withdrawn at once (re-enabled, the person requests anew)."""
        now = dt.datetime.now(dt.UTC)
        with self.db.write_conn() as conn:
            row = conn.execute(
                select(self._u.c.id, self._u.c.login, self._u.c.municipality).where(
                    scope.where(self._u, self._u.c.login == login)
                )
            ).first()
            if row is None:
                return False
            conn.execute(update(self._u).where(self._u.c.id == row.id).values(disabled_at=now))
            self._end_all(conn, row.id, now)
            conn.execute(
                update(_KEYS)
                .where(
                    _KEYS.c.user == row.login,
                    _KEYS.c.municipality == row.municipality,
                    _KEYS.c.revoked_at.is_(None),
                )
                .values(revoked_at=now)
            )
            # Nor can a request made before be collected after a re-enabling.
            conn.execute(
                update(_REQUESTS)
                .where(
                    _REQUESTS.c.requester == row.login,
                    _REQUESTS.c.status.in_(("pending", "approved")),
                )
                .values(status="withdrawn", reason="利用者の停止により取下げ")
            )
        return True

    def by_subject(self, subject: str) -> Account | None:
        """The account linked to a directory subject (``issuer`` and ``sub``), if any."""
        with self.db.read_conn() as conn:
            row = conn.execute(select(self._u).where(self._u.c.idp_subject == subject)).first()
        return _account(row) if row is not None else None

    def sign_in_external(
        self,
        *,
        subject: str,
        login: str,
        display_name: str,
        department: str,
        municipality: str,
        roles: Sequence[str],
        trained: bool | None,
    ) -> Account:
        """The account of a person the directory vouched for: the one linked to ``subject``
        (its roles, department and name updated from the directory; ``trained`` too unless
        None), or a new one without a password. Refused (:class:`AccountError`): a disabled
        account, one of another municipality, a login another account holds (an account
        is never linked to the directory by its login)."""
        unknown = [r for r in roles if r not in ROLES]
        if unknown or not roles:
            raise AccountError(f"不明な役割 / unknown roles: {', '.join(unknown)}")
        if not subject or len(subject) > 300:
            raise AccountError("利用者の識別子が正しくありません / bad subject")
        login = login.strip()
        if not login or len(login) > 200 or _unusable(login):
            raise AccountError(
                "ディレクトリのログイン名が使えない形式です / the directory login is not usable"
            )
        values: dict[str, Any] = {
            "display_name": (display_name.strip() or login)[:200],
            "department": department[:200],
            "roles": list(roles),
        }
        if trained is not None:
            values["trained"] = trained
        with self.db.write_conn() as conn:
            row = conn.execute(select(self._u).where(self._u.c.idp_subject == subject)).first()
            if row is not None:
                if row.disabled_at is not None:
                    raise AccountError(ACCOUNT_DISABLED)
                if row.municipality != municipality:
                    raise AccountError(OTHER_MUNICIPALITY)
                conn.execute(update(self._u).where(self._u.c.id == row.id).values(**values))
                user_id = row.id
            else:
                wanted = normalise_login(login)
                taken = conn.execute(select(self._u.c.login)).scalars()
                if any(normalise_login(t) == wanted for t in taken):
                    raise AccountError(LOGIN_TAKEN)
                conn.execute(
                    insert(self._u).values(
                        login=login,
                        password_hash="",
                        idp_subject=subject,
                        municipality=municipality,
                        created_at=dt.datetime.now(dt.UTC),
                        **{"trained": False, **values},
                    )
                )
                user_id = conn.execute(
                    select(self._u.c.id).where(self._u.c.idp_subject == subject)
                ).scalar_one()
        found = self.by_id(user_id)
        assert found is not None
        return found
    def enable(self, login: str, *, scope: Scope = OPERATOR) -> bool:
        """Re-enable a disabled account of ``scope`` (its old keys stay revoked)."""
        with self.db.write_conn() as conn:
            done = conn.execute(
                update(self._u)
                .where(scope.where(self._u, self._u.c.login == login))
                .where(self._u.c.disabled_at.is_not(None))
                .values(disabled_at=None)
            )
        return bool(done.rowcount)

    def _end_all(self, conn: Any, user_id: int, now: dt.datetime) -> None:
        conn.execute(
            update(self._s)
            .where(self._s.c.user_id == user_id, self._s.c.ended_at.is_(None))
            .values(ended_at=now)
        )

    def authenticate(self, login: str, password: str) -> Account | None:
        """The account if the password is right and the account is active."""
        with self.db.read_conn() as conn:
            row = conn.execute(select(self._u).where(self._u.c.login == login.strip())).first()
        stored = row.password_hash if row is not None and row.password_hash else _DUMMY_HASH
        try:
            _HASHER.verify(stored, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        if row is None or not row.password_hash or row.disabled_at is not None:
            # No password (an account of the directory): the dummy's password is no key.
            return None
        if _HASHER.check_needs_rehash(stored):
            with self.db.write_conn() as conn:
                conn.execute(
                    update(self._u)
                    .where(self._u.c.id == row.id)
                    .values(password_hash=_HASHER.hash(password))
                )
        return _account(row)

    # ------------------------------------------------------------------ sessions

    def start_session(self, account: Account) -> str:
        """A new session for ``account``; returns the cookie token (shown once)."""
        token = secrets.token_urlsafe(32)
        now = dt.datetime.now(dt.UTC)
        with self.db.write_conn() as conn:
            conn.execute(
                insert(self._s).values(
                    token_hash=_digest(token),
                    user_id=account.id,
                    csrf=secrets.token_urlsafe(32),
                    created_at=now,
                    last_seen=now,
                )
            )
        return token

    def session(self, token: str, *, now: dt.datetime | None = None) -> SessionInfo | None:
        """The live session of ``token`` (and mark it used), or None if it ended/expired."""
        if not token:
            return None
        now = now or dt.datetime.now(dt.UTC)
        with self.db.read_conn() as conn:
            row = conn.execute(
                select(self._s).where(self._s.c.token_hash == _digest(token))
            ).first()
        if row is None or row.ended_at is not None:
            return None
        created, seen = _aware(row.created_at), _aware(row.last_seen)
        assert created is not None and seen is not None
        if now - seen > self.idle or now - created > self.absolute:
            self._end(row.id, now)
            return None
        account = self.by_id(row.user_id)
        if account is None or not account.active:
            self._end(row.id, now)
            return None
        if now - seen > dt.timedelta(seconds=60):  # one write a minute is enough
            with self.db.write_conn() as conn:
                conn.execute(update(self._s).where(self._s.c.id == row.id).values(last_seen=now))
        return SessionInfo(account, row.csrf, row.id)

    def end_session(self, token: str) -> None:
        with self.db.write_conn() as conn:
            conn.execute(
                update(self._s)
                .where(self._s.c.token_hash == _digest(token), self._s.c.ended_at.is_(None))
                .values(ended_at=dt.datetime.now(dt.UTC))
            )

    def _end(self, session_id: int, now: dt.datetime) -> None:
        with self.db.write_conn() as conn:
            conn.execute(update(self._s).where(self._s.c.id == session_id).values(ended_at=now))

    @staticmethod
    def csrf_ok(session: SessionInfo, sent: str | None) -> bool:
        return bool(sent) and hmac.compare_digest(session.csrf, sent or "")
