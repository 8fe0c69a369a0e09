"""Per-user and per-department rate limits (requests per minute), in-process."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field

__all__ = ["RateLimiter"]


@dataclass
class RateLimiter:
    """A sliding one-minute window per key. ``limit`` 0 means unlimited.

    In-process: with several workers each has its own window (documented); a shared
    limit across instances needs a shared store.
    """

    per_user: int
    per_department: int
    _hits: dict[str, deque[float]] = field(default_factory=dict)

    def _allow(self, key: str, limit: int, now: float) -> bool:
        if limit <= 0:
            return True
        q = self._hits.setdefault(key, deque())
        while q and now - q[0] >= 60.0:
            q.popleft()
        if len(q) >= limit:
            return False
        q.append(now)
        return True

    def check(self, user: str, department: str, now: float | None = None) -> str | None:
        """None when allowed, else which limit was hit ("user" or "department")."""
        t = time.monotonic() if now is None else now
        if not self._allow(f"u:{user}", self.per_user, t):
            return "user"
        if department and not self._allow(f"d:{department}", self.per_department, t):
            self._hits[f"u:{user}"].pop()
            return "department"
        if len(self._hits) > 100_000:  # bound memory: drop idle keys
            for k in [k for k, q in self._hits.items() if not q or t - q[-1] >= 60.0]:
                del self._hits[k]
        return None
