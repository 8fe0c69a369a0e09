"""The course (研修の教材): a short lesson per chapter of the effective policy, as one
department uses it.

Each lesson is rendered from the policy: every clause's text and the local text lower
layers appended to it, why the clause is there (``training.notes``), what the judgment
does under it (its rules' messages and remedies), the extension uses that apply to the
department, and worked examples — case texts judged by the engine for the municipality's
services, the same judgments the quiz asks about. The quick reference and the service
table are the guideline's (:func:`hinagata.render.build_document`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from hinagata.policy import Policy, TrainingPolicy
from hinagata.render import GuidelineDoc, build_document
from hinagata.render._model import paragraphs
from hinagata.training._quiz import Question, question_pool
from hinagata.training._state import current_versions
from hinagata.training._version import applies_to, course_version

__all__ = ["Course", "Lesson", "LessonClause", "build_course"]

_SLOT = re.compile(r"\{[a-z_]+\}")
#: Worked examples per lesson.
EXAMPLES = 2
_TEACHES = ("allow_masked", "review", "deny", "allow")


@dataclass(frozen=True)
class LessonClause:
    id: str
    title: str
    paragraphs: tuple[str, ...]
    #: Local text lower layers appended: (layer name, paragraphs).
    appended: tuple[tuple[str, tuple[str, ...]], ...]
    layer: str
    local: bool
    #: Why the clause is there (``training.notes``; "" where the policy says nothing).
    why: str
    #: What the judgment does under the clause: (message, remedy) of each rule.
    rules: tuple[tuple[str, str], ...]
    #: The extension uses that loosen the clause for this department.
    extensions: tuple[str, ...]


@dataclass(frozen=True)
class Lesson:
    chapter: str
    heading: str
    clauses: tuple[LessonClause, ...]
    examples: tuple[Question, ...]
    local: bool

    @property
    def anchor(self) -> str:
        return "ch-" + re.sub(r"[^A-Za-z0-9_-]", "_", self.chapter)


@dataclass(frozen=True)
class Course:
    title: str
    municipality: str
    department: str
    policy_version: str
    course_version: str
    training: TrainingPolicy | None
    lessons: tuple[Lesson, ...]
    guideline: GuidelineDoc
    date: str


def _heading(cid: str, title: str) -> str:
    return f"第{cid}章 {title}" if cid.isdigit() else f"{cid} {title}"


def _examples(pool: tuple[Question, ...], clause_ids: set[str]) -> tuple[Question, ...]:
    """Up to :data:`EXAMPLES` case questions whose judgment cites one of ``clause_ids``,
    with different verdicts and texts: those the chapter decided first."""
    cited = [q for q in pool if q.kind == "case" and any(r.clause in clause_ids for r in q.reasons)]
    # The chapter decided it first (its clause is the first reason); the verdicts that
    # teach most first (masked, review, deny, allow); then a stable order.
    cited.sort(
        key=lambda q: (q.reasons[0].clause not in clause_ids, _TEACHES.index(q.answer), q.id)
    )
    out: list[Question] = []
    seen: set[str] = set()
    texts: set[str] = set()
    for q in cited:
        if q.answer in seen or q.text in texts:
            continue
        out.append(q)
        seen.add(q.answer)
        texts.add(q.text)
        if len(out) == EXAMPLES:
            break
    return tuple(out)


def build_course(policy: Policy, department: str = "", *, date: dt.date | None = None) -> Course:
    """The course of ``policy`` for ``department`` ("" : what every department uses)."""
    national = policy.layers[0].id
    names = {layer.id: layer.name for layer in policy.layers}
    notes = policy.training.notes if policy.training is not None else {}
    pool = question_pool(policy, department).questions
    lessons: list[Lesson] = []
    for chapter, clauses, lid in policy.chapters:
        if not applies_to(policy, lid, department):
            continue
        items: list[LessonClause] = []
        for c in clauses:
            if not applies_to(policy, c.layer, department):
                continue
            rules = []
            extensions = []
            for er in policy.rules.values():
                if er.clause_id != c.clause.id:
                    continue
                if er.department is not None and er.department != department:
                    continue
                rules.append((_SLOT.sub("…", er.rule.message), _SLOT.sub("…", er.rule.remedy)))
                for u in er.lifted_by:
                    if u.departments and department not in u.departments:
                        continue
                    scope = "、".join(u.services) if u.services else "すべてのサービス"
                    who = "、".join(u.departments) if u.departments else "すべての所属"
                    extensions.append(
                        f"{who}では、{scope}について、この規定の制限が緩められています"
                        f"（{u.id}{'：' + u.note if u.note else ''}）。"
                    )
            items.append(
                LessonClause(
                    id=c.clause.id,
                    title=c.clause.title,
                    paragraphs=tuple(paragraphs(c.clause.text)),
                    appended=tuple(
                        (names.get(lay, lay), tuple(paragraphs(t)))
                        for lay, t in c.appended
                        if applies_to(policy, lay, department)
                    ),
                    layer=names.get(c.layer, c.layer),
                    local=c.layer != national,
                    why=notes.get(c.clause.id, ""),
                    rules=tuple(rules),
                    extensions=tuple(extensions),
                )
            )
        if not items:
            continue
        lessons.append(
            Lesson(
                chapter=chapter.id,
                heading=_heading(chapter.id, chapter.title),
                clauses=tuple(items),
                examples=_examples(pool, {c.id for c in items}),
                local=lid != national,
            )
        )
    versions = current_versions(policy, department)
    return Course(
        title="生成AI利用前研修",
        municipality=policy.municipality or "本団体",
        department=department,
        policy_version=policy.version,
        course_version=course_version(versions),
        training=policy.training,
        lessons=tuple(lessons),
        guideline=build_document(policy, date=date),
        date=(date or dt.date.today()).isoformat(),
    )
