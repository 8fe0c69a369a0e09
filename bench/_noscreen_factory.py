"""The gateway with prompt-injection and exit screening switched off: the baseline of
bench/gateway_screening.py (same code otherwise). Never used outside the benchmark."""

from __future__ import annotations

from typing import Any

import hinagata.gateway._app as gateway_app
from hinagata.gateway._factory import app as real_app
from hinagata.gateway._screen import Screening


def _no_screen(endpoint: str, body: Any, slots: Any, policy: Any, detector: Any) -> Screening:
    return Screening(list(slots))


gateway_app.screen = _no_screen  # type: ignore[assignment]
gateway_app.Gateway._output_screen = lambda self, *a, **k: None  # type: ignore[method-assign]


def app() -> Any:
    return real_app()
