"""Per-user and per-department rate limits (requests per minute).

In-process by default (each worker process counts on its own); with ``redis_url`` in the
config, every worker and instance counts in one Redis, so the limits hold across them.
Both use a sliding one-minute window; a request counts against the user and the
department only when both allow it.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Protocol

__all__ = ["Limiter", "RateLimitUnavailable", "RateLimiter", "RedisRateLimiter", "make_limiter"]

_WINDOW_S = 60.0


class RateLimitUnavailable(RuntimeError):
    """The shared counter could not be reached (the request is refused, not let through)."""


class Limiter(Protocol):
    per_user: int
    per_department: int

    async def check(self, user: str, department: str) -> str | None:
        """None when allowed, else which limit was hit ("user" or "department")."""
        ...

    async def close(self) -> None: ...


@dataclass
class RateLimiter:
    """A sliding one-minute window per key, in this process. ``0`` means unlimited."""

    per_user: int
    per_department: int
    _hits: dict[str, deque[float]] = field(default_factory=dict)

    def _full(self, key: str, limit: int, now: float) -> bool:
        if limit <= 0:
            return False
        q = self._hits.setdefault(key, deque())
        while q and now - q[0] >= _WINDOW_S:
            q.popleft()
        return len(q) >= limit

    def hit(self, user: str, department: str, now: float | None = None) -> str | None:
        t = time.monotonic() if now is None else now
        if self._full(f"u:{user}", self.per_user, t):
            return "user"
        if department and self._full(f"d:{department}", self.per_department, t):
            return "department"
        if self.per_user > 0:
            self._hits[f"u:{user}"].append(t)
        if department and self.per_department > 0:
            self._hits[f"d:{department}"].append(t)
        if len(self._hits) > 100_000:  # bound memory: drop idle keys
            for k in [k for k, q in self._hits.items() if not q or t - q[-1] >= _WINDOW_S]:
                del self._hits[k]
        return None

    async def check(self, user: str, department: str) -> str | None:
        return self.hit(user, department)

    async def close(self) -> None:
        return None


# One round trip, atomic: trim both windows, refuse if either is full, else count in both.
# The time is Redis's own, so instances with skewed clocks share one window.
_SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
for i = 1, #KEYS do
  local limit = tonumber(ARGV[i + 2])
  if limit > 0 then
    redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
    if redis.call('ZCARD', KEYS[i]) >= limit then
      return i
    end
  end
end
for i = 1, #KEYS do
  if tonumber(ARGV[i + 2]) > 0 then
    redis.call('ZADD', KEYS[i], now, ARGV[2])
    redis.call('PEXPIRE', KEYS[i], window)
  end
end
return 0
"""


@dataclass
class RedisRateLimiter:
    """The same window, shared by every worker and instance through Redis."""

    url: str
    per_user: int
    per_department: int
    prefix: str = "hinagata:rl:"
    _client: Any = field(default=None, repr=False)
    _script: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        import redis.asyncio as aioredis

        self._client = aioredis.Redis.from_url(
            self.url, socket_connect_timeout=1.0, socket_timeout=1.0
        )
        self._script = self._client.register_script(_SCRIPT)

    async def check(self, user: str, department: str) -> str | None:
        if self.per_user <= 0 and (self.per_department <= 0 or not department):
            return None
        # Staff names stay out of Redis: the keys carry a digest.
        keys = [f"{self.prefix}u:{_digest(user)}", f"{self.prefix}d:{_digest(department)}"]
        dept_limit = self.per_department if department else 0
        args = [int(_WINDOW_S * 1000), uuid.uuid4().hex, self.per_user, dept_limit]
        try:
            hit = int(await self._script(keys=keys, args=args))
        except Exception as exc:  # connection refused, timeout, script error …
            raise RateLimitUnavailable(type(exc).__name__) from None
        return None if hit == 0 else "user" if hit == 1 else "department"

    async def close(self) -> None:
        await self._client.aclose()


def _digest(value: str) -> str:
    return hashlib.blake2b(value.encode("utf-8"), digest_size=12).hexdigest()


def make_limiter(per_user: int, per_department: int, redis_url: str = "") -> Limiter:
    if redis_url:
        return RedisRateLimiter(redis_url, per_user, per_department)
    return RateLimiter(per_user, per_department)
