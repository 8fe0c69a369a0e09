"""Policy as code: the national template (ひな型), its layers and the effective policy."""

from hinagata.policy._model import ACTIONS, LEVELS, Layer, Rule
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
    "EffectiveClause",
    "EffectiveRule",
    "Layer",
    "LayerInfo",
    "Policy",
    "Rule",
    "load_policy",
]
