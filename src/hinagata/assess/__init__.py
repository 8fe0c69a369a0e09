"""Assessment of a text: identifiability, special care, information class (評価)."""

from hinagata.assess._assess import Assessment, Markings, address_precision, assess
from hinagata.assess._classes import CLASS_RANKS, ClassCondition, ClassRule, ClassScheme, rank_of
from hinagata.assess._content import (
    CONTENT_KINDS,
    KIND_LABELS,
    ContentResult,
    IdentificationRule,
    SmallArea,
    content_identification,
    listed_area_findings,
)

__all__ = [
    "CLASS_RANKS",
    "CONTENT_KINDS",
    "KIND_LABELS",
    "Assessment",
    "ClassCondition",
    "ClassRule",
    "ClassScheme",
    "ContentResult",
    "IdentificationRule",
    "Markings",
    "SmallArea",
    "address_precision",
    "assess",
    "content_identification",
    "listed_area_findings",
    "rank_of",
]
