"""Reversible masking with placeholders (仮名化と復元)."""

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
    "MASKED_TYPES",
    "PLACEHOLDER_LABELS",
    "Masked",
    "Masker",
    "StreamRestorer",
    "mask",
    "restore",
    "should_mask",
]
