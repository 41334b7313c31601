"""The portal adapter and the intake use case stay apart: the adapter knows no database and no
service, and the use case reaches the adapter only through what its round needs."""

from __future__ import annotations

from pathlib import Path

import backoffice.portal
import backoffice.services.intake

from ..imports import imported_names, within


def test_the_portal_adapter_imports_no_service_no_store_and_no_ui() -> None:
    for path in Path(backoffice.portal.__file__).parent.glob("*.py"):
        names = imported_names(path, "backoffice.portal")
        assert within(names, "backoffice.services", "backoffice.store", "ui", "sqlalchemy", "PySide6") == [], path.name


def test_the_intake_service_is_what_imports_the_adapter_not_the_other_way() -> None:
    users = {path.name for path in Path(backoffice.services.intake.__file__).parent.glob("*.py")
             if within(imported_names(path, "backoffice.services.intake"), "backoffice.portal")}
    assert users >= {"sync.py", "ports.py", "assemble.py"}
