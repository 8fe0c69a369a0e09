"""Upstream models: any OpenAI-compatible endpoint over HTTP (its Responses API and an
Anthropic-compatible ``/messages`` included, where it has them), or the built-in demo
(:mod:`hinagata.gateway._demo`)."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx

from hinagata.config import Upstream

__all__ = ["HttpUpstream", "UpstreamError", "UpstreamResponse"]


class UpstreamError(RuntimeError):
    """The upstream failed: ``status`` is what the client gets (502, 504 …)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


@dataclass
class UpstreamResponse:
    status: int
    body: Any = None
    #: For streams: the raw SSE lines (``data: {...}``) as they arrive.
    lines: AsyncIterator[str] | None = None
    close: Any = None


class HttpUpstream:
    def __init__(self, cfg: Upstream, client: httpx.AsyncClient) -> None:
        self.cfg = cfg
        self._client = client
        self._base = cfg.base_url.rstrip("/")

    def _headers(self) -> dict[str, str]:
        headers = {"content-type": "application/json", **self.cfg.headers}
        if self.cfg.api_key_env:
            key = os.environ.get(self.cfg.api_key_env, "")
            if key:
                name = self.cfg.api_key_header.lower()
                headers[name] = f"Bearer {key}" if name == "authorization" else key
        return headers

    async def get(self, path: str) -> UpstreamResponse:
        """``GET {base}/{path}`` (a stored response): the body, whatever the status."""
        async with _mapped_errors():
            r = await self._client.get(
                self._url(path), headers=self._headers(), timeout=self._timeout()
            )
            return UpstreamResponse(r.status_code, _json(r))

    async def call(
        self, endpoint: str, body: Mapping[str, Any], *, stream: bool
    ) -> UpstreamResponse:
        payload = dict(body)
        if self.cfg.model:
            payload["model"] = self.cfg.model
        url, timeout = self._url(endpoint), self._timeout()
        async with _mapped_errors():
            if not stream:
                r = await self._client.post(
                    url, json=payload, headers=self._headers(), timeout=timeout
                )
                return UpstreamResponse(r.status_code, _json(r))
            req = self._client.build_request(
                "POST", url, json=payload, headers=self._headers(), timeout=timeout
            )
            r = await self._client.send(req, stream=True)
            if r.status_code >= 400:
                raw = await r.aread()
                await r.aclose()
                try:
                    data = json.loads(raw)
                except ValueError:
                    data = {"error": {"message": "upstream error", "type": "upstream_error"}}
                return UpstreamResponse(r.status_code, data)
            return UpstreamResponse(r.status_code, None, r.aiter_lines(), r.aclose)

    def _url(self, path: str) -> str:
        url = f"{self._base}/{path}"
        return url + "?" + urlencode(self.cfg.query) if self.cfg.query else url

    def _timeout(self) -> httpx.Timeout:
        return httpx.Timeout(self.cfg.timeout_s, connect=min(10.0, self.cfg.timeout_s))


def _json(r: httpx.Response) -> Any:
    """A whole answer's body; an upstream that does not answer JSON is a 502."""
    try:
        return r.json()
    except ValueError:
        raise UpstreamError(
            502,
            "upstream_bad_response",
            "上流のAIから不正な応答がありました / the upstream returned an invalid response",
        ) from None


@contextlib.asynccontextmanager
async def _mapped_errors() -> AsyncIterator[None]:
    """The transport's failures as the errors the client gets (504, 502)."""
    try:
        yield
    except httpx.TimeoutException as exc:
        raise UpstreamError(
            504, "upstream_timeout", "上流のAIが時間内に応答しませんでした / the upstream timed out"
        ) from exc
    except httpx.HTTPError as exc:
        raise UpstreamError(
            502,
            "upstream_unreachable",
            "上流のAIに接続できませんでした / the upstream could not be reached",
        ) from exc
