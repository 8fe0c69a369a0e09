"""The case catalog's former home: it is :mod:`hinagata.governance` now (事例).

Only the old imports are kept here; new code imports from :mod:`hinagata.governance`.
"""

from hinagata.governance import (
    CASE_STATUSES,
    FORMAT,
    SIZE_BANDS,
    CaseEntry,
    CaseFileError,
    Concern,
    from_csv,
    from_json,
    to_csv,
    to_json,
)

#: The former name of :class:`hinagata.governance.CaseFileError`.
ImportError_ = CaseFileError

__all__ = [
    "CASE_STATUSES",
    "FORMAT",
    "SIZE_BANDS",
    "CaseEntry",
    "Concern",
    "ImportError_",
    "from_csv",
    "from_json",
    "to_csv",
    "to_json",
]
