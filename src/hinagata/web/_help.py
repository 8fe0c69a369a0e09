"""ヘルプ: how to read a verdict of the check page and chat (許可・伏字にして許可・要審査・不可),
the 機密性 classes, the service types, what the highlights mean, what to do when a text
is refused, and questions staff ask. Every signed-in role reads it; the words of the
verdicts and service types come from the same labels the other pages show, so the help
never says something the results do not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response

from hinagata._messages import type_label
from hinagata.services import ServiceType
from hinagata.store import SessionInfo
from hinagata.verdicts import LABELS

if TYPE_CHECKING:
    from hinagata.web._app import WebApp

__all__ = ["HelpPages"]

#: The verdicts as staff call them, beside the words the results show.
_VERDICT_HELP = {
    "allow": ("許可", "そのまま送信できます。回答は必ず内容を確かめてから使ってください。"),
    "allow_masked": (
        "伏字にして許可",
        "氏名・住所などを〔氏名1〕〔住所1〕のような伏字に置き換えれば送信できます。"
        "チャットとAPIでは自動で伏字にして送り、回答の中の伏字は元の値に戻して表示します。",
    ),
    "review": (
        "要審査",
        "このままでは送信できませんが、審査機関の許可があれば送信できます。"
        "「利用申請」から、目的・情報の分類・サービス・期間を書いて申請してください。",
    ),
    "deny": (
        "不可",
        "選んだサービスには送信できません。「理由と対応」に書かれた方法で内容を見直すか、"
        "送信できるほかのサービスを選んでください。",
    ),
}
#: The classes of the national template (1.3, 4.1), most secret first.
_CLASSES = [
    ("3A", "秘密文書に相当する情報。どの生成AIにも入力できません。"),
    (
        "3B",
        "要配慮個人情報（病歴、障害、生活保護の受給など）や個人番号を含む個人情報。"
        "識別できる値を伏字にしたうえで、WG基準適合のサービスにだけ入力できます。",
    ),
    (
        "3C",
        "特定の個人を識別できる個人情報（氏名と住所の組合せなど）。WG基準適合のサービスには伏字にして、"
        "個別契約・国内リージョンのサービスには審査機関の許可があれば伏字にして入力できます。",
    ),
    (
        "2",
        "公開していない内部の情報や、単体では個人を識別できない個人に関する情報"
        "（「80代男性（市内在住）」など）。約款型のサービスには入力できません。",
    ),
    ("1", "公開されている情報、公開してよい情報。どのサービスにも入力できます。"),
]
#: Highlight kinds shown in the legend (the check page colours them the same way).
_HIGHLIGHTS = ["PERSON_NAME", "ADDRESS", "PHONE_NUMBER", "BIRTH_DATE", "MY_NUMBER"]


class HelpPages:
    def __init__(self, web: WebApp) -> None:
        self.web = web

    async def help(self, request: Request) -> Response:
        session = self.web.require(request)
        if not isinstance(session, SessionInfo):
            return session
        verdicts = [
            (LABELS[v].check, LABELS[v].css, name, text)
            for v, (name, text) in _VERDICT_HELP.items()
        ]
        types = [(t.label, t.value) for t in ServiceType]
        highlights = [(k, type_label(k, "ja")) for k in _HIGHLIGHTS]
        return self.web.render(
            request,
            "help.html.j2",
            {"verdicts": verdicts, "classes": _CLASSES, "types": types, "highlights": highlights},
            session=session,
        )
