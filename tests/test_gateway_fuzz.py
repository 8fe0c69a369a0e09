"""The gateway under generated requests (schemathesis, from the published OpenAPI
document of what it forwards): valid and invalid bodies, a fixed seed. Never a 500,
never a dropped connection; invalid bodies get a 400 that names the problem.

CI runs 1,000 examples per endpoint (``HINAGATA_FUZZ_EXAMPLES``); ``bench/fuzz.py``
runs 20,000.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings

from _gateway import Running, running_gateway
from hinagata.gateway._schema import openapi

EXAMPLES = int(os.environ.get("HINAGATA_FUZZ_EXAMPLES", "1000" if os.environ.get("CI") else "150"))
schema = schemathesis.openapi.from_dict(openapi(["wg", "jp", "consumer"]))


@pytest.fixture(scope="module")
def gw(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    tmp: Path = tmp_path_factory.mktemp("fuzz")
    with running_gateway(tmp, f"sqlite:///{tmp / 'h.db'}") as running:
        yield running


@pytest.fixture(scope="module")
def session(gw: Running) -> Iterator[requests.Session]:
    s = requests.Session()
    s.headers["authorization"] = f"Bearer {gw.key()}"
    yield s
    s.close()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_generated_requests_never_break_the_gateway(
    case: schemathesis.Case, gw: Running, session: requests.Session
) -> None:
    # One kept-alive connection for all requests: a 500 or a dropped connection would
    # show here as an error on a later request.
    response = case.call(base_url=gw.base_url, session=session, timeout=30)
    assert response.status_code < 500, response.text[:500]
    if response.status_code == 400:
        error = response.json()["error"]
        assert error["message"] and error["code"], response.text[:500]
