"""The precision of an address finding, read by the assessment and the content rule."""

from __future__ import annotations

from hinagata.detect import Finding

__all__ = ["address_precision"]


def address_precision(f: Finding) -> str:
    """The precision of an ADDRESS finding: full, block, town or area.

    The address recognizer reports it in ``detail`` as ``precision=…``; an address without
    one is taken as complete (unknown means worst case).
    """
    detail = f.detail or ""
    for part in detail.replace(";", ",").split(","):
        key, _, value = part.strip().partition("=")
        if key == "precision" and value in ("full", "block", "town", "area"):
            return value
    return "full"
