"""Upstream models: any OpenAI-compatible endpoint over HTTP (its Responses API and an
Anthropic-compatible ``/messages`` included, where it has them), or the built-in demo
(:mod:`hinagata.gateway._demo`)."""

from __future__ import annotations

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
        url = f"{self._base}/{path}"
        if self.cfg.query:
            url += "?" + urlencode(self.cfg.query)
        timeout = httpx.Timeout(self.cfg.timeout_s, connect=min(10.0, self.cfg.timeout_s))
        try:
            r = await self._client.get(url, headers=self._headers(), timeout=timeout)
            return UpstreamResponse(r.status_code, r.json())
        except ValueError:
            raise UpstreamError(
                502,
                "upstream_bad_response",
                "上流のAIから不正な応答がありました / the upstream returned an invalid response",
            ) from None
        except httpx.TimeoutException as exc:
            raise UpstreamError(
                504,
                "upstream_timeout",
                "上流のAIが時間内に応答しませんでした / the upstream timed out",
            ) from exc
        except httpx.HTTPError as exc:
            raise UpstreamError(
                502,
                "upstream_unreachable",
                "上流のAIに接続できませんでした / the upstream could not be reached",
            ) from exc

    async def call(
        self, endpoint: str, body: Mapping[str, Any], *, stream: bool
    ) -> UpstreamResponse:
        payload = dict(body)
        if self.cfg.model:
            payload["model"] = self.cfg.model
        url = f"{self._base}/{endpoint}"
        if self.cfg.query:
            url += "?" + urlencode(self.cfg.query)
        timeout = httpx.Timeout(self.cfg.timeout_s, connect=min(10.0, self.cfg.timeout_s))
        try:
            if not stream:
                r = await self._client.post(
                    url, json=payload, headers=self._headers(), timeout=timeout
                )
                try:
                    data = r.json()
                except ValueError:
                    raise UpstreamError(
                        502,
                        "upstream_bad_response",
                        "上流のAIから不正な応答がありました / the upstream returned an invalid response",
                    ) from None
                return UpstreamResponse(r.status_code, data)
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
        except httpx.TimeoutException as exc:
            raise UpstreamError(
                504,
                "upstream_timeout",
                "上流のAIが時間内に応答しませんでした / the upstream timed out",
            ) from exc
        except httpx.HTTPError as exc:
            raise UpstreamError(
                502,
                "upstream_unreachable",
                "上流のAIに接続できませんでした / the upstream could not be reached",
            ) from exc
