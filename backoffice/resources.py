"""Locating files under ``resources/``: in a source checkout, or in an installed wheel
(where they ship as the package ``backoffice_resources``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[1] / "resources"


def resource_dir() -> Path:
    if _CHECKOUT.is_dir():
        return _CHECKOUT
    spec = importlib.util.find_spec("backoffice_resources")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return _CHECKOUT  # missing either way; callers report the missing file


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
