"""The CPU work of one request — the engine's reading of it (:func:`hinagata.judge.read`:
injection screening and personal-information detection) — inline for ordinary requests,
in a separate worker process for large ones.

Detection is pure Python under the GIL: a thread would not free the event loop, so a
600,000-character request once stalled every other request (API and web) for minutes.
Requests of at least ``large_request_chars`` characters go to a small process pool
(one worker by default, started with the gateway), which loads its own dictionary and
rules; everything it returns is plain data (findings, injection results). Ordinary
requests stay inline, where they are fastest (no pickling, no process hop).

Whatever fails here — the worker dies, the pool is broken — raises, and the caller
refuses the request (fail closed).
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from hinagata.detect import default_detector
from hinagata.gateway._payload import screen_response
from hinagata.guard import OutputFinding, OutputScreen
from hinagata.guard import default_detector as default_injection_detector
from hinagata.judge import Part, Reading, read

__all__ = ["Analysis", "LargeRequestPool", "analyse"]


#: What reading a request found (kept under the name the gateway gave it).
Analysis = Reading


def analyse(
    texts: Sequence[str],
    kinds: Sequence[str | None],
    notice: str | None,
    slot_kinds: Sequence[str] | None = None,
    screening: Any | None = None,
) -> Reading:
    """The engine's reading of a request (:func:`hinagata.judge.read`): each text screened
    as its ``kind`` says (``prompt``/``instruction``/``document``/None), an attacked
    document replaced by ``notice``, personal values found across all of them.
    ``slot_kinds``: what each slot is (``content``, ``args``, ``key`` …)."""
    slot_kinds = slot_kinds if slot_kinds is not None else ["content"] * len(texts)
    parts = [Part(t, k, sk) for t, k, sk in zip(texts, kinds, slot_kinds, strict=True)]
    return read(parts, notice, screening)


def _warm() -> None:
    # Large requests yield the processor to the many small ones: a lower priority for
    # the worker keeps their latency while a large text is being judged.
    with contextlib.suppress(OSError):
        os.nice(10)
    default_detector().scan("起動時の確認")
    default_injection_detector().scan("起動時の確認")


def _ready() -> bool:
    return True


def screen_answer(obj: Any, screen: OutputScreen) -> tuple[Any, list[OutputFinding]]:
    """Exit screening of a whole answer (in the worker for a large one): the screened
    answer and what was found."""
    found = screen_response(obj, screen)
    return obj, found


class LargeRequestPool:
    """A bounded process pool for large requests (``workers`` processes, a queue of
    ``workers`` × 4 requests at most; more wait for a place)."""

    def __init__(self, workers: int = 1) -> None:
        self._workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._slots = asyncio.Semaphore(workers * 4)

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # forkserver: no copy of the server's threads and sockets in the worker.
            ctx = multiprocessing.get_context("forkserver")
            self._pool = ProcessPoolExecutor(
                max_workers=self._workers, mp_context=ctx, initializer=_warm
            )
        return self._pool

    def start(self) -> None:
        """Start the worker now (it loads the dictionary), not on the first large request."""
        self._executor().submit(_ready)

    async def analyse(
        self,
        texts: Sequence[str],
        kinds: Sequence[str | None],
        notice: str | None,
        slot_kinds: Sequence[str] | None = None,
        screening: Any | None = None,
    ) -> Reading:
        async with self._slots:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(
                self._executor(), analyse, list(texts), list(kinds), notice, slot_kinds, screening
            )

    async def screen_answer(
        self, obj: Any, screen: OutputScreen
    ) -> tuple[Any, list[OutputFinding]]:
        async with self._slots:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._executor(), screen_answer, obj, screen)

    def close(self) -> None:
        if self._pool is not None:
            # Waited for: a worker left behind outlives the gateway (uvicorn re-raises
            # SIGTERM right after the shutdown).
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
