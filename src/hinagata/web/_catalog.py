"""事例 (the case catalog): search and filters, publishing, export and import.

Published cases are shared on purpose: every municipality of a shared platform reads the
catalog (that is what it is for). The national starter set (事例の初期セット, seeded by
``hinagata first-run``) is shown as such; each case shows the reports it was written
from (or 「作成例（架空）」) and the clauses it meets, and the list keeps the recommended
cases apart from the challenging ones (課題のある事例（対策付き）). What a case is made *from* is not: ``/catalog/new?from=N``
fills the form only from an approved use case in the editor's own scope (a 利用管理者's
department, a 審査委員's municipality), and a case names as its source only such a one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from hinagata.governance import (
    APPROVALS,
    CASE_STATUSES,
    FICTIONAL_LABEL,
    FIELDS,
    SIZE_BANDS,
    CaseEntry,
    CaseFileError,
    ForeignCase,
    draft_from_use_case,
    from_csv,
    from_json,
    is_starter,
    to_csv,
    to_json,
)
from hinagata.store import WIDE_CASES, CaseCatalog, Scope, SessionInfo, UseCase, UseCases
from hinagata.web._app import bounded_int
from hinagata.web._download import attachment

if TYPE_CHECKING:
    from hinagata.web._app import WebApp

__all__ = ["CatalogPages"]

_EDITORS = ("usage_admin", "reviewer")
_CONCERN_SLOTS = 4
_NORM_SLOTS = 3
_IMPORT_MAX = 5 * 1024 * 1024
_EXPORTS = {"json": "application/json", "csv": "text/csv"}
_STARTER_LABEL = "全国共通の初期事例"


def _starter(c: CaseEntry) -> bool:
    """A case of the shipped starter set (its uid, and no municipality of its own)."""
    return not c.municipality and is_starter(c.uid)


def date_ja(date: str) -> str:
    """``2024-03-15`` → ``2024年3月15日`` (``2024-03`` → ``2024年3月``; ``""``: not given)."""
    if not date:
        return "（掲載日の記載なし）"
    parts = [int(x) for x in date.split("-")]
    return "".join(f"{n}{unit}" for n, unit in zip(parts, ("年", "月", "日"), strict=False))


class CatalogPages:
    def __init__(self, web: WebApp) -> None:
        self.web = web
        self.store = CaseCatalog(web.runtime.db)

    def _common(self) -> dict[str, Any]:
        return {
            "FIELDS": FIELDS,
            "SIZE_BANDS": SIZE_BANDS,
            "CASE_STATUSES": CASE_STATUSES,
            "FICTIONAL": FICTIONAL_LABEL,
            "STARTER": _STARTER_LABEL,
            "is_starter": _starter,
        }

    def _list(
        self, request: Request, session: SessionInfo, message: str = "", error: str = "",
        status: int = 200,
    ) -> HTMLResponse:  # fmt: skip
        p = request.query_params
        filters = {k: p.get(k, "").strip() for k in ("q", "field", "size_band", "status")}
        cases = self.store.search(
            q=filters["q"],
            field=filters["field"],
            size_band=filters["size_band"],
            status=filters["status"],
        )
        return self.web.render(
            request,
            "catalog.html.j2",
            {
                **self._common(),
                "cases": cases,
                "f": filters,
                "message": message,
                "error": error,
                "can_edit": session.account.has(*_EDITORS),
            },
            status=status,
            session=session,
        )

    async def index(self, request: Request) -> Response:
        session = self.web.require(request)
        if not isinstance(session, SessionInfo):
            return session
        return self._list(request, session)

    async def detail(self, request: Request) -> Response:
        session = self.web.require(request)
        if not isinstance(session, SessionInfo):
            return session
        found = self.store.get(request.path_params["case_id"])
        if found is None:
            return self.web.render(
                request,
                "error.html.j2",
                {"title": "事例が見つかりません", "message": "番号を確かめてください。"},
                status=404,
                session=session,
            )
        case = found[1]
        policy = self.web._policy(session.account)
        titles = {e.clause.id: e.clause.title for _ch, eff, _l in policy.chapters for e in eff}
        return self.web.render(
            request,
            "catalog_case.html.j2",
            {
                **self._common(),
                "id": found[0],
                "c": case,
                "norms": [(n.clause, titles.get(n.clause, ""), n.how) for n in case.norms],
                "sources": [(x, date_ja(x.date)) for x in case.sources],
            },
            session=session,
        )

    def _form(
        self, request: Request, session: SessionInfo, v: dict[str, Any], errors: dict[str, str],
        status: int = 200,
    ) -> HTMLResponse:  # fmt: skip
        blank = {"title": "", "field": "", "size_band": "", "status": "", "summary": "",
                 "services": "", "classes": "", "source": "",
                 "concerns": [("", "")] * _CONCERN_SLOTS, "norms": [("", "")] * _NORM_SLOTS,
                 "src": {"title": "", "publisher": "", "date": "", "url": ""}}  # fmt: skip
        policy = self.web._policy(session.account)
        clauses = [(e.clause.id, e.clause.title) for _ch, eff, _l in policy.chapters for e in eff]
        return self.web.render(
            request,
            "catalog_form.html.j2",
            {**self._common(), "v": {**blank, **v}, "errors": errors, "CLAUSES": clauses},
            status=status,
            session=session,
        )

    async def new_page(self, request: Request) -> Response:
        session = self.web.require(request, *_EDITORS)
        if not isinstance(session, SessionInfo):
            return session
        return self._form(request, session, self._from_use_case(request, session), {})

    def _from_use_case(self, request: Request, session: SessionInfo) -> dict[str, Any]:
        """A use case the review body approved, as the start of a catalog case."""

        case = self._source(session, request.query_params.get("from", ""))
        if case is None:
            return {}
        policy = self.web._policy(session.account)
        names = {s.id: s.name for s in policy.catalog.services}
        history = UseCases(self.web.runtime.db).history(case.id, scope=self._scope(session))
        draft = draft_from_use_case(
            case, [h.conditions for h in history], names.get(case.service, case.service)
        )
        concerns = draft["concerns"][:_CONCERN_SLOTS]
        return {**draft, "concerns": concerns + [("", "")] * (_CONCERN_SLOTS - len(concerns))}

    def _scope(self, session: SessionInfo) -> Scope:
        return self.web.scope(session, WIDE_CASES)

    def _source(self, session: SessionInfo, ref: str) -> UseCase | None:
        """The approved use case ``ref`` (``12`` or ``UC-12``) if it is in the scope."""
        number = bounded_int(ref.removeprefix("UC-"))
        if number is None:
            return None
        case = UseCases(self.web.runtime.db).get(number, scope=self._scope(session))
        if case is None or case.status not in APPROVALS:
            return None
        return case

    async def create(self, request: Request) -> Response:
        session = self.web.require(request, *_EDITORS)
        if not isinstance(session, SessionInfo):
            return session
        form = await request.form(max_files=0, max_fields=40)
        concerns = [
            (
                str(form.get(f"concern_{i}", "")).strip(),
                str(form.get(f"mitigation_{i}", "")).strip(),
            )
            for i in range(1, _CONCERN_SLOTS + 1)
        ]
        norms = [
            (str(form.get(f"norm_clause_{i}", "")).strip(), str(form.get(f"norm_how_{i}", "")).strip())
            for i in range(1, _NORM_SLOTS + 1)
        ]
        src = {k: str(form.get(f"src_{k}", "")).strip() for k in ("title", "publisher", "date", "url")}
        v: dict[str, Any] = {
            "title": str(form.get("title", "")).strip(),
            "field": str(form.get("field", "")),
            "size_band": str(form.get("size_band", "")),
            "status": str(form.get("status", "")),
            "summary": str(form.get("summary", "")).strip(),
            "services": str(form.get("services", "")),
            "classes": str(form.get("classes", "")),
            "concerns": concerns,
            "norms": norms,
            "src": src,
            "source": str(form.get("source", ""))[:40],
        }
        errors: dict[str, str] = {}
        if not self.web.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            errors["form"] = (
                "画面の有効期限が切れました。内容を確認して、もう一度公開してください。"
            )
        policy = self.web._policy(session.account)
        known = {e.clause.id for _ch, eff, _l in policy.chapters for e in eff}
        if any((c and c not in known) or (bool(c) != bool(h)) for c, h in norms):
            errors["norms"] = "満たしている規定は、条項を選び、どのように満たしているかを書いてください。"
        entry = None
        try:
            entry = CaseEntry.model_validate(
                {
                    "title": v["title"],
                    "field": v["field"],
                    "size_band": v["size_band"],
                    "status": v["status"],
                    "summary": v["summary"],
                    "concerns": [{"concern": c, "mitigation": m} for c, m in concerns if c],
                    "norms": [{"clause": c, "how": h} for c, h in norms if c and h],
                    "sources": [src] if any(src.values()) else [],
                    "services": [x.strip() for x in v["services"].split("、") if x.strip()],
                    "classes": [x.strip() for x in v["classes"].split("、") if x.strip()],
                    "municipality": session.account.municipality,
                }
            )
            entry.check()
        except ValidationError as exc:
            labels = {"title": "件名を入力してください。", "field": "分野を選んでください。",
                      "size_band": "団体の規模を選んでください。", "status": "区分を選んでください。",
                      "summary": "概要を入力してください。",
                      "sources": "元にした資料は、題名・発行者・URL（http又はhttpsで始まるもの）を書き、"
                                 "日付は 2025-07-02 の形（記載がなければ空欄）にしてください。",
                      "norms": "満たしている規定を確認してください。"}  # fmt: skip
            for e in exc.errors():
                name = str(e["loc"][0]) if e["loc"] else "form"
                errors.setdefault(
                    name if name in labels else "concerns",
                    labels.get(name, "懸念と対策を確認してください。"),
                )
        except ValueError as exc:
            errors["concerns"] = str(exc) + "。"
        if errors or entry is None:
            return self._form(request, session, v, errors, status=400)
        source_case = self._source(session, v["source"]) if v["source"].startswith("UC-") else None
        source = source_case.code if source_case is not None else ""
        new_id = self.store.add(entry, created_by=session.account.login, source_use_case=source)
        return RedirectResponse(f"/catalog/{new_id}", status_code=303)

    async def export(self, request: Request) -> Response:
        session = self.web.require(request)
        if not isinstance(session, SessionInfo):
            return session
        fmt = request.path_params["fmt"]
        if fmt not in _EXPORTS:
            return self.web.render(
                request,
                "error.html.j2",
                {
                    "title": "その形式では書き出せません",
                    "message": "JSON（/catalog/export/json）又は CSV（/catalog/export/csv）を選んでください。",
                },
                status=400,
                session=session,
            )
        entries = [e for _id, e in self.store.search()]
        body = to_json(entries) if fmt == "json" else to_csv(entries)
        return Response(
            body,
            media_type=f"{_EXPORTS[fmt]}; charset=utf-8",
            headers={
                "content-disposition": attachment(f"hinagata-cases.{fmt}"),
                "x-content-type-options": "nosniff",
                "cache-control": "no-store",
            },
        )

    async def import_(self, request: Request) -> Response:
        session = self.web.require(request, *_EDITORS)
        if not isinstance(session, SessionInfo):
            return session
        declared = request.headers.get("content-length", "")
        size = bounded_int(declared or "0", lo=0)
        if size is None or size > _IMPORT_MAX + 65536:
            return self._list(
                request, session, error="ファイルが大きすぎます（上限 5 MB）。", status=413
            )
        form = await request.form(max_files=1, max_fields=5)
        if not self.web.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            return self._list(
                request,
                session,
                error="画面の有効期限が切れました。もう一度取り込んでください。",
                status=400,
            )
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            return self._list(
                request,
                session,
                error="取り込むファイル（JSON 又は CSV）を選んでください。",
                status=400,
            )
        data = await upload.read(_IMPORT_MAX + 1)
        if len(data) > _IMPORT_MAX:
            return self._list(
                request, session, error="ファイルが大きすぎます（上限 5 MB）。", status=413
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp932")
            except UnicodeDecodeError:
                return self._list(
                    request,
                    session,
                    error="文字コードを判別できません（UTF-8 で保存してください）。",
                    status=400,
                )
        try:
            name = upload.filename.lower()
            entries = from_csv(text) if name.endswith(".csv") else from_json(text)
        except CaseFileError as exc:
            return self._list(
                request,
                session,
                error=f"取り込めませんでした。{exc}。何も追加していません。",
                status=400,
            )
        # On a shared platform every case is stored under the importer's municipality; a
        # file that names another one for a new case is refused, naming it.
        mine = session.account.municipality if self.web.shared else None
        try:
            added, skipped = self.store.import_entries(
                entries, created_by=session.account.login, municipality=mine
            )
        except ForeignCase as exc:
            return self._list(
                request, session, error=f"取り込めませんでした。{exc}。何も追加していません。",
                status=400,
            )  # fmt: skip
        return self._list(
            request,
            session,
            message=f"{added}件を追加しました（すでにある{skipped}件は飛ばしました）。",
        )
