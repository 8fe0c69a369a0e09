"""The version of each chapter of the effective policy as one department uses it.

A chapter's version is a hash of what binds the department: its clauses' titles and
texts, the local text appended to them, their rules and the extension uses that lift
them, from every layer above the department level and from the department's own layer
only (another department's layer is not part of what this department uses). The class
rules and markings, and the service catalog, have a version of their own. A passed
course records these; with ``renew_on_change`` a change in any of them asks the member
of staff to take the course again. The lesson notes (``training.notes``) explain and are
not part of a version.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from hinagata.policy import EffectiveClause, Policy

__all__ = ["CATALOG_KEY", "CLASSIFICATION_KEY", "applies_to", "chapter_versions", "course_version"]

#: The pseudo-chapters: the class rules and markings, and the service catalog.
CLASSIFICATION_KEY = "classification"
CATALOG_KEY = "services"


def _departments(policy: Policy) -> dict[str, str | None]:
    return {layer.id: layer.department for layer in policy.layers}


def applies_to(policy: Policy, layer_id: str, department: str) -> bool:
    """Whether what ``layer_id`` wrote binds ``department`` (every layer above the
    department level does; a department layer binds its own department only)."""
    owner = _departments(policy).get(layer_id)
    return owner is None or owner == department


def _clause(policy: Policy, c: EffectiveClause, department: str) -> dict[str, Any]:
    rules = []
    for rid, er in policy.rules.items():
        if er.clause_id != c.clause.id:
            continue
        if er.department is not None and er.department != department:
            continue
        r = er.rule
        lifted = [
            {"id": u.id, "point": u.point, "services": list(u.services)}
            for u in er.lifted_by
            if not u.departments or department in u.departments
        ]
        rules.append(
            {
                "id": rid,
                "effect": r.effect,
                "actions": list(r.actions),
                "when": r.when,
                "unless": getattr(r, "unless", ""),
                "message": r.message,
                "remedy": r.remedy,
                "lifted_by": lifted,
            }
        )
    return {
        "id": c.clause.id,
        "title": c.clause.title,
        "text": c.clause.text,
        "appended": [t for lay, t in c.appended if applies_to(policy, lay, department)],
        "rules": rules,
    }


def _digest(data: Any) -> str:
    blob = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def chapter_versions(policy: Policy, department: str) -> dict[str, str]:
    """Chapter id → the version of that chapter as ``department`` uses it (plus the
    class rules and the catalog under :data:`CLASSIFICATION_KEY` and :data:`CATALOG_KEY`)."""
    out: dict[str, str] = {}
    for chapter, clauses, lid in policy.chapters:
        if not applies_to(policy, lid, department):
            continue
        used = [c for c in clauses if applies_to(policy, c.layer, department)]
        out[chapter.id] = _digest(
            {"title": chapter.title, "clauses": [_clause(policy, c, department) for c in used]}
        )
    out[CLASSIFICATION_KEY] = _digest(
        {
            "scheme": policy.scheme.key,
            "rules": [r.model_dump(mode="json") for r in policy.class_rules],
            "markings": repr(policy.markings),
        }
    )
    out[CATALOG_KEY] = _digest(policy.catalog.model_dump(mode="json"))
    return out


def course_version(versions: dict[str, str]) -> str:
    """One version for the whole course of a department."""
    return _digest(sorted(versions.items()))
