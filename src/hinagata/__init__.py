"""Hinagata (ひな型): safe adoption of generative AI for Japanese municipalities.

The public API is re-exported here: ``scan`` finds personal information in Japanese text,
``check`` judges whether a text may be entered into an AI service, ``judge`` judges the
texts of a request (one or many parts) with a decision per part, ``load_policy`` loads a
municipality's layers over the national template, ``scan_injection`` looks for prompt
injection in a prompt or a document.
"""

from hinagata._check import Policies, check, load_policies
from hinagata.decide import Decision, Grant, Reason, User
from hinagata.detect import Detector, Finding, scan
from hinagata.guard import InjectionResult, scan_injection
from hinagata.judge import Judgment, Part, judge
from hinagata.policy import Policy, load_policy
from hinagata.services import Service, load_catalog

__all__ = [
    "Decision",
    "Detector",
    "Finding",
    "Grant",
    "InjectionResult",
    "Judgment",
    "Part",
    "Policies",
    "Policy",
    "Reason",
    "Service",
    "User",
    "__version__",
    "check",
    "judge",
    "load_catalog",
    "load_policies",
    "load_policy",
    "scan",
    "scan_injection",
]
__version__ = "0.1.0"
