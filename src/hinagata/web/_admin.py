"""管理: the dashboard (requests per day, verdict mix, most-cited clauses, by department;
the 入力前チェック of the same scope counted apart, per day and by verdict),
audit search and export, the effective policy with the guideline download, the service
catalog, users and keys.

The audit chain holds no raw personal values, so nothing here can show one. The charts
are aggregated in the database (one GROUP BY per chart, over the chosen period), drawn as
SVG on the server with a data table beside each: no JavaScript library, readable by screen
readers. 利用管理者 see their own department; CAIO・管理者 the whole municipality.
"""

from __future__ import annotations

import datetime as dt
import secrets
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse

from hinagata.policy import Policy
from hinagata.render import FontMissingError, render_guideline
from hinagata.store import (
    ROLES,
    WIDE_AUDIT,
    Account,
    AccountError,
    AuditCounts,
    AuditSearch,
    CheckRecords,
    KeyRequests,
    Scope,
    SessionInfo,
    audit_csv,
)
from hinagata.verdicts import LABELS, strictness
from hinagata.web._app import bounded_int
from hinagata.web._download import attachment
from hinagata.web._events import record
from hinagata.web._keys import ROW_ID

if TYPE_CHECKING:
    from hinagata.web._app import WebApp

__all__ = ["AdminPages"]

_VERDICT_LABELS = {v: label.short for v, label in LABELS.items()}
#: The last page of the audit search (a larger offset is refused, 400).
_MAX_PAGE = 100_000
_NO_STORE = {"cache-control": "no-store", "x-content-type-options": "nosniff"}


def _bars(rows: Sequence[tuple[str, int]], width: int = 640, bar: int = 22) -> dict[str, Any]:
    """Geometry of a horizontal bar chart (drawn by the template as SVG)."""
    top = max((n for _, n in rows), default=0) or 1
    label_w = 150
    items = [
        {
            "label": label,
            "n": n,
            "y": i * (bar + 6),
            "w": max(1, int((width - label_w - 60) * n / top)) if n else 0,
            # The bar's length in percent of the longest (at least a sliver when n > 0).
            "pct": max(1.0, round(100 * n / top, 1)) if n else 0,
        }
        for i, (label, n) in enumerate(rows)
    ]
    return {"items": items, "height": len(rows) * (bar + 6), "width": width,
            "label_w": label_w, "bar": bar}  # fmt: skip


class AdminPages:
    def __init__(self, web: WebApp) -> None:
        self.web = web

    @property
    def _audit(self) -> AuditSearch:
        return AuditSearch(self.web.runtime.db)

    def _scope(self, session: SessionInfo) -> Scope:
        """The audit scope: the municipality (CAIO・管理者), or the department (利用管理者)."""
        return self.web.scope(session, WIDE_AUDIT)

    @staticmethod
    def _period(request: Request) -> tuple[dt.datetime, dt.datetime, int]:
        try:
            days = min(max(int(request.query_params.get("days", "30")), 1), 366)
        except ValueError:
            days = 30
        until = dt.datetime.now(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        until += dt.timedelta(days=1)
        return until - dt.timedelta(days=days), until, days

    # ------------------------------------------------------------------ dashboard

    def _aggregate(self, session: SessionInfo, days: int) -> dict[str, Any]:
        """The dashboard's charts for the last ``days`` days."""
        c: AuditCounts = self._audit.counts(self._scope(session), days)

        def top(m: dict[str, int], k: int) -> list[tuple[str, int]]:
            return sorted(m.items(), key=lambda x: -x[1])[:k]

        # 入力前チェック (nothing sent): counted apart from the uses, in the same scope.
        checks = CheckRecords(self.web.runtime.db).counts(self._scope(session), days)
        return {
            "checks_total": checks.total,
            "checks_mix": _bars(
                [
                    (_VERDICT_LABELS.get(v, v), n)
                    for v, n in sorted(checks.verdicts.items(), key=lambda x: strictness(x[0]))
                ]
            ),
            "checks_per_day": _bars(sorted(checks.per_day.items())[-31:]),
            "total": c.total,
            "per_day": _bars(sorted(c.per_day.items())[-31:]),
            "mix": _bars(
                [
                    (_VERDICT_LABELS.get(v, v), n)
                    for v, n in sorted(c.verdicts.items(), key=lambda x: strictness(x[0]))
                ]
            ),
            "by_dept": _bars([(k or "（所属なし）", n) for k, n in top(c.departments, 15)]),
            "clauses": _bars(top(c.clauses, 10)),
        }

    async def dashboard(self, request: Request) -> Response:
        session = self.web.require(request, "admin", "usage_admin")
        if not isinstance(session, SessionInfo):
            return session
        _since, _until, days = self._period(request)
        data = await run_in_threadpool(self._aggregate, session, days)
        # 研修 (web/_training.py): completion by department, in the same scope.
        from hinagata.web._training import training_panel

        training = await run_in_threadpool(training_panel, self.web, session)
        return self.web.render(
            request,
            "admin.html.j2",
            {"d": data, "days": days, "scope": self._scope(session).department, "t": training},
            session=session,
        )

    # ------------------------------------------------------------------ audit

    async def audit(self, request: Request) -> Response:
        session = self.web.require(request, "admin", "usage_admin")
        if not isinstance(session, SessionInfo):
            return session
        since, until, days = self._period(request)
        p = request.query_params
        f = {k: p.get(k, "").strip() for k in ("verdict", "user", "department")}
        try:
            page = max(int(p.get("page", "1")), 1)
        except ValueError:
            page = 1
        if page > _MAX_PAGE:
            return self.web.render(
                request,
                "error.html.j2",
                {"title": "ページ番号が正しくありません",
                 "message": f"ページ番号は 1 から {_MAX_PAGE:,} までです。"
                 "期間や条件を絞って検索してください。"},
                status=400,
                session=session,
            )  # fmt: skip
        scope = self._scope(session)
        rows, more = await run_in_threadpool(
            lambda: self._audit.find(
                scope,
                since,
                until,
                verdict=f["verdict"],
                user=f["user"],
                department=f["department"],
                page=page,
            )
        )
        return self.web.render(
            request,
            "audit.html.j2",
            {"rows": rows, "f": f, "days": days, "page": page, "more": more,
             "VERDICTS": _VERDICT_LABELS, "scope": scope.department},
            session=session,
        )  # fmt: skip

    async def audit_export(self, request: Request) -> Response:
        """The audit records of the account's scope in the period, as CSV: its
        municipality's decisions and documents, and the outcomes of those decisions
        (the same scope as the search page; never another municipality's records)."""
        session = self.web.require(request, "admin")
        if not isinstance(session, SessionInfo):
            return session
        since, until, days = self._period(request)
        scope = self._scope(session)
        today = dt.datetime.now(dt.UTC).date().isoformat()
        tenant = f"-{scope.municipality}" if scope.municipality else ""

        def body() -> Iterator[str]:
            yield "\ufeff"
            yield from audit_csv(e.row() for e in self._audit.export(scope, since, until))

        return StreamingResponse(
            body(),
            media_type="text/csv; charset=utf-8",
            headers={
                "content-disposition": attachment(f"hinagata-audit{tenant}-{today}-{days}d.csv"),
                **_NO_STORE,
            },
        )

    # ------------------------------------------------------------------ policy, services, users

    async def policy(self, request: Request) -> Response:
        session = self.web.require(request, "admin", "usage_admin", "reviewer")
        if not isinstance(session, SessionInfo):
            return session
        policy = self.web._policy(session.account)
        return self.web.render(request, "policy.html.j2", {"policy": policy}, session=session)

    async def guideline(self, request: Request) -> Response:
        session = self.web.require(request, "admin", "usage_admin", "reviewer")
        if not isinstance(session, SessionInfo):
            return session
        fmt = request.path_params["fmt"]
        if fmt not in ("docx", "pdf", "html"):
            return self.web.render(
                request,
                "error.html.j2",
                {
                    "title": "その形式はありません",
                    "message": "Word（docx）、PDF、HTML のいずれかを選んでください。",
                },
                status=404,
                session=session,
            )
        policy = self.web._policy(session.account)

        def build() -> bytes:
            with tempfile.TemporaryDirectory(prefix="hinagata-guide-") as d:
                out = Path(d) / f"guideline.{fmt}"
                render_guideline(policy, fmt, out)
                return out.read_bytes()

        try:
            data = await run_in_threadpool(build)
        except FontMissingError:
            return self.web.render(
                request,
                "error.html.j2",
                {
                    "title": "PDFを作れません",
                    "message": "サーバーに日本語フォントがありません。Word 形式を選んでください。",
                },
                status=503,
                session=session,
            )
        media = {
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "pdf": "application/pdf",
            "html": "text/html; charset=utf-8",
        }[fmt]
        return Response(
            data,
            media_type=media,
            headers={"content-disposition": attachment(guideline_filename(policy, fmt))},
        )

    async def services(self, request: Request) -> Response:
        session = self.web.require(request)
        if not isinstance(session, SessionInfo):
            return session
        policy = self.web._policy(session.account)
        return self.web.render(
            request,
            "services.html.j2",
            {"services": list(policy.catalog.services)},
            session=session,
        )

    # ------------------------------------------------------------------ users
    #
    # CAIO・管理者: every account of the municipality (add, edit, reset, disable,
    # re-enable). 利用管理者: the accounts of their own department, and only what clause
    # 2.2 gives them — confirming training (the trained flag), never their own.

    def _departments(self, session: SessionInfo) -> tuple[str, ...]:
        """The 所属 an account may be given: the policy's departments (a select)."""
        return self.web._policy(session.account).departments

    async def users(self, request: Request) -> HTMLResponse | Response:
        session = self.web.require(request, "admin", "usage_admin")
        if not isinstance(session, SessionInfo):
            return session
        return self._users(request, session, {})

    def _users(
        self, request: Request, session: SessionInfo, ctx: dict[str, Any], status: int = 200
    ) -> HTMLResponse:
        scope = self._scope(session)
        admin = session.account.has("admin")
        accounts = self.web.accounts.all(scope=scope)
        keys = self.web.runtime.keys.all(scope=scope) if admin else []
        pending = KeyRequests(self.web.runtime.db).in_scope(scope)
        base: dict[str, Any] = {
            "accounts": accounts,
            "keys": keys,
            "pending": len(pending),
            "admin": admin,
            "ROLES": ROLES,
            "departments": self._departments(session),
            "v": {"login": "", "name": "", "department": "", "roles": ["staff"], "trained": False},
            "errors": {},
            "message": "",
            "new_password": "",
            "password_for": "",
            "edit": None,
            "scope": scope.department,
        }
        return self.web.render(
            request, "users.html.j2", {**base, **ctx}, status=status, session=session
        )

    async def _stale(self, request: Request, session: SessionInfo) -> HTMLResponse | None:
        """The users page again (400) when an action's form is not of this session."""
        form = await request.form(max_files=0, max_fields=5)
        if self.web.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            return None
        msg = "画面の有効期限が切れました。もう一度操作してください。"
        return self._users(request, session, {"message": msg}, 400)

    def _target(self, request: Request, session: SessionInfo) -> Account | None:
        """The account named in the path, if it is in the signed-in account's scope."""
        user_id = bounded_int(request.path_params.get("user_id"), hi=ROW_ID)
        if user_id is None:
            return None
        return self.web.accounts.by_id_in(user_id, self._scope(session))

    def _in_scope(self, request: Request) -> tuple[SessionInfo, Account] | Response:
        """An administrator's or usage administrator's session and the account in the path,
        or the page to answer with (sign-in, not in scope)."""
        session = self.web.require(request, "admin", "usage_admin")
        if not isinstance(session, SessionInfo):
            return session
        target = self._target(request, session)
        if target is None:
            return self._not_found(request, session)
        return session, target

    async def _acting_on(self, request: Request) -> tuple[SessionInfo, Account] | Response:
        """An administrator's action on the account in the path: the session and the
        account, or the page to answer with (sign-in, a stale form, not in scope)."""
        session = self.web.require(request, "admin")
        if not isinstance(session, SessionInfo):
            return session
        if (stale := await self._stale(request, session)) is not None:
            return stale
        target = self._target(request, session)
        if target is None:
            return self._not_found(request, session)
        return session, target

    def _not_found(self, request: Request, session: SessionInfo) -> HTMLResponse:
        msg = "その利用者は見つかりません（番号が違うか、あなたの管理する範囲の外です）。"
        return self._users(request, session, {"message": msg}, 404)

    async def users_add(self, request: Request) -> Response:
        session = self.web.require(request, "admin")
        if not isinstance(session, SessionInfo):
            return session
        form = await request.form(max_files=0, max_fields=20)
        v: dict[str, Any] = {
            "login": str(form.get("login", "")).strip()[:200],
            "name": str(form.get("name", "")).strip()[:200],
            "department": str(form.get("department", "")).strip()[:200],
            "roles": [r for r in form.getlist("roles") if r in ROLES],
            "trained": form.get("trained") == "1",
        }
        errors: dict[str, str] = {}
        if not self.web.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            errors["form"] = "画面の有効期限が切れました。もう一度追加してください。"
        if not v["login"]:
            errors["login"] = "ログイン名を入力してください。"
        if not v["roles"]:
            errors["roles"] = "役割を1つ以上選んでください。"
        if v["department"] not in self._departments(session):
            errors["department"] = "所属を一覧から選んでください（規定に定めた所属に限ります）。"
        if errors:
            return self._users(request, session, {"v": v, "errors": errors}, 400)

        password = secrets.token_urlsafe(12)
        try:
            created = self.web.accounts.create(
                login=v["login"],
                password=password,
                display_name=v["name"],
                department=v["department"],
                municipality=session.account.municipality,
                roles=v["roles"],
                trained=v["trained"],
                must_change_password=True,
            )
        except AccountError as exc:
            return self._users(request, session, {"v": v, "errors": {"login": str(exc)}}, 400)
        record(self.web.runtime, session.account, "account.added", target=created.login,
               department=created.department, roles=list(created.roles),
               trained=created.trained)  # fmt: skip
        return self._users(
            request,
            session,
            {"message": f"{v['login']} を追加しました。初期パスワードを本人に安全な方法で伝えてください。"
             "本人は最初のログインで変更します。",
             "new_password": password, "password_for": created.login},
        )  # fmt: skip

    async def user_page(self, request: Request) -> Response:
        """The edit form of one account of the scope."""
        found = self._in_scope(request)
        if not isinstance(found, tuple):
            return found
        session, target = found
        return self._users(request, session, {"edit": target, "v": _values(target)})

    async def user_edit(self, request: Request) -> Response:
        found = self._in_scope(request)
        if not isinstance(found, tuple):
            return found
        session, target = found
        form = await request.form(max_files=0, max_fields=20)
        admin = session.account.has("admin")
        own = target.id == session.account.id
        v = _values(target)
        v["trained"] = form.get("trained") == "1"
        if admin:
            v["name"] = str(form.get("name", "")).strip()[:200]
            v["department"] = str(form.get("department", "")).strip()[:200]
            v["roles"] = [r for r in form.getlist("roles") if r in ROLES]
        errors: dict[str, str] = {}
        if not self.web.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            errors["form"] = "画面の有効期限が切れました。もう一度変更してください。"
        elif not admin and own:
            errors["form"] = "自分の研修の受講は、ほかの利用管理者か管理者が確認します。"
        elif admin:
            if not v["roles"]:
                errors["roles"] = "役割を1つ以上選んでください。"
            elif own and "admin" not in v["roles"]:
                errors["roles"] = (
                    "自分自身の管理者の役割は外せません。ほかの管理者に依頼してください。"
                )
            # A 所属 outside the list is kept only as it was (an account made before).
            if v["department"] not in self._departments(session) and (
                v["department"] != target.department
            ):
                errors["department"] = (
                    "所属を一覧から選んでください（規定に定めた所属に限ります）。"
                )
        if errors:
            return self._users(request, session, {"edit": target, "v": v, "errors": errors}, 400)
        before = _values(target)
        changed = {k: [before[k], v[k]] for k in ("name", "department", "roles", "trained")
                   if before[k] != v[k]}  # fmt: skip
        if changed:
            self.web.accounts.update(
                target.login,
                scope=self._scope(session),
                display_name=v["name"] if admin else None,
                department=v["department"] if admin else None,
                roles=v["roles"] if admin else None,
                trained=v["trained"],
            )
            record(self.web.runtime, session.account, "account.edited", target=target.login,
                   department=target.department, changes=changed)  # fmt: skip
        msg = f"{target.login} を変更しました。" if changed else "変更はありませんでした。"
        return self._users(request, session, {"message": msg})

    async def user_reset(self, request: Request) -> Response:
        acting = await self._acting_on(request)
        if not isinstance(acting, tuple):
            return acting
        session, target = acting
        if target.id == session.account.id:
            msg = "自分のパスワードは「パスワード変更」で変えてください。"
            return self._users(request, session, {"message": msg}, 400)
        try:
            password = self.web.accounts.reset_password(target.login, scope=self._scope(session))
        except AccountError as exc:
            return self._users(request, session, {"message": str(exc).split(" / ")[0] + "。"}, 400)
        if password is None:
            return self._not_found(request, session)
        record(self.web.runtime, session.account, "account.reset", target=target.login,
               department=target.department)  # fmt: skip
        return self._users(
            request,
            session,
            {"message": f"{target.login} のパスワードを再設定しました。ログイン中の画面は終了しました。"
             "新しい初期パスワードを本人に安全な方法で伝えてください。本人は最初のログインで変更します。",
             "new_password": password, "password_for": target.login},
        )  # fmt: skip

    async def users_disable(self, request: Request) -> Response:
        acting = await self._acting_on(request)
        if not isinstance(acting, tuple):
            return acting
        session, target = acting
        if target.id == session.account.id:
            msg = "自分自身は停止できません。ほかの管理者に依頼してください。"
            return self._users(request, session, {"message": msg}, 400)
        if not target.active:
            return self._users(request, session, {"message": f"{target.login} は停止中です。"})
        self.web.accounts.disable(target.login, scope=self._scope(session))
        record(self.web.runtime, session.account, "account.disabled", target=target.login,
               department=target.department)  # fmt: skip
        msg = (f"{target.login} を停止しました。ログイン中の画面は直ちに終了し、"
               "この利用者のAPIキーは無効になりました。")  # fmt: skip
        return self._users(request, session, {"message": msg})

    async def users_enable(self, request: Request) -> Response:
        acting = await self._acting_on(request)
        if not isinstance(acting, tuple):
            return acting
        session, target = acting
        if target.active:
            return self._users(request, session, {"message": f"{target.login} は有効です。"})
        self.web.accounts.enable(target.login, scope=self._scope(session))
        record(self.web.runtime, session.account, "account.enabled", target=target.login,
               department=target.department)  # fmt: skip
        msg = (f"{target.login} を再び有効にしました。停止したときに無効にしたAPIキーは戻りません。"
               "必要なら本人がAPIキーを申請してください。")  # fmt: skip
        return self._users(request, session, {"message": msg})

    async def keys_revoke(self, request: Request) -> Response:
        session = self.web.require(request, "admin")
        if not isinstance(session, SessionInfo):
            return session
        if (stale := await self._stale(request, session)) is not None:
            return stale
        key_id = request.path_params["key_id"]
        ok = self.web.runtime.keys.revoke(str(key_id), scope=self._scope(session)) == 1
        if ok:
            record(self.web.runtime, session.account, "key.revoked", key_id=key_id)
        msg = (
            "キーを無効にしました。直ちに使えなくなります。"
            if ok
            else "無効にできませんでした（すでに無効か、見つかりません）。"
        )
        return self._users(request, session, {"message": msg}, 200 if ok else 404)


def _values(a: Account) -> dict[str, Any]:
    """An account as the edit form shows it."""
    return {"login": a.login, "name": a.display_name, "department": a.department,
            "roles": list(a.roles), "trained": a.trained}  # fmt: skip


def guideline_filename(policy: Policy, fmt: str) -> str:
    """The download's name, in the municipality's words: 例示市_生成AI利用ガイドライン.pdf
    (the national template alone: 生成AI利用ガイドライン（ひな型）.pdf)."""
    if policy.municipality:
        return f"{policy.municipality}_生成AI利用ガイドライン.{fmt}"
    return f"生成AI利用ガイドライン（ひな型）.{fmt}"
