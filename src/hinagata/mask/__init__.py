"""Reversible masking with placeholders (仮名化と復元)."""

from hinagata.mask._generalise import (
    GENERALISATION_STAGES,
    GENERALISED_LABELS,
    Generalisation,
    Generaliser,
    generalise_age,
    generalise_date,
    kind_of,
)
from hinagata.mask._mask import (
    MASKED_TYPES,
    PLACEHOLDER_LABELS,
    Masked,
    Masker,
    StreamRestorer,
    mask,
    restore,
    should_mask,
)

__all__ = [
    "GENERALISATION_STAGES",
    "GENERALISED_LABELS",
    "MASKED_TYPES",
    "PLACEHOLDER_LABELS",
    "Generalisation",
    "Generaliser",
    "Masked",
    "Masker",
    "StreamRestorer",
    "generalise_age",
    "generalise_date",
    "kind_of",
    "mask",
    "restore",
    "should_mask",
]
