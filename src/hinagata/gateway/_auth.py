"""Who is calling the API: the caller an API key stands for (401/503 otherwise)."""

from __future__ import annotations

import logging

from starlette.requests import Request

from hinagata.gateway import _messages as say
from hinagata.gateway._errors import ApiError, unavailable
from hinagata.runtime import Caller, Runtime

__all__ = ["authenticate"]

log = logging.getLogger("hinagata.gateway")


def authenticate(request: Request, runtime: Runtime) -> Caller:
    """The caller behind the request's key (``Authorization: Bearer``; ``api-key`` as Azure OpenAI clients send it; ``x-api-key``
    as Anthropic's clients do)."""
    header = request.headers.get("authorization", "")
    token = (
        header[7:].strip()
        if header.lower().startswith("bearer ")
        else request.headers.get("api-key") or request.headers.get("x-api-key", "")
    )
    if not token:
        raise _unauthorised(say.MISSING_KEY)
    try:
        caller = runtime.caller_for_token(token)
    except Exception:
        log.error("key lookup failed (database)")
        raise unavailable(say.KEY_STORE_UNAVAILABLE, "store_unavailable", metric="auth") from None
    if caller is None:
        raise _unauthorised(say.INVALID_KEY)
    return caller


def _unauthorised(message: str) -> ApiError:
    return ApiError(
        401, message, type_="authentication_error", code="invalid_api_key", metric="auth"
    )
