"""One error for the API (:class:`ApiError`), raised anywhere, answered in one place.

Every refusal the gateway gives — a missing key, a body it cannot read, a verdict that
forbids sending, a store that is down — is an :class:`ApiError` raised by the step that
found it; :func:`api_error_response` (the server's handler for it) turns it into the
OpenAI-shaped error body ``{"error": {"message", "type", "code", "param", …}}``. The
named constructors below say which status, type and code each case gets.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from hinagata.decide import CHECK_FAILED
from hinagata.gateway import _messages as say
from hinagata.gateway._schema import BadRequest

__all__ = [
    "ApiError",
    "api_error_response",
    "audit_unavailable",
    "bad_request",
    "check_failed",
    "internal_error",
    "method_not_allowed",
    "not_found",
    "unavailable",
]


class ApiError(Exception):
    """A refusal, as the caller will get it.

    ``metric``: the reason the errors counter records for an OpenAI endpoint (None: not
    counted there). ``headers``: sent with the error (the decision's headers once there is
    a decision). ``body``: a body to send as it is instead of the error shape (an
    upstream's own error). ``audit_status``: the status the outcome record keeps where it
    differs from the one the caller gets (an upstream's 5xx is answered 502).
    """

    def __init__(
        self,
        status: int,
        message: str,
        *,
        type_: str,
        code: str,
        param: str | None = None,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        body: dict[str, Any] | None = None,
        metric: str | None = None,
        audit_status: int | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type_
        self.code = code
        self.param = param
        self.extra = extra or {}
        self.headers = headers
        self.body = body
        self.metric = metric
        self.audit_status = audit_status if audit_status is not None else status

        #: ``anthropic``: answered in Anthropic's error shape (``/v1/messages``).
        self.flavour = "openai"

    def response(self) -> JSONResponse:
        body = self.body
        if body is None:
            error = {
                "message": self.message,
                "type": self.type,
                "code": self.code,
                "param": self.param,
                **self.extra,
            }
            body = {"error": error}
            if self.flavour == "anthropic":
                error["type"] = _ANTHROPIC_TYPES.get(self.status, "api_error")
                error["hinagata_type"] = self.type
                body = {"type": "error", "error": error}
        resp = JSONResponse(body, status_code=self.status)
        if self.headers:
            resp.headers.update(self.headers)
        return resp


#: Anthropic's error types by status (its clients raise by status and show the type).
_ANTHROPIC_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    503: "overloaded_error",
}


async def api_error_response(request: Request, exc: Exception) -> Response:
    """The server's handler for :class:`ApiError`."""
    assert isinstance(exc, ApiError)
    return exc.response()


def unavailable(
    message: str,
    code: str,
    *,
    metric: str | None = None,
    headers: dict[str, str] | None = None,
) -> ApiError:
    """503: something the request needs (a store, a check) failed; nothing was sent."""
    return ApiError(
        503, message, type_="service_unavailable", code=code, metric=metric, headers=headers
    )


def check_failed() -> ApiError:
    """Fail closed: the check could not be completed, so nothing was sent."""
    return unavailable(say.CHECK_INCOMPLETE, CHECK_FAILED, metric="check_failed")


def audit_unavailable() -> ApiError:
    return unavailable(say.AUDIT_UNAVAILABLE, "audit_unavailable", metric="audit_failed")


def bad_request(exc: BadRequest) -> ApiError:
    """A request the gateway cannot judge: too large (413), no such model (404), else 400."""
    status = (
        413 if exc.code == "request_too_large" else 404 if exc.code == "model_not_found" else 400
    )
    return ApiError(
        status,
        str(exc),
        type_="invalid_request_error",
        code=exc.code,
        param=exc.param,
        metric=exc.code,
    )


def not_found() -> ApiError:
    return ApiError(404, say.NOT_FOUND, type_="invalid_request_error", code="not_found")


def method_not_allowed() -> ApiError:
    return ApiError(
        405, say.METHOD_NOT_ALLOWED, type_="invalid_request_error", code="method_not_allowed"
    )


def internal_error() -> ApiError:
    return ApiError(500, say.INTERNAL_ERROR, type_="server_error", code="internal_error")
