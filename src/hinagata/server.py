"""The ASGI application ``hinagata serve`` runs: the API and the web pages on one port.

Composition only: a :class:`~hinagata.runtime.Runtime` (config, database, stores,
policies), the gateway's API routes and the web pages built side by side on it, and the
error handlers — :class:`~hinagata.gateway.ApiError` raised anywhere becomes its JSON
error; a page that does not exist is the web's error page outside ``/v1/``. Imports point
down: this module → gateway, web → runtime.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from hinagata.config import ServerConfig, load_config
from hinagata.gateway import (
    ApiError,
    Gateway,
    RequestIdMiddleware,
    api_error_response,
    install_log_filters,
    internal_error,
    method_not_allowed,
    not_found,
)
from hinagata.runtime import Runtime
from hinagata.web import WebApp, web_routes

__all__ = ["app", "create_app"]

log = logging.getLogger("hinagata.gateway")


def create_app(config: ServerConfig, *, upstreams: Mapping[str, Any] | None = None) -> Starlette:
    """The ASGI application for ``config`` (``upstreams`` replaces upstream clients in tests).

    ``app.state`` holds ``runtime``, ``gateway`` and ``web`` (None when the web pages are
    switched off).
    """
    runtime = Runtime(config)
    gateway = Gateway(runtime, upstreams=upstreams)
    web = WebApp(runtime, chat=gateway.chat_as) if config.web.enabled else None
    pages: list[BaseRoute] = web_routes(web) if web is not None else []

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pruner = asyncio.create_task(gateway.prune_forever())
        yield
        pruner.cancel()
        await gateway.close()
        runtime.close()

    async def page_not_found(request: Request, exc: Exception) -> Response:
        if web is not None and not request.url.path.startswith("/v1/"):
            return web.render(
                request,
                "error.html.j2",
                {"title": "ページが見つかりません", "message": "URLを確かめてください。"},
                status=404,
            )
        return not_found().response()

    async def wrong_method(request: Request, exc: Exception) -> Response:
        return method_not_allowed().response()

    async def server_error(request: Request, exc: Exception) -> Response:
        log.error("unhandled error: %s", type(exc).__name__)
        return internal_error().response()

    application = Starlette(
        routes=[*pages, *gateway.api_routes()],
        middleware=[Middleware(RequestIdMiddleware)],
        lifespan=lifespan,
        exception_handlers={
            ApiError: api_error_response,
            404: page_not_found,
            405: wrong_method,
            500: server_error,
        },
    )
    application.state.runtime = runtime
    application.state.gateway = gateway
    application.state.web = web
    return application


def app() -> Starlette:
    """The factory uvicorn calls in each worker: the config path comes from the environment
    (``HINAGATA_CONFIG``; else the embedded defaults in ``HINAGATA_BASE_DIR``)."""
    install_log_filters()
    path = os.environ.get("HINAGATA_CONFIG")
    base = os.environ.get("HINAGATA_BASE_DIR")
    if not path and base:
        os.chdir(Path(base))
    application = create_app(load_config(path or None))
    # The worker for large requests loads its dictionary now, not on the first one.
    application.state.gateway.large.start()
    return application
