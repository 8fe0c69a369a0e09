"""The ASGI factory uvicorn imports in each worker: the config path comes from the environment."""

from __future__ import annotations

import os
from pathlib import Path

from starlette.applications import Starlette

from hinagata.gateway._app import create_app
from hinagata.gateway._config import load_config
from hinagata.gateway._logging import install_log_filters


def app() -> Starlette:
    install_log_filters()
    path = os.environ.get("HINAGATA_CONFIG")
    base = os.environ.get("HINAGATA_BASE_DIR")
    if not path and base:
        os.chdir(Path(base))
    application = create_app(load_config(path or None))
    # The worker for large requests loads its dictionary now, not on the first one.
    application.state.gateway.large.start()
    return application
