"""ガイドライン: the guideline every signed-in account can read, rendered from the
effective policy of its municipality (the same document as the Word/PDF download, from
:func:`hinagata.render.build_document`), with an anchor per clause (``#clause-4.2``) that
every cited clause on the other pages links to, and the explanation of the terms the
verdicts use (``#term-3B``, ``#term-wg``) from :mod:`hinagata.labels`.

The downloads stay on ``/admin/guideline/{fmt}`` (the roles that keep the policy).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from hinagata import labels
from hinagata.render import build_document
from hinagata.store import SessionInfo

if TYPE_CHECKING:
    from hinagata.web._app import WebApp

__all__ = ["GuidelinePages", "clause_href"]


def clause_href(clause: str) -> str:
    """Where a cited clause's full text is (``4.2`` → ``/guideline#clause-4.2``).

    >>> clause_href("4.2")
    '/guideline#clause-4.2'
    """
    return f"/guideline#clause-{clause}"


class GuidelinePages:
    def __init__(self, web: WebApp) -> None:
        self.web = web

    async def page(self, request: Request) -> Response:
        session = self.web.require(request)
        if not isinstance(session, SessionInfo):
            return session
        policy = self.web._policy(session.account)
        doc = await run_in_threadpool(build_document, policy)
        scheme = policy.scheme.key
        return self.web.render(
            request,
            "guideline.html.j2",
            {
                "doc": doc,
                "policy": policy,
                "class_terms": labels.class_terms(scheme),
                "service_terms": list(labels.SERVICE_TERMS.values()),
                "other_terms": list(labels.TERMS.values()),
                "department": session.account.department,
            },
            session=session,
        )
