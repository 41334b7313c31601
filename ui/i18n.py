"""Translations. German is the source language of every UI string; English comes from a .qm file.

Regenerate the catalogue after changing UI strings (keeps existing translations)::

    .venv/bin/python -m ui.i18n          # lupdate ui/ -> resources/translations/backoffice_en.ts, lrelease -> .qm

then translate the new ``unfinished`` entries in the .ts (Qt Linguist: ``pyside6-linguist``)
and run it again to compile.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from backoffice.resources import resource_path
from backoffice.texts import Text, render

LANGUAGES = ("de", "en")
CATALOGUE = "backoffice"
_REPO = Path(__file__).resolve().parents[1]
log = logging.getLogger(__name__)


def core_language() -> str:
    """The language texts from the core (rule results, input problems) are rendered in: the UI's, as the
    installed catalogue says (German, the source language, when none is installed)."""
    code = QCoreApplication.translate("Language", "de", "language code of this catalogue: en in English")
    return code if code in LANGUAGES else "de"


def core_text(text: Text | str) -> str:
    """A text of the core (``backoffice.texts``) in the UI's language."""
    return render(text, core_language())


def translations_dir() -> Path:
    return resource_path("translations")


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install Qt's own strings (buttons, context menus) and, for non-German, our catalogue."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; choose one of {', '.join(LANGUAGES)}")
    QLocale.setDefault(QLocale(QLocale.Language.German if language == "de" else QLocale.Language.English))
    installed = []
    qt_strings = QTranslator(app)
    if qt_strings.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_strings)
        installed.append(qt_strings)
    if language != "de":
        ours = QTranslator(app)
        if ours.load(f"{CATALOGUE}_{language}", str(translations_dir())):
            app.installTranslator(ours)
            installed.append(ours)
        else:
            log.warning("no %s translation in %s; showing German", language, translations_dir())
    return installed


def tool(name: str) -> str:
    """Path of a Qt tool shipped with PySide6 (``pyside6-lupdate``, ``pyside6-lrelease``)."""
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (it comes with PySide6-Essentials)")
    return found


def source_files() -> list[str]:
    """The files lupdate scans, relative to the repository root."""
    return sorted(str(p.relative_to(_REPO)) for p in (_REPO / "ui").rglob("*.py"))


def update_catalogue(ts: Path) -> None:
    """lupdate: add new strings to ``ts`` (existing translations are kept, obsolete ones dropped)."""
    subprocess.run([tool("pyside6-lupdate"), *source_files(), "-no-obsolete", "-ts", str(ts)], cwd=_REPO, check=True)


def regenerate(languages: tuple[str, ...] = ("en",)) -> None:
    for language in languages:
        ts = translations_dir() / f"{CATALOGUE}_{language}.ts"
        update_catalogue(ts)
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


if __name__ == "__main__":
    regenerate()
