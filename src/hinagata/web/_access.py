"""Who may use each route, and whose data it touches (アクセス規則の一覧).

Every route the application serves — the web pages and the API beside them — has one
rule here. ``web_routes`` checks each web page's roles from this table before the page
runs (a web route without a rule stops the application from starting), and
``tests/test_tenancy.py`` walks the application's route table and fails for a
route without a rule (or a rule without a route), then checks each route for every role
and for an account of the same and of another municipality on a shared platform: the
roles the rule names get the page, the others a 403, and nobody reads or changes another
municipality's data.

``roles``: ``None`` — no sign-in (public, or an API key); ``()`` — any signed-in account;
otherwise the roles that may (CAIO・管理者 hold every role).

``tenant``, what the route touches:

* ``public`` — nothing of a municipality (the sign-in page, health, static files);
* ``self`` — the signed-in account's own things only (its password, its keys, a text it
  checks); nothing of anyone else is read;
* ``scoped`` — lists and aggregates of the account's scope
  (:class:`hinagata.store.Scope`: its municipality, and its department unless the role
  sees the whole municipality);
* ``object`` — one object named in the path or query; outside the scope it does not
  exist (404) or may not be changed (403);
* ``shared`` — the published case catalog (事例), shared by every municipality of a
  platform on purpose; writing adds a case under the author's municipality only;
* ``api`` — an API key's request: the key's municipality is the scope.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from starlette.routing import BaseRoute, Mount, Route

__all__ = ["ACCESS", "Rule", "route_keys", "unruled"]

Tenant = Literal["public", "self", "scoped", "object", "shared", "api"]


@dataclass(frozen=True)
class Rule:
    roles: tuple[str, ...] | None
    tenant: Tenant
    note: str = ""
    #: The object belongs to one account (an application, a key): another account of the
    #: same scope gets 403/404 too, unless an editor role lets it (利用管理者 for cases).
    owned: bool = False
    #: Whether ``web_routes`` checks the roles before the page runs (a page that answers
    #: in JSON, not with the sign-in page or a 403 page, checks them itself).
    guard: bool = True

    @property
    def signed_in(self) -> bool:
        return self.roles is not None

    def allows(self, roles: Iterable[str]) -> bool:
        """Whether an account with ``roles`` may use the route (admin holds every role)."""
        if self.roles is None or not self.roles:
            return True
        held = set(roles)
        return "admin" in held or bool(held & set(self.roles))


ANY: tuple[str, ...] = ()
ADMIN = ("admin",)
AUDIT = ("admin", "usage_admin")
POLICY = ("admin", "usage_admin", "reviewer")
USERS_OF_AI = ("staff", "usage_admin", "reviewer")
APPLICANTS = ("staff", "usage_admin")
EDITORS = ("usage_admin", "reviewer")
REVIEWERS = ("reviewer",)

#: (method, path as in the route table) → rule. ``GET`` also covers ``HEAD``.
ACCESS: dict[tuple[str, str], Rule] = {
    # 管理
    ("GET", "/admin"): Rule(AUDIT, "scoped", "dashboard: municipality, or department"),
    ("GET", "/admin/audit"): Rule(AUDIT, "scoped", "audit search"),
    ("GET", "/admin/audit/export"): Rule(ADMIN, "scoped", "audit CSV, same scope as search"),
    ("GET", "/admin/policy"): Rule(POLICY, "scoped", "the account's municipality's policy"),
    ("GET", "/admin/guideline/{fmt:str}"): Rule(POLICY, "scoped", "its guideline"),
    ("GET", "/admin/users"): Rule(
        AUDIT, "scoped", "accounts (and keys) of the municipality; a 利用管理者's department"
    ),
    ("POST", "/admin/users"): Rule(ADMIN, "scoped", "adds an account to the municipality"),
    ("GET", "/admin/users/{user_id:int}"): Rule(AUDIT, "object", "an account in scope"),
    ("POST", "/admin/users/{user_id:int}"): Rule(
        AUDIT, "object", "an account in scope; a 利用管理者 sets the trained flag only (2.2)"
    ),
    ("POST", "/admin/users/{user_id:int}/reset"): Rule(ADMIN, "object", "an account in scope"),
    ("POST", "/admin/users/{user_id:int}/disable"): Rule(ADMIN, "object", "an account in scope"),
    ("POST", "/admin/users/{user_id:int}/enable"): Rule(ADMIN, "object", "an account in scope"),
    ("POST", "/admin/keys/{key_id:int}/revoke"): Rule(ADMIN, "object", "a key in scope"),
    ("GET", "/admin/notices"): Rule(ADMIN, "scoped", "notice e-mails that failed, in scope"),
    ("GET", "/services"): Rule(ANY, "scoped", "the municipality's service catalog"),
    ("GET", "/guideline"): Rule(ANY, "scoped", "the municipality's guideline, clause anchors"),
    # 事例 (shared on purpose)
    ("GET", "/catalog"): Rule(ANY, "shared"),
    ("GET", "/catalog/new"): Rule(EDITORS, "object", "?from=N: a use case in scope only"),
    ("POST", "/catalog/new"): Rule(EDITORS, "shared", "source: a use case in scope only"),
    ("POST", "/catalog/import"): Rule(EDITORS, "shared"),
    ("GET", "/catalog/export/{fmt:str}"): Rule(ANY, "shared"),
    ("GET", "/catalog/{case_id:int}"): Rule(ANY, "shared"),
    # 利用申請・審査・許可
    ("GET", "/usecases"): Rule(ANY, "scoped", "department, or municipality for reviewers"),
    ("GET", "/usecases/new"): Rule(APPLICANTS, "self"),
    ("POST", "/usecases/new"): Rule(APPLICANTS, "self", "a case of the own department"),
    ("GET", "/usecases/{case_id:int}"): Rule(ANY, "object"),
    ("POST", "/usecases/{case_id:int}/review"): Rule(REVIEWERS, "object"),
    ("GET", "/usecases/{case_id:int}/edit"): Rule(
        APPLICANTS, "object", "applicant or 利用管理者", owned=True
    ),
    ("POST", "/usecases/{case_id:int}/edit"): Rule(
        APPLICANTS, "object", "applicant or 利用管理者", owned=True
    ),
    ("GET", "/review"): Rule(REVIEWERS, "scoped"),
    ("GET", "/grants"): Rule((*REVIEWERS, "usage_admin"), "scoped", "platform-wide ones too"),
    ("POST", "/grants/{grant_id}/revoke"): Rule(
        REVIEWERS, "object", "the municipality's own; platform-wide ones by the operator only"
    ),
    # サインイン・自分のもの
    ("GET", "/"): Rule(ANY, "self"),
    ("GET", "/notices"): Rule(ANY, "self", "the account's own notices only"),
    ("POST", "/notices/read"): Rule(ANY, "self", "marks the account's own notices read"),
    ("GET", "/login"): Rule(None, "public"),
    ("POST", "/login"): Rule(None, "public"),
    ("POST", "/logout"): Rule(None, "public", "ends the caller's own session only"),
    ("GET", "/login/oidc"): Rule(None, "public", "to the directory's sign-in (OIDC)"),
    ("GET", "/login/oidc/callback"): Rule(None, "public", "back from it: state, PKCE, ID token"),
    ("GET", "/check"): Rule(USERS_OF_AI, "self"),
    ("GET", "/history"): Rule(ANY, "self", "the account's own checks (login and municipality)"),
    ("GET", "/help"): Rule(ANY, "self", "help text: nothing of anyone"),
    ("POST", "/check"): Rule(USERS_OF_AI, "self"),
    ("GET", "/chat"): Rule(USERS_OF_AI, "self"),
    ("POST", "/chat/send"): Rule(
        USERS_OF_AI, "self", "the gateway as the signed-in account; answers JSON", guard=False
    ),
    ("GET", "/password"): Rule(ANY, "self"),
    ("POST", "/password"): Rule(ANY, "self"),
    ("GET", "/keys"): Rule(ANY, "self"),
    ("POST", "/keys"): Rule(ANY, "self"),
    ("POST", "/keys/{key_id:int}/revoke"): Rule(
        ANY, "object", "the account's own keys only", owned=True
    ),
    # 研修 (web/_training.py)
    ("GET", "/training"): Rule(ANY, "self", "the course of the account's own policy and department"),
    ("GET", "/training/handout/{fmt:str}"): Rule(ANY, "self", "the course as HTML or PDF"),
    ("POST", "/training/quiz"): Rule(USERS_OF_AI, "self", "opens an attempt of one's own"),
    ("GET", "/training/quiz/{attempt_id:int}"): Rule(
        USERS_OF_AI, "object", "one's own attempt only; any other is 404", owned=True
    ),
    ("POST", "/training/quiz/{attempt_id:int}"): Rule(
        USERS_OF_AI, "object", "one's own open attempt only; any other is 404", owned=True
    ),
    ("GET", "/admin/training"): Rule(AUDIT, "scoped", "training records: municipality, or department"),
    ("GET", "/admin/training/export"): Rule(AUDIT, "scoped", "their CSV, same scope"),
    ("POST", "/keys/requests/{req_id:int}/collect"): Rule(
        ANY, "object", "the requester's own approved request only", owned=True
    ),
    ("POST", "/keys/requests/{req_id:int}/withdraw"): Rule(
        ANY, "object", "the requester's own request only", owned=True
    ),
    ("GET", "/keys/approvals"): Rule(
        AUDIT, "scoped", "key requests of the municipality; a 利用管理者's department"
    ),
    ("POST", "/keys/approvals/{req_id:int}"): Rule(
        AUDIT, "object", "a request in scope, never one's own (2.5)"
    ),
    ("GET", "/static"): Rule(None, "public"),
    # The API (gateway/_app.py): an API key, its municipality the scope.
    ("POST", "/v1/chat/completions"): Rule(None, "api"),
    ("POST", "/v1/completions"): Rule(None, "api"),
    ("POST", "/v1/embeddings"): Rule(None, "api"),
    ("POST", "/v1/responses"): Rule(None, "api"),
    ("GET", "/v1/responses/{response_id}"): Rule(
        None,
        "api",
        "the caller's own kept responses only (municipality and user); any other is 404",
    ),
    ("POST", "/v1/messages"): Rule(None, "api", "Anthropic Messages; x-api-key accepted"),
    ("POST", "/v1/messages/count_tokens"): Rule(None, "api", "judged and masked like a message"),
    ("GET", "/v1/models"): Rule(None, "api"),
    ("GET", "/v1/models/{model:path}"): Rule(
        None, "api", "the key's municipality's models only; any other is 404"
    ),
    ("POST", "/v1/hinagata/documents"): Rule(None, "api"),
    ("GET", "/v1/hinagata/documents/{sha256}"): Rule(
        None, "api", "the key's scope: municipality, department unless wide (Scope.of)"
    ),
    ("GET", "/v1/openapi.json"): Rule(None, "public", "the declared request schema"),
    ("GET", "/healthz"): Rule(None, "public"),
    ("GET", "/metrics"): Rule(None, "public", "counters without tenant data"),
}


def route_keys(routes: Iterable[BaseRoute]) -> list[tuple[str, str]]:
    """``(method, path)`` of every route (``HEAD`` folded into ``GET``; a mount: ``GET``)."""
    out: list[tuple[str, str]] = []
    for r in routes:
        if isinstance(r, Route):
            out.extend((m, r.path) for m in sorted(r.methods or ()) if m != "HEAD")
        elif isinstance(r, Mount):
            out.append(("GET", r.path))
        else:  # a kind of route this table cannot describe
            out.append(("?", repr(r)))
    return out


def unruled(routes: Iterable[BaseRoute]) -> list[tuple[str, str]]:
    """The routes that have no rule in :data:`ACCESS`."""
    return [k for k in route_keys(routes) if k not in ACCESS]
