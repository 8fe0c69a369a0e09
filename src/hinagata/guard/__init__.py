"""AI-specific attacks: prompt injection in prompts and in documents (防御)."""

from hinagata.guard._output import OutputFinding, OutputRules, OutputScreen, OutputStream
from hinagata.guard._rules import CATEGORIES, RuleSet, load_rules
from hinagata.guard._scan import (
    InjectionDetector,
    InjectionResult,
    InjectionSpan,
    default_detector,
    scan_injection,
)

__all__ = [
    "CATEGORIES",
    "InjectionDetector",
    "InjectionResult",
    "InjectionSpan",
    "OutputFinding",
    "OutputRules",
    "OutputScreen",
    "OutputStream",
    "RuleSet",
    "default_detector",
    "load_rules",
    "scan_injection",
]
