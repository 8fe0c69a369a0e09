"""The gateway with prompt-injection and exit screening switched off: the baseline of
bench/gateway_screening.py (same code otherwise). Never used outside the benchmark."""

from __future__ import annotations

from typing import Any

import hinagata.gateway._pipeline as pipeline
from hinagata.gateway._screen import Plan
from hinagata.server import app as real_app


def _no_screen(endpoint: str, slots: Any, policy: Any, *args: Any) -> Plan:
    return Plan(kinds=(None,) * len(slots), notice=None, action="quarantine")


pipeline.plan = _no_screen  # type: ignore[assignment]
pipeline.Pipeline._output_screen = lambda self, *a, **k: None  # type: ignore[method-assign]


def app() -> Any:
    return real_app()
