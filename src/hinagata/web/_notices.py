"""Notices (お知らせ): an application was decided. The applicant sees the notice in the
header and on the home page until it is read (opening the application, or 「すべて既読に
する」), and by e-mail where ``notices.smtp`` is configured (:mod:`hinagata.notify`).

A notice is stored with the decision (one transaction); the e-mail is tried after it, so
a mail server that fails loses nothing: the failure is recorded on the notice, said to
the reviewer, and listed for the administrator on ``/admin/notices``. Only the recipient
reads or marks their notices; the administrator's list is of their scope.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from hinagata.notify import MailError, decision_mail, recipient_of, send
from hinagata.store import Notice, Notices, SessionInfo, UseCase

if TYPE_CHECKING:
    from hinagata.web._app import WebApp

__all__ = ["NoticePages", "deliver"]

log = logging.getLogger("hinagata.web")


def deliver(web: WebApp, notices: Notices, case: UseCase, conditions: str) -> str:
    """E-mail the newest notice of ``case`` where SMTP is configured: "" (no SMTP),
    "sent" or "failed" (recorded on the notice with the reason). Never raises."""
    cfg = web.runtime.config
    smtp = cfg.notices.smtp
    if smtp is None:
        return ""
    found = notices.for_case(case.id)
    if not found:
        return ""
    notice = found[-1]
    base = cfg.notices.base_url.rstrip("/")
    try:
        msg = decision_mail(
            smtp,
            to=recipient_of(smtp, notice.recipient),
            code=case.code,
            title=case.title,
            decision_label=notice.decision_label,
            conditions=conditions,
            link=f"{base}/usecases/{case.id}" if base else "",
        )
        send(smtp, msg, base_dir=Path(cfg.base_dir))
    except MailError as exc:
        log.warning("notice %s: e-mail not sent: %s", notice.id, exc)
        notices.set_mail(notice.id, "failed", str(exc))
        return "failed"
    except Exception as exc:  # a bug must not turn a recorded decision into an error page
        log.exception("notice %s: e-mail failed", notice.id)
        notices.set_mail(
            notice.id, "failed", f"送信中に予期しない誤りが起きました（{type(exc).__name__}）"
        )
        return "failed"
    notices.set_mail(notice.id, "sent")
    return "sent"


class NoticePages:
    """``/notices`` (one's own), ``/notices/read`` and ``/admin/notices`` (failed e-mail)."""

    def __init__(self, web: WebApp) -> None:
        self.web = web
        self.store = web.notices

    def _own(self, session: SessionInfo) -> list[Notice]:
        a = session.account
        return self.store.recent(a.login, a.municipality)

    async def index(self, request: Request) -> Response:
        session = self.web.require(request)
        if not isinstance(session, SessionInfo):
            return session
        return self.web.render(
            request,
            "notices.html.j2",
            {
                "notices": self._own(session),
                "message": "すべて既読にしました。" if request.query_params.get("read") else "",
            },
            session=session,
        )

    async def read_all(self, request: Request) -> Response:
        session = self.web.require(request)
        if not isinstance(session, SessionInfo):
            return session
        form = await request.form(max_files=0, max_fields=5)
        if not self.web.accounts.csrf_ok(session, str(form.get("csrf", ""))):
            return self.web.render(
                request,
                "notices.html.j2",
                {
                    "notices": self._own(session),
                    "message": "",
                    "error": "画面の有効期限が切れました。もう一度操作してください。",
                },
                status=400,
                session=session,
            )
        a = session.account
        await run_in_threadpool(lambda: self.store.mark_read(a.login, a.municipality))
        return RedirectResponse("/notices?read=1", status_code=303)

    async def mail_failures(self, request: Request) -> Response:
        session = self.web.require(request, "admin")
        if not isinstance(session, SessionInfo):
            return session
        scope = self.web.scope(session)
        failed = await run_in_threadpool(lambda: self.store.failed_mail(scope=scope))
        return self.web.render(
            request,
            "notice_mail.html.j2",
            {
                "failed": failed,
                "configured": self.web.runtime.config.notices.smtp is not None,
            },
            session=session,
        )
