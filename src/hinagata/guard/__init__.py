"""AI-specific attacks: prompt injection in prompts and in documents (防御)."""

from hinagata.guard._model import InjectionModel, ModelError, load_model
from hinagata.guard._output import OutputFinding, OutputRules, OutputScreen, OutputStream
from hinagata.guard._rules import CATEGORIES, RuleSet, load_rules
from hinagata.guard._scan import (
    DEFAULT_MODE,
    KINDS,
    MODES,
    InjectionDetector,
    InjectionResult,
    InjectionSpan,
    default_detector,
    detector_for,
    scan_injection,
)

__all__ = [
    "CATEGORIES",
    "DEFAULT_MODE",
    "KINDS",
    "MODES",
    "InjectionDetector",
    "InjectionModel",
    "InjectionResult",
    "InjectionSpan",
    "ModelError",
    "OutputFinding",
    "OutputRules",
    "OutputScreen",
    "OutputStream",
    "RuleSet",
    "default_detector",
    "detector_for",
    "load_model",
    "load_rules",
    "scan_injection",
]
