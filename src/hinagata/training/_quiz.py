"""The quiz (確認テスト), generated from the effective policy and answered by the engine.

Case questions: each invented case text (``data/cases.yaml``) × each service of the
municipality's catalog — 「次の文章を〔サービス名〕に入力できますか。」 — judged by the engine
(:func:`hinagata.judge.judge`) for a trained member of the department, without grants:
the correct answer is the verdict, the explanation the judgment's clauses, messages and
remedies. A municipality's tightening, a department's own rules and an extension used for
the department change the answers, because the judgment does.

A case is left out as *uncertain* where the engine is unsure of it: the judgment failed,
the class it gives is not the one the case was written to have, or a personal finding
the class rests on has a score under :data:`SURE_SCORE` (quasi-identifiers count only
through the content rule, which decides by itself).

Role questions (who approves, who reviews, where to report an incident): asked only
where their clause is in the effective policy, explained by that clause's text with the
local text appended to it.

An attempt draws :attr:`TrainingPolicy.questions` questions with its own seed
(:func:`draw`): the same seed and policy give the same questions in the same order; the
questions whose explanation cites a clause of a lower layer (the municipality's own) are
drawn first, up to half of the case questions; the rest are spread over the verdicts.
"""

from __future__ import annotations

import hashlib
import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from hinagata._yaml import load_yaml, validate
from hinagata.decide import Decision, User
from hinagata.judge import judge
from hinagata.policy import Policy
from hinagata.render._model import paragraphs
from hinagata.training._version import applies_to
from hinagata.verdicts import LABELS, VERDICTS

__all__ = [
    "SURE_SCORE",
    "Choice",
    "Question",
    "draw",
    "question_pool",
    "score",
]

#: A personal finding under this score makes a case uncertain (the detector's own score).
SURE_SCORE = 0.75

#: The verdict choices of a case question, in the ladder's order.
VERDICT_CHOICES: tuple[tuple[str, str], ...] = tuple((v, LABELS[v].guideline) for v in VERDICTS)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Case(_Strict):
    id: str
    text: str
    #: The class the case was written to have (a judgment that disagrees is uncertain).
    class_: str = Field(alias="class")


class _Role(_Strict):
    id: str
    clause: str
    prompt: str
    answer: str
    choices: tuple[str, ...]


class _Data(_Strict):
    cases: tuple[_Case, ...]
    roles: tuple[_Role, ...]
    role_choices: dict[str, str]


def _data() -> _Data:
    text = resources.files("hinagata.training").joinpath("data/cases.yaml").read_text("utf-8")
    return validate(_Data, load_yaml("training/data/cases.yaml (bundled)", text=text))


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Explained:
    """One reason of the correct answer: the clause, what it says of this text, the remedy."""

    clause: str
    title: str
    message: str
    remedy: str
    layer: str = ""


@dataclass(frozen=True)
class Question:
    """One question, its correct answer and why."""

    id: str
    kind: Literal["case", "role"]
    prompt: str
    choices: tuple[Choice, ...]
    answer: str
    #: The chapter the explanation is from (the first reason's clause's chapter).
    chapter: str
    #: Case questions: the case text and the service's id and name.
    text: str = ""
    service: str = ""
    service_name: str = ""
    #: Case questions: the reasons of the judgment; role questions: the clause.
    reasons: tuple[Explained, ...] = ()
    #: Role questions: the clause's text (paragraphs, local text appended).
    clause_text: tuple[str, ...] = ()
    #: The explanation cites a clause of a layer below the national template.
    local: bool = False

    @property
    def answer_label(self) -> str:
        return next(c.label for c in self.choices if c.value == self.answer)


@dataclass(frozen=True)
class Pool:
    """Every question the policy gives a department, and the cases left out as uncertain."""

    questions: tuple[Question, ...]
    uncertain: tuple[str, ...] = ()
    by_id: dict[str, Question] = field(default_factory=dict, compare=False)


def _chapter_of(policy: Policy) -> dict[str, str]:
    return {c.clause.id: ch.id for ch, clauses, _ in policy.chapters for c in clauses}


def _uncertain(decision: Decision, intended: str, failed: bool) -> bool:
    if failed or decision.information_class != intended:
        return True
    return any(
        f.personal and f.type != "QUASI_IDENTIFIER" and f.score < SURE_SCORE
        for f in decision.findings
    )


def _case_questions(
    policy: Policy, department: str, data: _Data, chapters: Mapping[str, str]
) -> tuple[list[Question], list[str]]:
    services = list(policy.catalog.services)
    if not services:
        return [], []
    national = policy.layers[0].id
    layer_names = {layer.id: layer.name for layer in policy.layers}
    user = User(
        id="training",
        department=department,
        municipality=policy.municipality or "",
        roles=("staff",),
        trained=True,
    )
    out: list[Question] = []
    uncertain: list[str] = []
    for case in data.cases:
        j = judge(case.text, services[0], policy, user=user, also=services[1:], per_part=False)
        if _uncertain(j.decision, case.class_, j.failed):
            uncertain.append(case.id)
            continue
        for svc, d in zip(services, (j.decision, *j.others), strict=True):
            reasons = tuple(
                Explained(r.clause, r.title, r.message, r.remedy, layer_names.get(r.layer, r.layer))
                for r in d.reasons
            )
            first = d.reasons[0].clause if d.reasons else ""
            out.append(
                Question(
                    id=f"case:{case.id}:{svc.id}",
                    kind="case",
                    prompt=f"次の文章を「{svc.name}」に入力できますか。",
                    choices=tuple(Choice(v, label) for v, label in VERDICT_CHOICES),
                    answer=d.verdict,
                    chapter=chapters.get(first, ""),
                    text=case.text,
                    service=svc.id,
                    service_name=svc.name,
                    reasons=reasons,
                    local=any(r.layer and r.layer != national for r in d.reasons),
                )
            )
    return out, uncertain


def _role_questions(
    policy: Policy, department: str, data: _Data, chapters: Mapping[str, str]
) -> list[Question]:
    index = {c.clause.id: c for _, clauses, _ in policy.chapters for c in clauses}
    national = policy.layers[0].id
    layer_names = {layer.id: layer.name for layer in policy.layers}
    out: list[Question] = []
    for role in data.roles:
        clause = index.get(role.clause)
        if clause is None:
            continue
        appended = [(lay, t) for lay, t in clause.appended if applies_to(policy, lay, department)]
        text = [*paragraphs(clause.clause.text)]
        for lay, t in appended:
            text.extend(f"（{layer_names.get(lay, lay)}）{p}" for p in paragraphs(t))
        out.append(
            Question(
                id=f"role:{role.id}",
                kind="role",
                prompt=role.prompt,
                choices=tuple(Choice(c, data.role_choices[c]) for c in role.choices),
                answer=role.answer,
                chapter=chapters.get(role.clause, ""),
                reasons=(
                    Explained(
                        clause.clause.id,
                        clause.clause.title,
                        "",
                        "",
                        layer_names.get(clause.layer, clause.layer),
                    ),
                ),
                clause_text=tuple(text),
                local=clause.layer != national or bool(appended),
            )
        )
    return out


_CACHE: dict[tuple[str, str], Pool] = {}
_LOCK = threading.Lock()


def question_pool(policy: Policy, department: str) -> Pool:
    """Every question of ``policy`` for ``department`` (computed once per policy content
    and department: the judgment of each case for every service)."""
    key = (policy.content_hash, department)
    with _LOCK:
        found = _CACHE.get(key)
    if found is not None:
        return found
    data = _data()
    chapters = _chapter_of(policy)
    cases, uncertain = _case_questions(policy, department, data, chapters)
    roles = _role_questions(policy, department, data, chapters)
    questions = tuple(sorted([*cases, *roles], key=lambda q: q.id))
    pool = Pool(questions, tuple(uncertain), {q.id: q for q in questions})
    with _LOCK:
        if len(_CACHE) > 64:
            _CACHE.clear()
        _CACHE[key] = pool
    return pool


def _rng(seed: int, pool: Pool) -> random.Random:
    # The pool's ids are part of the seed, so that one seed does not give the same
    # positions in two different pools.
    ids = "\n".join(q.id for q in pool.questions).encode()
    return random.Random(int.from_bytes(hashlib.sha256(ids + seed.to_bytes(8, "big")).digest()[:8]))


def draw(pool: Pool, n: int, seed: int) -> list[Question]:
    """``n`` questions of ``pool`` for the attempt with ``seed`` (fewer where the pool is
    smaller): about one in five on roles, the municipality's own first, verdicts spread."""
    rng = _rng(seed, pool)
    roles = [q for q in pool.questions if q.kind == "role"]
    cases = [q for q in pool.questions if q.kind == "case"]
    n_roles = min(len(roles), max(1, n // 5)) if roles else 0
    n_cases = min(len(cases), n - n_roles)
    chosen: list[Question] = rng.sample(roles, n_roles)
    local = [q for q in cases if q.local]
    picked = rng.sample(local, min(len(local), n_cases // 2))
    rest = [q for q in cases if q not in picked]
    by_verdict: dict[str, list[Question]] = {}
    for q in rest:
        by_verdict.setdefault(q.answer, []).append(q)
    order = [v for v in VERDICTS if v in by_verdict]
    rng.shuffle(order)
    used_texts = {q.text for q in picked}
    while len(picked) < n_cases and any(by_verdict.values()):
        for v in order:
            group = by_verdict[v]
            if not group or len(picked) >= n_cases:
                continue
            # Prefer a case text not yet asked, so one attempt covers more cases.
            fresh = [q for q in group if q.text not in used_texts] or group
            q = rng.choice(fresh)
            group.remove(q)
            picked.append(q)
            used_texts.add(q.text)
    chosen.extend(picked)
    rng.shuffle(chosen)
    return chosen


@dataclass(frozen=True)
class Scored:
    correct: int
    total: int
    passed: bool
    #: Per question: whether the answer given was right.
    right: tuple[bool, ...]


def score(questions: list[Question], answers: Mapping[str, str], pass_mark: int) -> Scored:
    """The answers (question id → choice value) against the engine's; ``pass_mark`` is
    the per cent of right answers needed. A missing or unknown answer is wrong."""
    right = tuple(answers.get(q.id) == q.answer for q in questions)
    correct = sum(right)
    total = len(questions)
    return Scored(correct, total, total > 0 and correct * 100 >= pass_mark * total, right)
