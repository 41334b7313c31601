"""The wheel must carry every package and the resources (the plain pip path for office PCs)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from backoffice.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]


def test_every_python_package_is_listed_in_pyproject() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(d.relative_to(ROOT).parts)
        for top in ("backoffice", "ui")
        for d in [ROOT / top, *(ROOT / top).rglob("*")]
        if d.is_dir() and "__pycache__" not in d.parts and any(d.glob("*.py"))
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_resources_are_found() -> None:
    for part in (("schemas", "wbs-1.0.0.schema.json"), ("rules", "processing_norms.json"), ("rules", "wbs.json"),
                 ("rules", "elterngeld.json"), ("rules", "fuehrungszeugnis.json"),
                 ("schemas", "fit-connect", "metadata-1.0.0.schema.json")):
        assert resource_path(*part).is_file()
