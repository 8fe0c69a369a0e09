"""One decision, one outcome: every request the gateway judged leaves exactly one outcome
record, with the status the pipeline ended with, whichever step stopped it (ADR 0018)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest

from _gateway import Recorder, Running, running_gateway
from hinagata.gateway._upstream import UpstreamError, UpstreamResponse

PROMPT = (
    "転入届：高橋 健一、電話 090-1234-5678、住所 横浜市港北区新横浜三丁目12番5号。要点をまとめて。"
)


class _Status:
    """An upstream that answers with an HTTP error of its own."""

    def __init__(self, status: int) -> None:
        self.status = status

    async def call(
        self, endpoint: str, body: Mapping[str, Any], *, stream: bool
    ) -> UpstreamResponse:
        return UpstreamResponse(self.status, {"error": {"message": "busy", "type": "x"}})


@pytest.fixture
def gw(tmp_path: Path) -> Iterator[Running]:
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}") as running:
        yield running


def _post(gw: Running, model: str, content: str, **extra: Any) -> httpx.Response:
    body = {"model": model, "messages": [{"role": "user", "content": content}], **extra}
    return httpx.post(
        gw.base_url + "/v1/chat/completions",
        json=body,
        headers={"authorization": f"Bearer {gw.key()}"},
        timeout=30,
    )


def test_every_ending_after_the_decision_is_one_outcome(gw: Running) -> None:
    ends: list[tuple[httpx.Response, int]] = []
    ends.append((_post(gw, "wg", "挨拶文を作って"), 200))
    ends.append((_post(gw, "wg", PROMPT), 200))  # masked and restored
    ends.append((_post(gw, "wg", PROMPT, stream=True), 200))
    ends.append((_post(gw, "consumer", PROMPT), 403))  # refused: nothing sent
    gw.gateway.upstreams["wg"] = Recorder(fail=UpstreamError(504, "upstream_timeout", "遅延"))
    ends.append((_post(gw, "wg", "挨拶文"), 504))
    gw.gateway.upstreams["wg"] = _Status(503)
    ends.append((_post(gw, "wg", "挨拶文"), 503))  # the caller gets 502, the record keeps 503
    for resp, status in ends:
        rid = resp.headers["x-hinagata-request-id"]
        outcomes = gw.outcomes(rid)
        assert [o["status"] for o in outcomes] == [status], (rid, resp.status_code)
    assert [r.status_code for r, _ in ends] == [200, 200, 200, 403, 504, 502]
    decisions = [r for r in gw.gateway.audit.records() if r["kind"] == "decision"]
    assert len(decisions) == len(ends)


def test_a_refusal_before_the_decision_leaves_no_record(gw: Running) -> None:
    before = len(list(gw.gateway.audit.records()))
    r = _post(gw, "no-such-model", "挨拶文")
    assert r.status_code == 404 and r.json()["error"]["code"] == "model_not_found"
    assert "x-hinagata-request-id" not in r.headers
    assert len(list(gw.gateway.audit.records())) == before
