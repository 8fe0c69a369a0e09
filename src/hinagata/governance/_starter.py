"""The national starter set of the case catalog (事例の初期セット): package data, read
through the catalog's exchange format.

``data/starter_cases.yaml`` holds the cases (the exchange format of :mod:`._cases`, as
YAML). :func:`starter_cases` reads them with the import's own validation (each case as
:func:`from_json` validates it) and checks what only the shipped set must satisfy: a
stable ``hinagata-starter-NN`` uid, no municipality (the set is everyone's), each case
either with a source or marked 「作成例（架空）」, challenging cases with their
mitigations, and every norm citing a clause the national template has. The catalog
stores them with :meth:`hinagata.store.CaseCatalog.import_entries`, which skips a uid it
already has: seeding twice adds nothing and never changes a municipality's case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

from hinagata._yaml import load_yaml
from hinagata.governance._cases import FORMAT, CaseEntry, CaseFileError, _validated

__all__ = ["STARTER_CREATOR", "is_starter", "starter_cases"]

#: ``created_by`` of the seeded cases.
STARTER_CREATOR = "hinagata-starter"
_UID = re.compile(r"^hinagata-starter-\d{2,3}$")
_SOURCE = "governance/data/starter_cases.yaml (bundled)"


def _national_clauses() -> frozenset[str]:
    from hinagata.policy import load_policy

    return frozenset(e.clause.id for _ch, eff, _l in load_policy().chapters for e in eff)


def check_starter(entries: Iterable[CaseEntry], clauses: Iterable[str]) -> list[str]:
    """What is wrong with ``entries`` as the shipped starter set (empty: nothing)."""
    known = set(clauses)
    problems: list[str] = []
    seen: set[str] = set()
    for e in entries:
        where = f"{e.uid}「{e.title[:30]}」"
        if not _UID.match(e.uid):
            problems.append(f"{where}: uid は hinagata-starter-NN の形にしてください")
        if e.uid in seen:
            problems.append(f"{where}: uid が重複しています")
        seen.add(e.uid)
        if e.municipality:
            problems.append(f"{where}: 初期セットの事例には団体を書きません")
        if not e.sources and not e.fictional:
            problems.append(
                f"{where}: 出典がない事例は fictional: true（作成例（架空））にしてください"
            )
        if e.status not in ("recommended", "challenging"):
            problems.append(f"{where}: 区分は推奨か課題のある事例（対策付き）にしてください")
        if not e.norms:
            problems.append(f"{where}: 満たす規定（norms）を1つ以上書いてください")
        for n in e.norms:
            if n.clause not in known:
                problems.append(f"{where}: 規定 {n.clause} はひな型にありません")
    return problems


@cache
def starter_cases() -> tuple[CaseEntry, ...]:
    """The shipped starter cases, validated as an import validates them; raises
    :class:`CaseFileError` naming the case and the problem if the data is wrong."""
    text = resources.files("hinagata.governance").joinpath("data/starter_cases.yaml")
    located = load_yaml(_SOURCE, text=text.read_text(encoding="utf-8"))
    data = located.data
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CaseFileError(f"{_SOURCE}: format が {FORMAT} ではありません")
    raw = data.get("cases")
    if not isinstance(raw, list):
        raise CaseFileError(f"{_SOURCE}: cases が配列ではありません")
    entries = tuple(
        _validated(c if isinstance(c, dict) else {}, f"{_SOURCE} {i + 1}件目")
        for i, c in enumerate(raw)
    )
    problems = check_starter(entries, _national_clauses())
    if problems:
        raise CaseFileError(f"{_SOURCE}: " + "; ".join(problems))
    return entries


def is_starter(uid: str) -> bool:
    """Whether ``uid`` is one of the shipped starter cases."""
    return any(e.uid == uid for e in starter_cases())
