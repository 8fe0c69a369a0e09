"""One loaded layer file, and the error that names its file, line and place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hinagata._yaml import DataFileError, LocatedData
from hinagata.policy._model import Layer

_NATIONAL = "national"
_POLICY_FILE = "policy.yaml"


@dataclass(frozen=True)
class _Loaded:
    layer: Layer
    located: LocatedData
    path: Path | None  # None for the bundled template


def _resolve(ref: str, base: _Loaded) -> Path:
    assert base.path is not None
    return (base.path.parent / ref).resolve()


def _err(src: _Loaded, loc: tuple[str | int, ...], message: str) -> DataFileError:
    dotted = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in loc).replace(".[", "[")
    return DataFileError(src.located.source, [(src.located.line_of(loc), dotted, message)])
