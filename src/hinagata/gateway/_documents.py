"""Before a RAG index takes a document in: ``POST /v1/hinagata/documents`` checks it and
records its provenance; ``GET /v1/hinagata/documents/{sha256}`` looks the checks up."""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import re
import uuid
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from hinagata.decide import CHECK_FAILED
from hinagata.detect import default_detector
from hinagata.gateway import _messages as say
from hinagata.gateway._auth import authenticate
from hinagata.gateway._errors import ApiError, bad_request, unavailable
from hinagata.gateway._read import read_json
from hinagata.gateway._records import write
from hinagata.gateway._schema import BadRequest
from hinagata.guard import InjectionDetector
from hinagata.ingest import DocumentReport, check_bytes
from hinagata.runtime import Caller, Runtime
from hinagata.store import WIDE_AUDIT, DocumentRecord, Scope

__all__ = ["DocumentEndpoints"]

log = logging.getLogger("hinagata.gateway")

_SHA256 = re.compile(r"[0-9a-f]{64}")


class DocumentEndpoints:
    def __init__(self, runtime: Runtime, injection_detector: InjectionDetector) -> None:
        self.runtime = runtime
        self.injection_detector = injection_detector

    async def check(self, request: Request) -> Response:
        """Check a document before a RAG pipeline indexes it, and record its provenance.

        Body: ``{"source", "owner"?, "title"?, "text"}`` or with ``"content_base64"`` and
        ``"filename"`` (.docx, .xlsx, .pdf, .html, .md, .txt …) instead of ``text``.
        """
        rid = "doc_" + uuid.uuid4().hex[:20]
        caller = authenticate(request, self.runtime)
        limits = self.runtime.config.limits
        try:
            body = await read_json(request, limits.max_document_bytes * 4 // 3 + 65536)
            data, filename, meta = _document_request(body)
        except BadRequest as exc:
            raise bad_request(exc) from None
        try:
            report = await run_in_threadpool(
                check_bytes,
                data,
                filename,
                max_bytes=limits.max_document_bytes,
                detector=default_detector(),
                injection_detector=self.injection_detector,
            )
        except Exception:
            log.error("document check failed (request %s)", rid)
            raise unavailable(say.DOCUMENT_CHECK_FAILED, CHECK_FAILED) from None
        result = report.to_dict()
        try:
            record = await write(
                self.runtime, self._record, rid, caller, report, result, meta, filename, data
            )
        except Exception:
            log.error("document provenance write failed (request %s)", rid)
            raise unavailable(say.PROVENANCE_UNAVAILABLE, "provenance_unavailable") from None
        status = 422 if report.verdict == "error" else 200
        return JSONResponse(
            {**result, "provenance": record.to_dict(), "request_id": rid}, status_code=status
        )

    async def provenance(self, request: Request) -> Response:
        """Every recorded check of the document with this SHA-256 in the key's scope."""
        caller = authenticate(request, self.runtime)
        sha = request.path_params["sha256"].lower()
        if not _SHA256.fullmatch(sha):
            raise ApiError(
                400,
                say.BAD_HASH,
                type_="invalid_request_error",
                code="invalid_hash",
                param="sha256",
            )
        # Like every other data: the key's municipality, and its department unless wide.
        scope = Scope.of(caller, shared=self.runtime.shared, wide=WIDE_AUDIT)
        documents = self.runtime.documents
        records = await run_in_threadpool(lambda: documents.for_hash(sha, scope=scope))
        if not records:
            raise ApiError(
                404,
                say.DOCUMENT_NOT_CHECKED,
                type_="invalid_request_error",
                code="document_not_checked",
            )
        return JSONResponse({"sha256": sha, "checks": [r.to_dict() for r in records]})

    def _record(
        self,
        rid: str,
        caller: Caller,
        report: DocumentReport,
        result: dict[str, Any],
        meta: dict[str, str],
        filename: str,
        data: bytes,
    ) -> DocumentRecord:
        """The provenance record and its audit entry (both, or the check is not returned)."""
        record = self.runtime.documents.add(
            sha256=report.sha256 or hashlib.sha256(data).hexdigest(),
            source=meta["source"],
            owner=meta["owner"],
            title=meta["title"],
            filename=filename,
            checked_by=caller.user,
            department=caller.department,
            municipality=caller.municipality,
            verdict=report.verdict,
            chars=report.chars,
            injection={
                "score": result["injection"]["score"],
                "categories": result["injection"]["categories"],
            },
            personal=result["personal"],
            rules_version=report.rules_version,
        )
        self.runtime.audit.append(
            "document",
            rid,
            {
                "user": caller.user,
                "department": caller.department,
                "municipality": caller.municipality,
                "sha256": record.sha256,
                "verdict": report.verdict,
                "categories": result["injection"]["categories"],
                "personal": result["personal"],
            },
        )
        return record


def _document_request(body: Any) -> tuple[bytes, str, dict[str, str]]:
    """The document's bytes, its file name and its provenance fields; BadRequest if wrong."""
    if not isinstance(body, dict):
        raise BadRequest(say.BODY_NOT_OBJECT)
    meta: dict[str, str] = {}
    for name, limit, required in (
        ("source", 2000, True),
        ("owner", 200, False),
        ("title", 500, False),
    ):
        value = body.get(name, "")
        if not isinstance(value, str) or len(value) > limit or (required and not value.strip()):
            raise BadRequest(say.field_too_long(name, limit, required=required), name)
        meta[name] = value.strip()
    filename = body.get("filename", "")
    if not isinstance(filename, str) or len(filename) > 500:
        raise BadRequest(say.FILENAME_NOT_TEXT, "filename")
    text, b64 = body.get("text"), body.get("content_base64")
    if (text is None) == (b64 is None):
        raise BadRequest(say.TEXT_OR_BASE64, "text")
    if text is not None:
        if not isinstance(text, str):
            raise BadRequest(say.TEXT_NOT_TEXT, "text")
        return text.encode("utf-8"), filename or "document.txt", meta
    if not isinstance(b64, str) or not filename:
        raise BadRequest(say.B64_NEEDS_FILENAME, "filename")
    try:
        data = base64.b64decode(b64, validate=True)
    except (binascii.Error, ValueError):
        raise BadRequest(say.BAD_BASE64, "content_base64", "invalid_base64") from None
    return data, filename, meta
