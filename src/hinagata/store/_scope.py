"""Whose data a query may touch (テナントの範囲): one scope for every store query of
tenant data.

Several municipalities can share one installation (共同化). Every read or change of a
municipality's data — audit search and export, the dashboard, use cases, grants, keys,
accounts, document checks — takes a :class:`Scope` and filters through :meth:`Scope.where`
(SQL) or :meth:`Scope.admits` (a row already read), never by hand.

A scope names

* ``municipality``: the tenant. ``None`` only for the platform's operator (the CLI, or an
  installation serving a single municipality, where the whole database is one tenant);
* ``department``: ``None`` when the roles see the whole municipality for this kind of
  data (CAIO・管理者, 審査委員 for use cases and grants), else the one department;
* ``login`` and ``roles``: who acts, for rules on one's own rows (an applicant edits a
  returned case, a user revokes their own key).

Rows made for the whole platform (a grant without a municipality) are visible to every
municipality they apply to, and changed only by a platform-level scope.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Table, and_, false, or_, true

__all__ = ["OPERATOR", "WIDE_AUDIT", "WIDE_CASES", "Scope"]

#: Roles that see every department's audit records (dashboard, search, export).
WIDE_AUDIT: tuple[str, ...] = ("admin",)
#: Roles that see every department's use cases and grants (the review body, CAIO).
WIDE_CASES: tuple[str, ...] = ("admin", "reviewer")


class _Holder(Protocol):
    """An account or an API key: who acts, and for which tenant."""

    @property
    def municipality(self) -> str: ...

    @property
    def department(self) -> str: ...

    @property
    def roles(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Scope:
    """The tenant (municipality), the department (None: all of it) and who acts."""

    municipality: str | None
    department: str | None
    login: str = ""
    roles: tuple[str, ...] = ()

    # ------------------------------------------------------------------ making one

    @classmethod
    def of(cls, holder: _Holder, *, shared: bool, wide: Sequence[str], login: str = "") -> Scope:
        """The scope of an account or key.

        ``shared``: the installation serves several municipalities (the account's own is
        then the tenant; else the whole installation is one). ``wide``: the roles that
        see every department for this kind of data (admin holds every role).
        """
        roles = tuple(holder.roles)
        whole = "admin" in roles or any(r in roles for r in wide)
        return cls(
            municipality=holder.municipality if shared else None,
            department=None if whole else holder.department,
            login=login or str(getattr(holder, "login", "") or getattr(holder, "user", "")),
            roles=roles,
        )

    @property
    def platform(self) -> bool:
        """Platform level: every municipality, and rows made for the whole platform."""
        return self.municipality is None

    def has(self, *roles: str) -> bool:
        """Whether the actor holds any of ``roles`` (admin holds every role)."""
        return "admin" in self.roles or any(r in self.roles for r in roles)

    # ------------------------------------------------------------------ filtering

    def conditions(
        self,
        t: Table,
        *,
        platform_rows: bool = False,
        municipality: str = "municipality",
        department: str | None = "department",
    ) -> list[Any]:
        """SQL conditions restricting ``t`` to this scope.

        ``platform_rows``: also the rows made for the whole platform (municipality
        NULL), which apply to every municipality — for reading, never for changing.
        ``department=None``: the table has no department (the municipality decides).
        """
        out: list[Any] = []
        if self.municipality is not None:
            col = t.c[municipality]
            if platform_rows:
                out.append(or_(col.is_(None), col == self.municipality))
            else:
                out.append(col == self.municipality)
        if self.department is not None:
            if department is None:
                out.append(false())
            else:
                out.append(t.c[department] == self.department)
        return out

    def where(self, t: Table, *conds: Any, platform_rows: bool = False) -> Any:
        """``conds`` and this scope, as one condition."""
        return and_(true(), *conds, *self.conditions(t, platform_rows=platform_rows))

    def admits(
        self, municipality: str | None, department: str | None, *, platform_rows: bool = False
    ) -> bool:
        """Whether a row of ``municipality`` and ``department`` is in this scope."""
        if self.municipality is not None:
            if municipality is None:
                if not platform_rows:
                    return False
            elif municipality != self.municipality:
                return False
        return self.department is None or department == self.department


#: The platform's operator (CLI): every municipality, every department.
OPERATOR = Scope(municipality=None, department=None, login="operator", roles=("admin",))
