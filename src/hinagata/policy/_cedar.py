"""The effective rules as one Cedar policy set: the schema, each rule's policy, compiling.

A forbid always wins over a permit, so a lower layer that adds a forbid can only tighten.
"""

from __future__ import annotations

import json
from typing import Any

import cedarpy

from hinagata.policy._effective import EffectiveRule
from hinagata.policy._layers import _err, _Loaded

CEDAR_SCHEMA = """
entity User = {
  "trained": Bool,
  "department": String,
  "municipality": String,
  "roles": Set<String>,
};
entity Service = {
  "service_type": String,
  "domestic_provider": Bool,
  "japan_only": Bool,
  "no_training": Bool,
  "contract": String,
  "ismap": String,
  "lgwan": String,
};
type Facts = {
  "class_rank": Long,
  "masked_class_rank": Long,
  "identifiable": Bool,
  "masked_identifiable": Bool,
  "special_care": Bool,
  "my_number": Bool,
  "personal": Bool,
  "granted": Bool,
  "marking": String,
  "unreadable": Bool,
  "injection": Bool,
  "untrusted_injection": Bool,
  "content_identifiable"?: Bool,
  "masked_content_identifiable"?: Bool,
};
action send_raw, send_masked, request_review appliesTo {
  principal: User, resource: Service, context: Facts
};
"""


def _cedar_policy(rule_id: str, er: EffectiveRule) -> str:
    rule = er.rule
    actions = ", ".join(f'Action::"{a}"' for a in rule.actions)
    when = [f"({rule.when})"] if rule.when else []
    if er.department:
        when.append(f"principal.department == {_cedar_str(er.department)}")
    unless = [f"({rule.unless})"] if rule.unless else []
    for use in er.lifted_by:
        scope = []
        if use.departments:
            scope.append(
                f"[{', '.join(map(_cedar_str, use.departments))}].contains(principal.department)"
            )
        if use.services:
            scope.append(
                f"[{', '.join(f'Service::{_cedar_str(s)}' for s in use.services)}].contains(resource)"
            )
        unless.append("(" + " && ".join(scope) + ")")
    text = f"@id({_cedar_str(rule_id)})\n{rule.effect} (principal, action in [{actions}], resource)"
    if when:
        text += "\nwhen { " + " && ".join(when) + " }"
    if unless:
        text += "\nunless { " + " || ".join(unless) + " }"
    return text + ";"


def _cedar_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _compile(text: str, rules: dict[str, EffectiveRule], by_id: dict[str, _Loaded]) -> Any:
    """Parse and type-check the rules against the schema; errors name the rule's file and line."""
    for rid, er in rules.items():
        policy = _cedar_policy(rid, er)
        owner = by_id[er.layer]
        loc = _rule_loc(owner, er.clause_id, rid)
        try:
            result = cedarpy.validate_policies(policy, CEDAR_SCHEMA)
        except ValueError as exc:
            raise _err(
                owner, loc, f"条件を解釈できません / cannot parse the condition: {exc}"
            ) from exc
        if not result.validation_passed:
            detail = "; ".join(sorted({str(e).split("] ", 1)[-1] for e in result.errors}))
            raise _err(owner, loc, f"条件が正しくありません / invalid condition: {detail}")
    return cedarpy.PolicySet.from_str(text)


def _rule_loc(src: _Loaded, clause_id: str, rule_id: str) -> tuple[str | int, ...]:
    for ci, ch in enumerate(src.layer.chapters):
        for cj, cl in enumerate(ch.clauses):
            if cl.id != clause_id:
                continue
            for rk, r in enumerate(cl.rules):
                if r.id == rule_id:
                    return ("chapters", ci, "clauses", cj, "rules", rk, "when")
    return ()
