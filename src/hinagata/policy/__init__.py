"""Policy as code: the national template (ひな型), its layers and the effective policy."""

from hinagata.policy._model import (
    ACTIONS,
    LEVELS,
    Disclosure,
    InjectionScreening,
    Layer,
    Rule,
    TrainingPolicy,
    UntrustedContent,
)
from hinagata.policy._stack import (
    CEDAR_SCHEMA,
    EffectiveClause,
    EffectiveRule,
    LayerInfo,
    Policy,
    load_policy,
)

__all__ = [
    "ACTIONS",
    "CEDAR_SCHEMA",
    "LEVELS",
    "Disclosure",
    "EffectiveClause",
    "EffectiveRule",
    "InjectionScreening",
    "Layer",
    "LayerInfo",
    "Policy",
    "Rule",
    "TrainingPolicy",
    "UntrustedContent",
    "load_policy",
]
