"""The four verdicts and what each face calls them (判定の表示).

The ladder itself — ``allow`` < ``allow_masked`` < ``review`` < ``deny``, the first yes of
the policy's three questions — is :data:`hinagata.decide.VERDICTS`; this module only
compares along it and names its rungs. Each face words a verdict for where it is read:
the check page and the CLI speak to the person about to send (送信できます), the
dashboard and audit search need a short column label (送信), a use case's
pre-assessment describes a kind of information (送信できる), the web chat says what was
done with a message (送信しました), the guideline tells staff what they may type in
(入力できる, with the mark of its quick-reference table), and the gateway's refusal of a
request opens with a sentence of its own.
Every one of those wordings is a row here, so a change of wording is made once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hinagata.decide import VERDICTS

__all__ = ["LABELS", "VERDICTS", "VerdictLabel", "strictest", "strictness"]


@dataclass(frozen=True)
class VerdictLabel:
    """One verdict as each face writes it."""

    #: 入力前チェック (web and ``hinagata check``): said to the person about to send.
    check: str
    #: ``hinagata check --lang en``.
    check_en: str
    #: The web page's CSS class for the verdict badge.
    css: str
    #: The dashboard's verdict mix and the audit search's filter (a short column label).
    short: str
    #: A use case's pre-assessment (事前評価): what may be done with a class of information.
    usecase: str
    #: The guideline's quick-reference table: its mark, and what staff may type in.
    mark: str
    guideline: str
    #: The web chat, beside a message once the request has been answered (what was done).
    sent: str
    #: The first sentence of the gateway's refusal (403) of a ``review`` or ``deny``, before
    #: its clauses and remedies (empty for the verdicts that send).
    refusal: str = ""


LABELS: dict[str, VerdictLabel] = {
    "allow": VerdictLabel(
        check="送信できます",
        check_en="May be sent",
        css="ok",
        short="送信",
        usecase="送信できる",
        mark="○",
        guideline="入力できる",
        sent="送信しました",
    ),
    "allow_masked": VerdictLabel(
        check="伏字にすれば送信できます",
        check_en="May be sent after masking",
        css="masked",
        short="伏字で送信",
        usecase="伏字にすれば送信できる",
        mark="△",
        guideline="伏字にすれば入力できる",
        sent="個人情報を伏字にして送信しました",
    ),
    "review": VerdictLabel(
        check="審査機関の許可が必要です",
        check_en="Needs the review body's permission",
        css="review",
        short="審査が必要",
        usecase="審査機関の許可が必要",
        mark="審",
        guideline="審査機関の許可があれば入力できる",
        sent="審査機関の許可が必要です（送信していません）",
        refusal="この内容は、審査機関の許可がなければ送信できません。",
    ),
    "deny": VerdictLabel(
        check="送信できません",
        check_en="May not be sent",
        css="deny",
        short="拒否",
        usecase="送信できない",
        mark="×",
        guideline="入力できない",
        sent="送信できません（送信していません）",
        refusal="この内容は、このAIサービスには送信できません。",
    ),
}
assert tuple(LABELS) == VERDICTS


def strictness(verdict: str) -> int:
    """The verdict's place on the ladder (0: ``allow``); anything else comes after ``deny``.

    >>> [strictness(v) for v in ("allow", "deny", "unknown")]
    [0, 3, 4]
    """
    return VERDICTS.index(verdict) if verdict in VERDICTS else len(VERDICTS)


def strictest(verdicts: Iterable[str], default: str = "allow") -> str:
    """The strictest of ``verdicts`` (``default`` when there are none).

    >>> strictest(["allow_masked", "review", "allow"])
    'review'
    >>> strictest([])
    'allow'
    """
    return max(verdicts, key=VERDICTS.index, default=default)
