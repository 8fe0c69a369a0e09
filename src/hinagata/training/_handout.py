"""The training handout (研修資料): the course as HTML or PDF, typeset by the guideline
renderer's machinery (WeasyPrint with an installed Japanese font)."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

from jinja2 import DictLoader, Environment, StrictUndefined, select_autoescape

from hinagata.policy import Policy
from hinagata.render import write_pdf
from hinagata.training._course import Course, build_course

__all__ = ["HANDOUT_FORMATS", "render_handout", "render_handout_html"]

HANDOUT_FORMATS = ("pdf", "html")


def render_handout_html(course: Course) -> str:
    text = (
        resources.files("hinagata.training")
        .joinpath("templates/handout.html.j2")
        .read_text("utf-8")
    )
    env = Environment(
        loader=DictLoader({"handout.html.j2": text}),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
    )
    return env.get_template("handout.html.j2").render(c=course)


def render_handout(
    policy: Policy,
    out: Path,
    *,
    department: str = "",
    fmt: str = "pdf",
    date: dt.date | None = None,
) -> Path:
    """Write the handout of ``policy``'s course for ``department`` to ``out`` (pdf | html).

    Raises :class:`hinagata.render.FontMissingError` for a PDF without a Japanese font."""
    if fmt not in HANDOUT_FORMATS:
        raise ValueError(
            f"形式は {', '.join(HANDOUT_FORMATS)} のいずれかです / format must be one of {HANDOUT_FORMATS}"
        )
    html = render_handout_html(build_course(policy, department, date=date))
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "pdf":
        write_pdf(html, out)
    else:
        out.write_text(html, encoding="utf-8")
    return out
