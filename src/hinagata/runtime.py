"""The application object (実行環境): what the server's faces share, built once at start-up.

A :class:`Runtime` owns the configuration, the database and its stores (audit chain, API
keys, accounts, grants, transcripts, document provenance) and the policies; it answers the
two questions every face asks — *the policy for this municipality* and *the user behind
this caller* — and nothing about HTTP. The gateway (``hinagata.gateway``) and the web
pages (``hinagata.web``) are built on it side by side; ``hinagata.server`` composes them.

A :class:`Caller` is whoever a request acts for: the holder of an API key, or the account
signed in to the web application. Both are the same user record (a user's keys carry the
user's login, department, municipality, roles and training), so the pipeline and the
pages need not know which one it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from hinagata._check import Policies, national_policy
from hinagata.config import ModelRoute, ServerConfig
from hinagata.decide import Grant, User
from hinagata.policy import Policy, load_policy
from hinagata.store import (
    Account,
    Accounts,
    AuditLog,
    Conversations,
    Database,
    Documents,
    Grants,
    KeyInfo,
    Keys,
    Transcripts,
)

__all__ = [
    "Caller",
    "Runtime",
    "load_policies",
    "prune_transcripts",
    "transcript_database",
]


@dataclass(frozen=True)
class Caller:
    """Who a request acts for (呼び出し元): an API key's holder or a signed-in account."""

    user: str
    department: str
    municipality: str
    roles: tuple[str, ...]
    trained: bool
    #: How the caller came in: an API key (``key``) or a web session (``session``).
    via: Literal["key", "session"]
    #: The API key's id (None for a web session).
    key_id: int | None = None

    @classmethod
    def of_key(cls, key: KeyInfo) -> Caller:
        return cls(
            user=key.user,
            department=key.department,
            municipality=key.municipality,
            roles=tuple(key.roles),
            trained=key.trained,
            via="key",
            key_id=key.id,
        )

    @classmethod
    def of_account(cls, account: Account) -> Caller:
        return cls(
            user=account.login,
            department=account.department,
            municipality=account.municipality,
            roles=tuple(account.roles),
            trained=account.trained,
            via="session",
        )

    @property
    def login(self) -> str:
        """The user's login (what :meth:`hinagata.store.Scope.of` records as the actor)."""
        return self.user

    @property
    def slot(self) -> str:
        """What concurrent requests are counted by: the key, or the signed-in user."""
        return f"key:{self.key_id}" if self.via == "key" else f"session:{self.user}"


def load_policies(config: ServerConfig) -> tuple[Policies | None, Policy | None]:
    """The policies a config names, checked against its models; raises with a clear message.

    A shared platform (``municipalities``) gets one policy per municipality, keyed by the
    name in the config, which must be the municipality its policy layer declares.
    """
    policies: Policies | None = None
    policy: Policy | None = None
    if config.municipalities:
        loaded = []
        for m in config.municipalities:
            p = load_policy(config.path(m.policy))
            if p.municipality != m.name:
                raise ValueError(
                    f"municipalities の「{m.name}」に指定した規定は「{p.municipality or '国のひな型'}」のものです / "
                    f"the policy given for {m.name!r} is for {p.municipality!r}"
                )
            loaded.append(p)
        policies = Policies(loaded)
        every = loaded
    else:
        policy = load_policy(config.path(config.policy)) if config.policy else national_policy()
        every = [policy]
    # Every service a route names must exist in the catalogs it will be judged with.
    for route in config.models:
        for p in every:
            if route.municipalities and p.municipality not in route.municipalities:
                continue
            p.catalog.get(route.service)
    return policies, policy


def transcript_database(config: ServerConfig, main: Database) -> Database:
    """Where kept transcripts go: their own database when the config names one."""
    url = config.transcripts.database_url
    if not url:
        return main
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/"):
        url = prefix + str(config.path(url[len(prefix) :]).resolve())
    db = Database(url)
    db.migrate()
    return db


def prune_transcripts(store: Transcripts, policies: Policies | None, policy: Policy | None) -> int:
    """Delete transcripts past each policy's retention; returns how many were deleted."""
    removed = 0
    if policies is not None:
        for p in policies:
            if p.transcripts is not None:
                removed += store.prune(
                    p.transcripts.retention_days, municipality=p.municipality or ""
                )
    elif policy is not None and policy.transcripts is not None:
        removed += store.prune(policy.transcripts.retention_days)
    return removed


class Runtime:
    """Configuration, storage and policies: everything the API and the pages share.

    The attribute names (``config``, ``db``, ``audit``, ``keys``, ``accounts``, ``grants``,
    ``transcripts``, ``documents``, ``policies``, ``policy``) are the ones the pages and the
    tests use.
    """

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.db = Database(config.database())
        self.db.migrate()
        self.audit = AuditLog(self.db, config.secret())
        self.keys = Keys(self.db)
        self.grants = Grants(self.db)
        self.transcripts = Transcripts(transcript_database(config, self.db))
        self.documents = Documents(self.db)
        key = config.conversation_key()
        #: Kept conversation turns (None: no conversation key configured).
        self.conversations = Conversations(self.db, key) if key is not None else None
        web = config.web
        self.accounts = Accounts(
            self.db,
            idle=dt.timedelta(minutes=web.session_idle_minutes),
            absolute=dt.timedelta(hours=web.session_hours),
        )
        #: One policy per municipality on a shared platform (共同化), else None.
        self.policies: Policies | None
        #: The one policy of a single-municipality installation, else None.
        self.policy: Policy | None
        self.policies, self.policy = load_policies(config)
        from hinagata.training import TrainingRecords

        #: The training records (研修): attempts at the quiz, who passed which version.
        self.training = TrainingRecords(self.db)

    # ------------------------------------------------------------------ policies

    @property
    def shared(self) -> bool:
        """Whether this installation serves several municipalities (共同化)."""
        return self.policies is not None

    def serves(self, municipality: str) -> bool:
        """Whether a policy is configured for ``municipality`` (always, unless shared)."""
        return self.policies is None or municipality in self.policies

    def policy_for(self, municipality: str) -> Policy:
        """The policy for ``municipality``; KeyError where a shared platform has none."""
        if self.policies is not None:
            return self.policies[municipality]
        assert self.policy is not None
        return self.policy

    def routes_for(self, municipality: str) -> list[ModelRoute]:
        """The model routes open to ``municipality``, in the config's order."""
        return [
            m
            for m in self.config.models
            if not m.municipalities or municipality in m.municipalities
        ]

    # ------------------------------------------------------------------ callers

    def caller_for_token(self, token: str) -> Caller | None:
        """The caller an API key stands for (None: unknown or revoked); store errors raise."""
        key = self.keys.lookup(token)
        return self.with_training(Caller.of_key(key)) if key is not None else None

    def caller_for_account(self, account: Account) -> Caller:
        return self.with_training(Caller.of_account(account))

    def with_training(self, caller: Caller) -> Caller:
        """``caller`` trained or not as the policy's training section and the training
        records say now (:func:`hinagata.training.apply_training`; keys inherit their
        account's state)."""
        from hinagata.training import apply_training

        return apply_training(self, caller)

    def user_of(self, caller: Caller) -> User:
        """The user behind ``caller``, as the judgment sees them."""
        return User(
            id=caller.user,
            department=caller.department,
            municipality=caller.municipality,
            roles=caller.roles,
            trained=caller.trained,
        )

    def grants_for(self, service: str, policy: Policy, caller: Caller) -> list[Grant]:
        """The active grants for ``service`` in the caller's municipality."""
        return self.grants.active_for(
            service=service, municipality=policy.municipality or caller.municipality
        )

    # ------------------------------------------------------------------ upkeep

    def prune_transcripts(self) -> int:
        """Delete transcripts past each policy's retention, and expired conversation
        turns; returns how many transcripts."""
        if self.conversations is not None:
            self.conversations.prune()
        return prune_transcripts(self.transcripts, self.policies, self.policy)

    def close(self) -> None:
        if self.transcripts.db is not self.db:
            self.transcripts.db.dispose()
        self.db.dispose()
