"""The ASGI factory uvicorn imports in each worker: the config path comes from the environment."""

from __future__ import annotations

import os
from pathlib import Path

from starlette.applications import Starlette

from hinagata.gateway._app import create_app
from hinagata.gateway._config import load_config


def app() -> Starlette:
    path = os.environ.get("HINAGATA_CONFIG")
    base = os.environ.get("HINAGATA_BASE_DIR")
    if not path and base:
        os.chdir(Path(base))
    return create_app(load_config(path or None))
