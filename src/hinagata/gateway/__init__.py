"""The enforcement gateway: an OpenAI-compatible proxy that applies the judgment (ゲートウェイ).

:class:`Gateway` is the API face over the :class:`hinagata.runtime.Runtime`; one request's
way through it is the pipeline in :mod:`hinagata.gateway._pipeline`; every refusal is an
:class:`ApiError`. The whole server (API and web pages) is composed by
:func:`hinagata.server.create_app`.
"""

import warnings
from collections.abc import Mapping
from typing import Any

from starlette.applications import Starlette

from hinagata.config import DEMO_CONFIG, GatewayConfig, load_config
from hinagata.gateway._app import Gateway
from hinagata.gateway._demo import DEMO_LABEL
from hinagata.gateway._errors import (
    ApiError,
    api_error_response,
    internal_error,
    method_not_allowed,
    not_found,
)
from hinagata.gateway._logging import install_log_filters
from hinagata.gateway._request_id import RequestIdMiddleware

__all__ = [
    "DEMO_CONFIG",
    "DEMO_LABEL",
    "ApiError",
    "Gateway",
    "GatewayConfig",
    "RequestIdMiddleware",
    "api_error_response",
    "create_app",
    "install_log_filters",
    "internal_error",
    "load_config",
    "method_not_allowed",
    "not_found",
]


def create_app(config: GatewayConfig, *, upstreams: Mapping[str, Any] | None = None) -> Starlette:
    """Deprecated: :func:`hinagata.server.create_app`, under the name it had when the
    gateway composed the server (it warns; removed in the next minor version). The server
    sits above this package: this is the one import up to it, made when called."""
    warnings.warn(
        "hinagata.gateway.create_app is deprecated: use hinagata.server.create_app",
        DeprecationWarning,
        stacklevel=2,
    )
    from hinagata.server import create_app as compose  # deprecated alias: see the docstring

    return compose(config, upstreams=upstreams)
