"""「自分の判定履歴」: the signed-in account's own 入力前チェック, newest first.

Each row: the date and time (Japan time), the service, the verdict, the information
class, the kinds of what was found (in Japanese, with counts) and the clauses cited.
No text: the check record holds none. Where the policy keeps transcripts, the checked
text is in the transcript store, and the row offers it to its own author only.

Only the account's own rows are read (its login *and* its municipality); nothing here
takes a login or a record number from the request, so no one can ask for another
person's history.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from hinagata._messages import type_label
from hinagata.store import CheckRecords, CheckRow, SessionInfo
from hinagata.store._rollup import JST
from hinagata.verdicts import LABELS
from hinagata.web._app import bounded_int

if TYPE_CHECKING:
    from hinagata.web._app import WebApp

__all__ = ["HistoryPages", "jst_label"]

#: The last page of the history (a larger one is the last page).
_MAX_PAGE = 10_000


def jst_label(row: CheckRow) -> str:
    """``2026年12月1日 16:34`` (Japan time)."""
    t = row.ts.astimezone(JST)
    return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}"


class HistoryPages:
    def __init__(self, web: WebApp) -> None:
        self.web = web

    def _rows(self, session: SessionInfo, page: int) -> tuple[list[dict[str, Any]], bool]:
        a = session.account
        rows, more = CheckRecords(self.web.runtime.db).mine(
            municipality=a.municipality, login=a.login, page=page
        )
        policy = self.web._policy(a)
        names = {s.id: s.name for s in policy.catalog.services}
        titles = {e.clause.id: e.clause.title for _ch, eff, _l in policy.chapters for e in eff}
        out = []
        for r in rows:
            text = None
            if r.kept:
                kept = self.web.runtime.transcripts.get(r.request_id)
                # The author's own text only (the same login and municipality).
                if (
                    kept is not None
                    and kept.user == a.login
                    and kept.municipality == a.municipality
                ):
                    text = kept.prompt
            label = LABELS.get(r.verdict)
            out.append(
                {
                    "when": jst_label(r),
                    "iso": r.ts.astimezone(JST).isoformat(timespec="minutes"),
                    "service": names.get(r.service, r.service),
                    "verdict": label.check if label else r.verdict,
                    "css": label.css if label else "",
                    "class": r.information_class,
                    "findings": [(type_label(k, "ja"), n) for k, n in r.findings.items()],
                    "clauses": [(c, titles.get(c, "")) for c in r.clauses],
                    "chars": r.chars,
                    "text": text,
                    "kept": r.kept,
                }
            )
        return out, more

    async def history(self, request: Request) -> Response:
        session = self.web.require(request)
        if not isinstance(session, SessionInfo):
            return session
        page = bounded_int(request.query_params.get("page", "1"), hi=_MAX_PAGE) or 1
        rows, more = await run_in_threadpool(self._rows, session, page)
        policy = self.web._policy(session.account)
        keeps = policy.transcripts is not None and policy.transcripts.keep
        return self.web.render(
            request,
            "history.html.j2",
            {"rows": rows, "more": more, "page": page, "keeps": keeps},
            session=session,
        )
