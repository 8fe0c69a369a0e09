"""YAML data files with errors that name the file, the line and the field.

Policy layers and the service catalog are edited by hand in municipal IT sections. A
mistake must come back as 「services.yaml 12行目 services[1].training_on_input: …」, not as a
stack trace, so loading keeps a map from each value's path to its line and turns
pydantic's validation errors into located messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

__all__ = ["DataFileError", "LocatedData", "load_yaml", "validate"]

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


class DataFileError(ValueError):
    """A data file that cannot be used. ``problems`` lists (line, field, message)."""

    def __init__(self, source: str, problems: list[tuple[int | None, str, str]]) -> None:
        self.source = source
        self.problems = problems
        lines = [
            f"{source}{f':{line}' if line else ''}: {field + ': ' if field else ''}{msg}"
            for line, field, msg in problems
        ]
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class LocatedData:
    """Parsed YAML plus the line (1-based) of every mapping key and sequence item."""

    source: str
    data: Any
    lines: dict[Loc, int]

    def line_of(self, loc: Loc) -> int | None:
        """The line of ``loc`` or of its nearest ancestor that has one."""
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), None)


def _walk(node: yaml.Node, loc: Loc, out: dict[Loc, int]) -> None:
    out.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            k = key.value if isinstance(key, yaml.ScalarNode) else str(key.start_mark.line)
            out[(*loc, k)] = key.start_mark.line + 1
            _walk(value, (*loc, k), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*loc, i), out)


def load_yaml(path: Path | str, *, text: str | None = None) -> LocatedData:
    """Parse a YAML file (or ``text`` attributed to ``path``) keeping line numbers."""
    source = str(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise DataFileError(
                source, [(None, "", "ファイルが見つかりません / file not found")]
            ) from exc
        except UnicodeDecodeError as exc:
            raise DataFileError(
                source, [(None, "", "UTF-8 で保存してください / not UTF-8")]
            ) from exc
        except OSError as exc:
            raise DataFileError(
                source, [(None, "", f"読み込めません / cannot read: {exc.strerror}")]
            ) from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise DataFileError(
            source, [(line, "", f"YAML の書式が正しくありません / invalid YAML: {exc.problem}")]
        ) from exc
    except yaml.YAMLError as exc:
        raise DataFileError(
            source, [(None, "", f"YAML の書式が正しくありません / invalid YAML: {exc}")]
        ) from exc
    lines: dict[Loc, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return LocatedData(source, data, lines)


def validate(model: type[M], located: LocatedData, *, context: dict[str, Any] | None = None) -> M:
    """Validate ``located.data`` as ``model``; errors carry file, line and field path."""
    try:
        return model.model_validate(
            located.data if located.data is not None else {}, context=context
        )
    except ValidationError as exc:
        problems: list[tuple[int | None, str, str]] = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            problems.append((located.line_of(loc), _dotted(loc), err["msg"]))
        raise DataFileError(located.source, problems) from exc


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
