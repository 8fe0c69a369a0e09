"""Headless Chromium from Debian (never downloaded by Playwright) for the UI tests."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

REQUIRE_CHROMIUM = os.environ.get("HINAGATA_REQUIRE_CHROMIUM") == "1"


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    if REQUIRE_CHROMIUM:
        pytest.fail(
            "Debian's chromium is not installed but HINAGATA_REQUIRE_CHROMIUM=1 (see .ci/run)"
        )
    pytest.skip("chromium not installed (apt-get install chromium; .ci/run does)")
    raise AssertionError  # unreachable


@contextmanager
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu"])
        try:
            yield b
        finally:
            b.close()
