"""Rate limits: the in-process window, and one window shared through a real Redis."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openai
import pytest
import redis

from _gateway import Running, running_gateway
from _redis import redis_server
from hinagata.gateway._limits import RateLimiter

MSG = [{"role": "user", "content": "挨拶文を作って"}]


def test_window_slides_and_a_refused_request_counts_nowhere() -> None:
    lim = RateLimiter(per_user=2, per_department=3)
    assert lim.hit("a", "d", now=0.0) is None
    assert lim.hit("a", "d", now=1.0) is None
    assert lim.hit("a", "d", now=2.0) == "user"
    assert lim.hit("b", "d", now=3.0) is None
    # The department is full now; c's refused request must not use up c's own quota.
    assert lim.hit("c", "d", now=4.0) == "department"
    assert lim.hit("c", "other", now=4.5) is None
    assert lim.hit("c", "other", now=5.0) is None
    # A minute after the first two, a's window has room again.
    assert lim.hit("a", "x", now=61.5) is None


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[tuple[Running, Running, str]]:
    with redis_server(tmp_path) as url:
        extra = f"redis_url: {url}"
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        with (
            running_gateway(tmp_path / "a", f"sqlite:///{tmp_path / 'a.db'}", extra=extra) as a,
            running_gateway(tmp_path / "b", f"sqlite:///{tmp_path / 'b.db'}", extra=extra) as b,
        ):
            yield a, b, url


def _client(gw: Running, key: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=gw.base_url + "/v1", api_key=key, max_retries=0)


def test_two_instances_share_one_limit_through_redis(
    shared: tuple[Running, Running, str],
) -> None:
    a, b, url = shared
    for gw in (a, b):
        gw.gateway.limiter.per_user = 3
        gw.gateway.limiter.per_department = 5
    ka = a.key(user="山田", department="福祉課")
    kb = b.key(user="山田", department="福祉課")
    _client(a, ka).chat.completions.create(model="wg", messages=MSG)
    _client(b, kb).chat.completions.create(model="wg", messages=MSG)
    _client(a, ka).chat.completions.create(model="wg", messages=MSG)
    with pytest.raises(openai.RateLimitError) as info:
        _client(b, kb).chat.completions.create(model="wg", messages=MSG)
    assert info.value.body["code"] == "rate_limit_user"  # type: ignore[index]
    # Two colleagues use up the department's 5 across both instances.
    kc = a.key(user="佐藤", department="福祉課")
    _client(a, kc).chat.completions.create(model="wg", messages=MSG)
    _client(b, b.key(user="佐藤", department="福祉課")).chat.completions.create(
        model="wg", messages=MSG
    )
    with pytest.raises(openai.RateLimitError) as info:
        _client(a, kc).chat.completions.create(model="wg", messages=MSG)
    assert info.value.body["code"] == "rate_limit_department"  # type: ignore[index]
    # Another department is not affected.
    _client(a, a.key(user="鈴木", department="市民課")).chat.completions.create(
        model="wg", messages=MSG
    )
    # Staff names never reach Redis: keys carry digests.
    keys = [k.decode() for k in redis.Redis.from_url(url).keys("*")]
    assert keys and not any(n in k for k in keys for n in ("山田", "佐藤", "福祉課"))


def test_redis_unreachable_refuses_and_sends_nothing(tmp_path: Path) -> None:
    from _gateway import free_port

    extra = f"redis_url: redis://127.0.0.1:{free_port()}/0"
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}", extra=extra) as gw:
        gw.gateway.limiter.per_user = 10
        with pytest.raises(openai.InternalServerError) as info:
            _client(gw, gw.key()).chat.completions.create(model="wg", messages=MSG)
        assert info.value.status_code == 503
        assert info.value.body["code"] == "rate_limit_unavailable"  # type: ignore[index]
        assert gw.recorder.calls == []
