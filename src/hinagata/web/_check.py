"""入力前チェック (check before you send): the check page judges a text or a file for the
chosen service with the engine's one entry (:func:`hinagata.judge.judge`) and shows the
verdict, the reasons, what was found, the masked version and the verdict for every
other service of the catalog (judged on the same findings).

Each check is recorded (:class:`hinagata.store.CheckRecords`: who, when, the service, the
verdict, the finding types and the clauses — no text), for the user's own history
(「自分の判定履歴」) and the dashboard's count; the text itself only where the policy keeps
transcripts, in the transcript store. A record that cannot be written does not hide the
verdict (nothing is sent from this page): it is logged.
"""

from __future__ import annotations

import logging
import tempfile
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from hinagata import labels
from hinagata.assess import KIND_LABELS
from hinagata.io import InputError, read_text
from hinagata.judge import Judgment, judge
from hinagata.policy import Policy
from hinagata.services import Service
from hinagata.store import CheckRecords, SessionInfo
from hinagata.verdicts import LABELS
from hinagata.web._app import WebApp, bounded_int
from hinagata.web._highlight import pieces

__all__ = ["CheckPages"]

log = logging.getLogger("hinagata.web")

_UPLOAD_SUFFIXES = {".txt", ".md", ".csv", ".docx", ".xlsx", ".pdf"}


class CheckPages:
    """``/check``: the form, and the judgment of what was typed or uploaded."""

    def __init__(self, web: WebApp) -> None:
        self.web = web

    async def check_page(self, request: Request) -> Response:
        session = self.web.require(request, "staff", "usage_admin", "reviewer")
        if not isinstance(session, SessionInfo):
            return session
        services = self.web._services(session.account)
        return self.web.render(
            request,
            "check.html.j2",
            {
                "keeps_text": self._keeps(session),
                "services": services,
                "service": services[0].id if services else "",
                "text": "",
                "errors": {},
                "result": None,
            },
            session=session,
        )

    async def check_submit(self, request: Request) -> Response:
        session = self.web.require(request, "staff", "usage_admin", "reviewer")
        if not isinstance(session, SessionInfo):
            return session
        limit = self.web.cfg.upload_max_bytes
        services = self.web._services(session.account)
        base: dict[str, Any] = {
            "keeps_text": self._keeps(session),
            "services": services,
            "service": "",
            "text": "",
            "errors": {},
            "result": None,
        }
        size = bounded_int(request.headers.get("content-length", "") or "0", lo=0)
        if size is None or size > limit + 65536:
            return self.web.render(
                request,
                "check.html.j2",
                {
                    **base,
                    "errors": {
                        "file": f"ファイルが大きすぎます（上限 {limit // (1024 * 1024)} MB）。"
                        "分割するか、文字の部分だけを貼り付けてください。"
                    },
                },
                status=413,
                session=session,
            )
        text, service_id, errors = await self._read_form(request, session, services)
        ctx = {**base, "text": text, "service": service_id}
        if errors:
            return self.web.render(
                request, "check.html.j2", {**ctx, "errors": errors}, status=400, session=session
            )
        caller = self.web.runtime.caller_for_account(session.account)
        policy = self.web._policy(session.account)
        runtime = self.web.runtime
        # One judgment: the chosen service, and every other one on the same findings.
        also = [s for s in services if s.id != service_id]
        judgment = await run_in_threadpool(
            judge,
            text,
            service_id,
            policy,
            user=runtime.user_of(caller),
            grants=lambda service: runtime.grants_for(service, policy, caller),
            also=also,
        )
        result = _result(judgment, text, policy.catalog.get(service_id), also)
        # A refusal for want of training links to the course (web/_training.py).
        result["training_clauses"] = policy.training.clauses if policy.training else ()
        if not judgment.failed:
            await run_in_threadpool(self._record, session, policy, service_id, judgment, text)
        result["terms"] = _terms(judgment, policy.scheme.key, policy.catalog.get(service_id))
        return self.web.render(
            request,
            "check.html.j2",
            {**ctx, "result": result},
            status=503 if judgment.failed else 200,
            session=session,
        )

    def _keeps(self, session: SessionInfo) -> bool:
        """Whether the account's policy keeps the checked text (transcripts)."""
        keep = self.web._policy(session.account).transcripts
        return keep is not None and keep.keep

    def _record(
        self, session: SessionInfo, policy: Policy, service_id: str, judgment: Judgment, text: str
    ) -> None:
        """The check's record (no text); the text in the transcript store only where the
        policy keeps transcripts."""
        a = session.account
        d = judgment.decision
        rid = "chk-" + uuid.uuid4().hex
        keep = policy.transcripts is not None and policy.transcripts.keep
        runtime = self.web.runtime
        try:
            if keep:
                runtime.transcripts.add(
                    rid,
                    user=a.login,
                    department=a.department,
                    municipality=a.municipality,
                    model=f"入力前チェック:{service_id}"[:200],
                    prompt=text,
                )
            CheckRecords(runtime.db).add(
                request_id=rid,
                municipality=a.municipality,
                department=a.department,
                user_login=a.login,
                service=service_id,
                verdict=d.verdict,
                information_class=d.information_class or "",
                findings=Counter(f.type for f in d.findings if f.personal),
                clauses=d.clauses,
                chars=len(text),
                kept=keep,
            )
        except Exception:
            log.error("check record write failed (%s)", rid)

    async def _read_form(
        self, request: Request, session: SessionInfo, services: list[Any]
    ) -> tuple[str, str, dict[str, str]]:
        """The text (typed, or read from the uploaded file), the service, and a message per
        field that is wrong."""
        form = await request.form(max_files=1, max_fields=20)
        text = str(form.get("text", ""))
        service_id = str(form.get("service", ""))
        errors: dict[str, str] = {}
        if not self.web.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            errors["form"] = "画面の有効期限が切れました。もう一度「判定する」を押してください。"
        if service_id not in {s.id for s in services}:
            errors["service"] = "送信先のAIサービスを選んでください。"
        upload = form.get("file")
        if isinstance(upload, UploadFile) and upload.filename:
            extracted, problem = await self._read_upload(upload)
            if problem:
                errors["file"] = problem
            else:
                text = extracted
        if not text.strip() and "file" not in errors:
            errors["text"] = "判定する文章を入力するか、ファイルを選んでください。"
        if len(text) > self.web.cfg.max_check_chars:
            errors["text"] = (
                f"文章が長すぎます（上限 {self.web.cfg.max_check_chars:,} 文字）。分けて判定してください。"
            )
        return text, service_id, errors

    async def _read_upload(self, upload: UploadFile) -> tuple[str, str]:
        """The text of an uploaded file, or a message saying why not."""
        name = upload.filename or ""
        suffix = Path(name).suffix.lower()
        if suffix not in _UPLOAD_SUFFIXES:
            return "", (
                "この形式のファイルは判定できません。テキスト（.txt）、Word（.docx）、"
                "Excel（.xlsx）、PDF のいずれかを選んでください。"
            )
        limit = self.web.cfg.upload_max_bytes
        data = await upload.read(limit + 1)
        if len(data) > limit:
            return "", f"ファイルが大きすぎます（上限 {limit // (1024 * 1024)} MB）。"
        with tempfile.TemporaryDirectory(prefix="hinagata-web-") as d:
            path = Path(d) / f"upload{suffix}"
            path.write_bytes(data)
            try:
                return await run_in_threadpool(read_text, path, max_bytes=limit), ""
            except InputError as exc:
                return "", {
                    "empty": "ファイルから文字を読み取れませんでした（空か、画像だけのファイルです）。",
                    "undecodable": "ファイルの文字コードを判別できませんでした。UTF-8 又は Shift_JIS で保存してください。",
                    "too_large": "ファイルが大きすぎます。",
                }.get(
                    exc.code,
                    "ファイルを読み取れませんでした（壊れているか、パスワードで保護されています）。",
                )


def _terms(judgment: Judgment, scheme: str, service: Service) -> list[labels.Term]:
    """The terms the verdict uses, explained beside it: the text's class and the kinds of
    the chosen service and of special-care information where they matter."""
    decision = judgment.decision
    out = [labels.SERVICE_TERMS[service.service_type.value]]
    cls = labels.class_term(decision.information_class or "", scheme)
    if cls is not None:
        out.insert(0, cls)
    if decision.sensitive:
        out.append(labels.TERMS["special_care"])
    if decision.verdict == "review":
        out.append(labels.TERMS["review"])
    return out


def _result(judgment: Judgment, text: str, service: Service, also: list[Any]) -> dict[str, Any]:
    """What the page shows of a judgment."""
    decision = judgment.decision
    marked = pieces(
        text,
        decision.findings,
        decision.injection.spans if decision.injection is not None else (),
    )
    # The masked version, where the text identifies by content with the same
    # generalisation (87歳 → 80代) — never for a text this service refuses or must have
    # reviewed: a copy offered beside a refusal is pasted into the refused service (it may
    # still hold special-care information). The page says why and where it could go.
    withheld = decision.verdict in ("deny", "review")
    offered = None if withheld else judgment.offer()
    masked = offered.text if offered is not None else None
    generalised = [
        {
            "kind": KIND_LABELS.get(g.kind, ("要配慮情報", ""))[0],
            "text": g.text,
            "generalised": g.replacement or "（削除）",
        }
        for g in (offered.generalised if offered is not None else ())
    ]
    return {
        "decision": decision,
        "verdict_label": LABELS[decision.verdict].check,
        "verdict_class": LABELS[decision.verdict].css,
        "reasons": [r.to_dict("ja") for r in decision.reasons],
        "pieces": marked,
        "legend": sorted({(p.kind, p.label) for p in marked if p.kind}),
        "masked": masked if masked is not None and masked != text else None,
        "withheld": withheld and bool(decision.findings),
        "generalised": generalised,
        "content_kinds": [KIND_LABELS[k][0] for k in decision.content_kinds if k in KIND_LABELS],
        "failed": judgment.failed,
        "service": service,
        # The verdict for each other service of the catalog: (service, label, css class);
        # none where the check failed.
        "others": [
            (svc, LABELS[d.verdict].check, LABELS[d.verdict].css)
            for svc, d in zip(also, judgment.others, strict=False)
        ],
    }
