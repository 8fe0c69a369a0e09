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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Table, insert, select, update

from hinagata.store._db import Database, _aware
from hinagata.store._models import UserRow, WebSession
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
    ) -> Account:
        login = login.strip()
        if not login or len(login) > 200:
            raise AccountError("ログイン名を指定してください / a login name is required")
        if len(password) < MIN_PASSWORD:
            raise AccountError(
                f"パスワードは{MIN_PASSWORD}文字以上にしてください / the password needs at least {MIN_PASSWORD} characters"
            )
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

    def set_password(self, login: str, password: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise AccountError(
                f"パスワードは{MIN_PASSWORD}文字以上にしてください / the password needs at least {MIN_PASSWORD} characters"
            )
        with self.db.write_conn() as conn:
            conn.execute(
                update(self._u)
                .where(self._u.c.login == login)
                .values(password_hash=_HASHER.hash(password))
            )

    def disable(self, login: str, *, scope: Scope = OPERATOR) -> bool:
        """Disable an account of ``scope`` and end its sessions at once."""
        now = dt.datetime.now(dt.UTC)
        with self.db.write_conn() as conn:
            row = conn.execute(
                select(self._u.c.id).where(scope.where(self._u, self._u.c.login == login))
            ).first()
            if row is None:
                return False
            conn.execute(update(self._u).where(self._u.c.id == row.id).values(disabled_at=now))
            conn.execute(
                update(self._s)
                .where(self._s.c.user_id == row.id, self._s.c.ended_at.is_(None))
                .values(ended_at=now)
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
