"""Full prompts and answers: kept only where the policy asks, apart from the audit chain,
deleted after the policy's retention, and required — if they cannot be kept, nothing is sent."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import openai
import pytest

from _gateway import Running, running_gateway

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "policies"
PLATFORM = f"""\
municipalities:
  - {{name: 例示市, policy: {EXAMPLES / "example-city"}}}
  - {{name: 例示町, policy: {EXAMPLES / "example-town"}}}
"""
PROMPT = "相談者 高橋 健一（090-1234-5678）への連絡文を作って"


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[Running]:
    extra = PLATFORM + f"transcripts: {{database_url: 'sqlite:///{tmp_path / 'kept.db'}'}}\n"
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}", extra=extra) as running:
        yield running


def _client(gw: Running, municipality: str) -> openai.OpenAI:
    key = gw.key(municipality=municipality, department="福祉課")
    return openai.OpenAI(base_url=gw.base_url + "/v1", api_key=key, max_retries=0)


def _wait_for_answers(gw: Running, n: int) -> list:
    import time

    deadline = time.time() + 5
    while True:
        kept = list(gw.gateway.transcripts.list())
        if (len(kept) >= n and all(k.answer for k in kept)) or time.time() > deadline:
            return kept
        time.sleep(0.05)


def test_kept_where_the_policy_asks_with_the_restored_answer(platform: Running) -> None:
    city, town = _client(platform, "例示市"), _client(platform, "例示町")
    msg = [{"role": "user", "content": PROMPT}]
    r = city.chat.completions.create(model="wg", messages=msg)
    stream = city.chat.completions.create(model="wg", messages=msg, stream=True)
    streamed = "".join(ch.choices[0].delta.content or "" for ch in stream if ch.choices)
    town.chat.completions.create(model="wg", messages=msg)  # the town keeps nothing
    kept = _wait_for_answers(platform, 2)
    assert len(kept) == 2
    assert {k.municipality for k in kept} == {"例示市"}
    assert all(k.prompt == PROMPT and k.department == "福祉課" and k.model == "wg" for k in kept)
    # What the user saw, restored (not the placeholders the AI saw).
    assert kept[0].answer == r.choices[0].message.content
    assert kept[1].answer == streamed and "高橋 健一" in streamed
    # In their own database: never in the main one, never in the audit chain.
    gw = platform.gateway
    assert gw.transcripts.db is not gw.db
    from sqlalchemy import text

    with gw.db.session() as s:
        assert s.execute(text("SELECT count(*) FROM transcripts")).scalar_one() == 0
    assert "高橋" not in "".join(gw.audit.export("jsonl"))


def test_retention_follows_each_municipalitys_policy(platform: Running) -> None:
    store = platform.gateway.transcripts
    now = dt.datetime.now(dt.UTC)
    for muni, days in (("例示市", 400), ("例示市", 100), ("例示町", 40), ("例示町", 10)):
        store.add(
            f"r-{muni}-{days}",
            user="u",
            department="d",
            municipality=muni,
            model="wg",
            prompt="p",
            ts=now - dt.timedelta(days=days),
        )
    # The city keeps a year (its layer), the town the national 30 days.
    assert platform.gateway.prune_transcripts() == 2
    assert sorted(k.request_id for k in store.list()) == ["r-例示市-100", "r-例示町-10"]


def test_when_the_transcript_cannot_be_kept_nothing_is_sent(
    platform: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*a: object, **k: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(platform.gateway.transcripts, "add", broken)
    with pytest.raises(openai.InternalServerError) as info:
        _client(platform, "例示市").chat.completions.create(
            model="wg", messages=[{"role": "user", "content": PROMPT}]
        )
    assert info.value.status_code == 503
    assert info.value.body["code"] == "transcript_unavailable"  # type: ignore[index]
    assert platform.recorder.calls == []
    # A municipality that keeps nothing is not affected.
    _client(platform, "例示町").chat.completions.create(
        model="wg", messages=[{"role": "user", "content": PROMPT}]
    )


def test_cli_lists_shows_and_prunes(platform: Running, tmp_path: Path) -> None:
    _client(platform, "例示市").chat.completions.create(
        model="wg", messages=[{"role": "user", "content": PROMPT}]
    )
    _wait_for_answers(platform, 1)
    exe = str(Path(sys.executable).parent / "hinagata")
    cfg = str(tmp_path / "gateway.yaml")

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([exe, *args, "--config", cfg], capture_output=True, text=True)

    listed = cli("transcripts", "list", "--json", "--municipality", "例示市")
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["prompt"] == PROMPT
    shown = cli("transcripts", "show", rows[0]["request_id"])
    assert shown.returncode == 0 and "高橋 健一" in shown.stdout
    assert cli("transcripts", "show", "req_nothing").returncode == 3
    pruned = cli("transcripts", "prune")
    assert pruned.returncode == 0 and "0" in pruned.stdout
    bad = cli("transcripts", "list", "--since", "yesterday")
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr
