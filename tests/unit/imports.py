"""What a module imports, read from its source (for the tests that hold the layers apart)."""

from __future__ import annotations

import ast
from pathlib import Path


def imported_names(path: Path, package: str) -> set[str]:
    """Every module and name ``path`` (a module of ``package``) imports, relative imports resolved."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            parts = package.split(".")
            base = ".".join(parts[: len(parts) + 1 - node.level]) if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            names |= {module} | {f"{module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
    return names


def within(names: set[str], *packages: str) -> list[str]:
    """Those of ``names`` that are one of ``packages`` or inside one."""
    return sorted(n for n in names if any(n == p or n.startswith(p + ".") for p in packages))
