"""The case catalog's former home: it is :mod:`hinagata.governance` now (事例).

Only the old imports are kept here (``from hinagata.catalog import CaseEntry``, …); new
code imports from :mod:`hinagata.governance`.
"""

from typing import Any

from hinagata import governance

#: The names this module had, each now :mod:`hinagata.governance`'s.
_MOVED = {
    "CASE_STATUSES": "CASE_STATUSES",
    "FORMAT": "FORMAT",
    "SIZE_BANDS": "SIZE_BANDS",
    "CaseEntry": "CaseEntry",
    "Concern": "Concern",
    "ImportError_": "CaseFileError",
    "from_csv": "from_csv",
    "from_json": "from_json",
    "to_csv": "to_csv",
    "to_json": "to_json",
}
__all__ = sorted(_MOVED)


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        return getattr(governance, _MOVED[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
