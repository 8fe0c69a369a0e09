"""The human-readable guideline: Word, PDF, HTML, Markdown (ガイドラインの出力)."""

from hinagata.render._model import GuidelineDoc, build_document
from hinagata.render._render import FORMATS, FontMissingError, render_guideline, write_pdf

__all__ = [
    "FORMATS",
    "FontMissingError",
    "GuidelineDoc",
    "build_document",
    "render_guideline",
    "write_pdf",
]
