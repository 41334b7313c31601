"""The first window does not load what only later work needs: letters (reportlab, pypdf, pikepdf),
the portal client and intake (httpx, JOSE, JSON Schema), charts and PDF viewing (QtCharts, QtPdf),
Alembic (the embedded database is migrated on the database thread).
Checked by what a fresh process imported (``sys.modules``), not by a timing; bench/startup.py times it."""

from __future__ import annotations

import json
import subprocess
import sys

LATER = ("alembic", "mako", "reportlab", "pypdf", "pikepdf", "jsonschema", "httpx", "jwcrypto", "cryptography", "keyring",
         "PySide6.QtCharts", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "ui.views.case_view", "ui.editor.editor")

CHECK = """
import json, sys
import ui.composition, ui.startup
print(json.dumps(sorted(sys.modules)))
"""


def test_the_window_modules_load_nothing_the_first_window_does_not_need() -> None:
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=300,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    modules = set(json.loads(result.stdout))
    assert {"ui.views.main_window", "PySide6.QtWidgets", "sqlalchemy"} <= modules  # the check sees real imports
    assert {m for m in modules if m in LATER or m.split(".")[0] in LATER} == set()
