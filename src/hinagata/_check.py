"""``hinagata.check``: detection → assessment → decision in one call (判定の入口)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from hinagata.decide import Decision, Grant, User
from hinagata.judge import judge
from hinagata.policy import Policy, load_policy
from hinagata.services import Service

__all__ = ["Policies", "check", "load_policies", "national_policy"]


@lru_cache(maxsize=1)
def national_policy() -> Policy:
    """The bundled national template alone (loaded once)."""
    return load_policy()


class Policies:
    """Several municipalities' effective policies side by side (one shared platform, many towns)."""

    def __init__(self, policies: Iterable[Policy]) -> None:
        self._by_name: dict[str, Policy] = {}
        for p in policies:
            key = p.municipality or p.layers[-1].id
            if key in self._by_name:
                raise ValueError(f"団体 {key} の規定が重複しています / two policies for {key}")
            self._by_name[key] = p

    def __getitem__(self, municipality: str) -> Policy:
        try:
            return self._by_name[municipality]
        except KeyError:
            raise KeyError(
                f"団体「{municipality}」の規定は読み込まれていません。読み込み済み: {', '.join(self._by_name)} / "
                f"no policy for {municipality!r}"
            ) from None

    def __contains__(self, municipality: object) -> bool:
        return municipality in self._by_name

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._by_name.values())

    @property
    def municipalities(self) -> list[str]:
        return list(self._by_name)

    def as_mapping(self) -> Mapping[str, Policy]:
        return dict(self._by_name)


def load_policies(paths: Sequence[str | Path]) -> Policies:
    """Load one effective policy per path (each a municipality's leaf layer)."""
    return Policies(load_policy(p) for p in paths)


def check(
    text: str,
    service: str | Service,
    policy: Policy | Policies | str | Path | None = None,
    *,
    user: User | None = None,
    municipality: str | None = None,
    declared_class: str | None = None,
    grants: Sequence[Grant] = (),
    use_case: str | None = None,
    now: dt.datetime | None = None,
    reuse: Decision | None = None,
) -> Decision:
    """Judge whether ``text`` may be entered into ``service`` (a catalog id or a Service).

    ``policy`` is an effective policy, several of them (then ``municipality`` or the
    user's municipality selects one), a policy directory, or None for the bundled
    national template. Unknown service ids raise
    :class:`~hinagata.services.UnknownServiceError` listing the known ones; any internal
    error in the judgment itself is a ``deny`` with the reason code ``check_failed``.
    ``reuse``: a completed decision for the same ``text`` (another service): its findings
    and injection screening are used instead of detecting again. This is the one-text
    form of :func:`hinagata.judge.judge` (the decision of its judgment).

    >>> check("市長の年頭挨拶の原稿を作って", "example-consumer-chat").verdict
    'allow'
    >>> check("転入届：高橋 健一、生年月日 1988年11月2日", "example-foreign-japan-region").verdict
    'review'
    """
    if policy is None:
        effective = national_policy()
    elif isinstance(policy, Policies):
        key = municipality or (user.municipality if user else None)
        if not key:
            raise ValueError("団体（municipality）を指定してください / give the municipality")
        effective = policy[key]
    elif isinstance(policy, Policy):
        effective = policy
    else:
        effective = load_policy(policy)
    return judge(
        text,
        service,
        effective,
        user=user,
        declared_class=declared_class,
        grants=grants,
        use_case=use_case,
        now=now,
        reuse=reuse,
    ).decision
