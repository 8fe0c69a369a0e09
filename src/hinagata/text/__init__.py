"""Text normalisation with offset maps (正規化とオフセット対応表)."""

from hinagata.text._normalize import NormalizedText, normalize

__all__ = ["NormalizedText", "normalize"]
