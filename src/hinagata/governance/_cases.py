"""The case catalog (事例): published cases by field and municipality size, recommended
ones apart from challenging ones (課題のある事例（対策付き）: each concern with its mitigation), exchangeable between
municipalities and shared platforms as JSON or CSV.

The exchange format is one object per case (JSON: ``{"format": "hinagata-cases/1",
"cases": [...]}``; CSV: one row per case, concerns as ``concern｜mitigation`` lines). Every
case has a ``uid`` that survives export and import, so importing the same file twice adds
nothing.

A case may name the public reports it was written from (``sources``: title, publisher,
date and address, exactly as found), or say that it is an invented example
(``fictional``: 「作成例（架空）」) — never both; and the clauses of the guideline it
meets and how (``norms``). The CSV of an earlier version (without these three columns)
is still read.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterable, Sequence
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from hinagata._csvsafe import cell as _cell
from hinagata._csvsafe import uncell as _uncell
from hinagata._sizes import SIZE_BANDS
from hinagata.governance._usecases import FIELDS

__all__ = [
    "CASE_STATUSES",
    "FICTIONAL_LABEL",
    "FORMAT",
    "SIZE_BANDS",
    "CaseEntry",
    "CaseFileError",
    "CaseNorm",
    "CaseSource",
    "Concern",
    "ForeignCase",
    "SourceCase",
    "draft_from_use_case",
    "from_csv",
    "from_json",
    "to_csv",
    "to_json",
]

FORMAT = "hinagata-cases/1"
CASE_STATUSES = {
    "recommended": "推奨",
    "challenging": "課題のある事例（対策付き）",
    "not_recommended": "非推奨",
}
#: How a case without a source is labelled wherever it is shown.
FICTIONAL_LABEL = "作成例（架空）"
#: The columns of the CSV before sources, norms and the fictional mark (still read).
_CSV_COLUMNS_V1 = [
    "uid",
    "title",
    "field",
    "size_band",
    "status",
    "summary",
    "concerns",
    "services",
    "classes",
    "municipality",
]
_CSV_COLUMNS = [*_CSV_COLUMNS_V1, "sources", "norms", "fictional"]


class Concern(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    concern: str = Field(min_length=1, max_length=1000)
    mitigation: str = Field(default="", max_length=1000)


class CaseSource(BaseModel):
    """A public report a case was written from, as found: its title, publisher, date
    (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``""`` where the page gives none) and URL."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str = Field(min_length=1, max_length=300)
    publisher: str = Field(min_length=1, max_length=200)
    date: str = Field(default="", pattern=r"^(\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)?$")
    url: str = Field(min_length=12, max_length=2000, pattern=r"^https?://[^\s/?#]+\.[^\s/?#]+[^\s]*$")


class CaseNorm(BaseModel):
    """A clause of the guideline the case meets (its id, e.g. ``4.2``) and how."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    clause: str = Field(min_length=1, max_length=40, pattern=r"^[0-9A-Za-z][0-9A-Za-z.\-]*$")
    how: str = Field(min_length=1, max_length=1000)


class CaseEntry(BaseModel):
    """One case as exchanged (and as stored, less the database's own columns)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    uid: str = Field(default_factory=lambda: uuid.uuid4().hex, pattern=r"^[A-Za-z0-9_-]{8,64}$")
    title: str = Field(min_length=1, max_length=200)
    field: Literal[tuple(FIELDS)]  # type: ignore[valid-type]
    size_band: Literal[tuple(SIZE_BANDS)]  # type: ignore[valid-type]
    status: Literal[tuple(CASE_STATUSES)]  # type: ignore[valid-type]
    summary: str = Field(min_length=1, max_length=5000)
    concerns: tuple[Concern, ...] = ()
    services: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    municipality: str = Field(default="", max_length=200)
    sources: tuple[CaseSource, ...] = ()
    norms: tuple[CaseNorm, ...] = ()
    #: An invented example (「作成例（架空）」): it names no source.
    fictional: bool = False

    def check(self) -> None:
        """Rules across fields: a challenging case names each concern and its mitigation;
        an invented example names no source."""
        if self.fictional and self.sources:
            raise ValueError(f"出典のある事例を「{FICTIONAL_LABEL}」にすることはできません")
        if self.status == "challenging":
            if not self.concerns:
                raise ValueError("課題のある事例には懸念と対策を1つ以上書いてください")
            if any(not c.mitigation for c in self.concerns):
                raise ValueError("課題のある事例の懸念には、それぞれ対策を書いてください")


class CaseFileError(ValueError):
    """A file that cannot be imported: the message names the case (row) and the field."""


class SourceCase(Protocol):
    """An approved use case a published case is drawn from."""

    @property
    def title(self) -> str: ...

    @property
    def field(self) -> str: ...

    @property
    def status(self) -> str: ...

    @property
    def description(self) -> str: ...

    @property
    def classes(self) -> tuple[str, ...]: ...

    @property
    def code(self) -> str: ...


def draft_from_use_case(
    case: SourceCase, conditions: Sequence[str], service_name: str
) -> dict[str, Any]:
    """The start of a published case drawn from a use case the review body approved: a
    conditional approval makes it a challenging case, each condition a concern whose
    mitigation is the condition; ``source`` is the use case's code."""
    return {
        "title": case.title,
        "field": case.field,
        "status": "challenging" if case.status == "conditional" else "recommended",
        "summary": case.description,
        "services": service_name,
        "classes": "、".join(case.classes),
        "concerns": [("審査で付された条件", c) for c in conditions if c],
        "source": case.code,
    }


def _validated(raw: dict[str, Any], where: str) -> CaseEntry:
    try:
        entry = CaseEntry.model_validate(raw)
        entry.check()
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise CaseFileError(f"{where}: {field}: {first['msg']}") from exc
    except ValueError as exc:
        raise CaseFileError(f"{where}: {exc}") from exc
    return entry


def to_json(cases: Iterable[CaseEntry]) -> str:
    return json.dumps(
        {"format": FORMAT, "cases": [c.model_dump(mode="json") for c in cases]},
        ensure_ascii=False,
        indent=2,
    )


def from_json(text: str) -> list[CaseEntry]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CaseFileError(f"JSON として読めません（{exc.lineno}行{exc.colno}列）") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CaseFileError(f'形式が違います（"format": "{FORMAT}" のファイルを選んでください）')
    cases = data.get("cases")
    if not isinstance(cases, list):
        raise CaseFileError('"cases" が配列ではありません')
    return [
        _validated(c if isinstance(c, dict) else {}, f"{i + 1}件目") for i, c in enumerate(cases)
    ]


def to_csv(cases: Iterable[CaseEntry]) -> str:
    """The cases as CSV; a cell a spreadsheet would run as a formula (``=…``, ``+…``,
    ``-…``, ``@…``) gets a leading single quote, which :func:`from_csv` removes."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(_CSV_COLUMNS)
    for c in cases:
        w.writerow(
            _cell(v)
            for v in [
                c.uid,
                c.title,
                c.field,
                c.size_band,
                c.status,
                c.summary,
                "\n".join(f"{x.concern}｜{x.mitigation}" for x in c.concerns),
                "\n".join(c.services),
                "\n".join(c.classes),
                c.municipality,
                "\n".join(f"{x.title}｜{x.publisher}｜{x.date}｜{x.url}" for x in c.sources),
                "\n".join(f"{x.clause}｜{x.how}" for x in c.norms),
                "1" if c.fictional else "",
            ]
        )
    # A BOM so that Excel opens the Japanese text correctly.
    return "\ufeff" + buf.getvalue()


def from_csv(text: str) -> list[CaseEntry]:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header = [h.strip() for h in rows[0]] if rows else []
    if header not in (_CSV_COLUMNS, _CSV_COLUMNS_V1):
        raise CaseFileError("見出しの行が違います（書き出したCSVの形式で用意してください）")
    out = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise CaseFileError(f"{n}行目: 列の数が違います")
        raw = {k: _uncell(v) for k, v in zip(header, row, strict=True)}
        concerns = []
        for line in raw["concerns"].splitlines():
            if line.strip():
                concern, _, mitigation = line.partition("｜")
                concerns.append({"concern": concern.strip(), "mitigation": mitigation.strip()})
        sources = []
        for line in _lines(raw.get("sources", "")):
            # A title may hold a ｜ itself: the last three parts are the others.
            title, publisher, date, url = ["", "", "", *line.rsplit("｜", 3)][-4:]
            sources.append({"title": title.strip(), "publisher": publisher.strip(),
                            "date": date.strip(), "url": url.strip()})  # fmt: skip
        norms = []
        for line in _lines(raw.get("norms", "")):
            clause, _, how = line.partition("｜")
            norms.append({"clause": clause.strip(), "how": how.strip()})
        entry: dict[str, Any] = {
            **raw,
            "concerns": concerns,
            "services": _lines(raw["services"]),
            "classes": _lines(raw["classes"]),
            "sources": sources,
            "norms": norms,
            "fictional": raw.get("fictional", "").strip() in ("1", "true", "True", "架空"),
        }
        if not entry["uid"]:
            entry.pop("uid")
        out.append(_validated(entry, f"{n}行目"))
    return out


def _lines(cell: str) -> Sequence[str]:
    return [x.strip() for x in cell.splitlines() if x.strip()]


class ForeignCase(ValueError):
    """An import that would add cases under another municipality's name: ``cases`` names
    each (its place in the file, title and the municipality it claims)."""

    def __init__(self, cases: Sequence[str]) -> None:
        self.cases = tuple(cases)
        shown = "、".join(self.cases[:5]) + (
            f" ほか{len(self.cases) - 5}件" if len(cases) > 5 else ""
        )
        super().__init__(
            f"ほかの団体の事例として登録することはできません: {shown}。"
            "取り込む事例は自分の団体の事例として登録されます（団体の欄を空にするか、"
            "自分の団体名にしてください）"
        )
