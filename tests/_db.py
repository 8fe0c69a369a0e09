"""Database backends for tests: SQLite always, PostgreSQL when CI provides one."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

PG_URL = os.environ.get("HINAGATA_TEST_PG_URL", "")
REQUIRE_PG = os.environ.get("HINAGATA_REQUIRE_PG") == "1"

BACKENDS = ["sqlite", "postgresql"]


def database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of ``backend`` for one test."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'hinagata.db'}"
        return
    if not PG_URL:
        if REQUIRE_PG:
            pytest.fail("HINAGATA_TEST_PG_URL is not set but HINAGATA_REQUIRE_PG=1 (see .ci/run)")
        pytest.skip("PostgreSQL not configured (set HINAGATA_TEST_PG_URL; .ci/run does)")
    schema = "t_" + uuid.uuid4().hex[:10]
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
