"""The case editor, loaded in the background once the main window is ready, so the first case
opens as fast as any later one.

What the editor imports is read from the sources of its modules (their top-level imports, not
those under ``if TYPE_CHECKING`` or inside functions), starting at :data:`EDITOR`. The libraries
among them (services, letters with reportlab and pypdf, rules, form schemas: none creates a Qt
object) are imported on a worker thread. The editor's own modules and the Qt modules they use are
then imported on the UI thread, where Qt classes belong, one module per turn of the event loop,
dependencies first: each turn only runs that module's own code. A case opened before the preload
is done imports what is still missing, as it would without a preload (Python's import locks keep
the two threads apart).
"""

from __future__ import annotations

import ast
import importlib
import logging
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from .ops import Tasks, WorkOp

log = logging.getLogger(__name__)

EDITOR = "ui.views.case_view"
_UI = Path(__file__).resolve().parent
_NOT_LOOKED_INTO = frozenset({"PySide6", "shiboken6", *sys.stdlib_module_names})


@dataclass(frozen=True)
class EditorImports:
    libraries: tuple[str, ...]  # for the worker thread
    ui_modules: tuple[str, ...]  # for the UI thread, dependencies first (PySide6 modules among them)


def _source(module: str) -> Path | None:
    """The file of a module of the ``ui`` package, or None for any other module."""
    if module != "ui" and not module.startswith("ui."):
        return None
    base = _UI.joinpath(*module.split(".")[1:])
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _top_level_imports(module: str, path: Path) -> list[str]:
    """The modules ``module`` imports when it is executed (absolute names)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: list[str] = []
    statements = list(ast.parse(path.read_text(encoding="utf-8")).body)
    while statements:
        node = statements.pop(0)
        if isinstance(node, ast.Try):  # an optional import is still run at import time
            statements[:0] = [*node.body, *node.orelse, *node.finalbody]
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names.append(base)
            # ``from backoffice.domain import sniffing``: the name may be a submodule (``_import`` tells);
            # Qt's and the standard library's names are not looked at
            if base.split(".")[0] not in _NOT_LOOKED_INTO:
                names += [f"{base}.{alias.name}" for alias in node.names
                          if alias.name != "*" and (_source(base) is None or _source(f"{base}.{alias.name}"))]
    return [name for name in names if name != "__future__"]


def editor_imports(root: str = EDITOR) -> EditorImports:
    libraries: list[str] = []
    ui_modules: list[str] = []
    seen: set[str] = set()

    def visit(module: str) -> None:
        if module in seen:
            return
        seen.add(module)
        path = _source(module)
        if path is None:
            (ui_modules if module.split(".")[0] in ("PySide6", "shiboken6") else libraries).append(module)
            return
        if "." in module:
            visit(module.rpartition(".")[0])  # a package runs before its modules
        for name in _top_level_imports(module, path):
            visit(name)
        ui_modules.append(module)

    visit(root)
    return EditorImports(tuple(libraries), tuple(ui_modules))


def import_libraries(root: str = EDITOR) -> EditorImports:
    """Worker thread: read what the editor imports and import its libraries."""
    imports = editor_imports(root)
    for name in imports.libraries:
        _import(name)
    return imports


def _import(name: str) -> None:
    """Import ``name``, unless it is not a module but a name in its parent (``from x import name``)."""
    if name in sys.modules:
        return
    parent, _, attribute = name.rpartition(".")
    if parent and hasattr(sys.modules.get(parent), attribute):
        return  # a class or function the parent defines, not a submodule
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name or not parent:
            raise  # a module that is missing indeed


class EditorPreload(QObject):
    """``start()`` once the window is ready; ``done`` when the editor is loaded (or the preload failed:
    the first opening then loads what is missing, as it always could)."""

    done = Signal()

    def __init__(self, tasks: Tasks, parent: QObject | None = None, *, root: str = EDITOR) -> None:
        super().__init__(parent)
        self._tasks, self._root = tasks, root
        self._waiting: list[str] = []
        self.longest_slice = 0.0  # seconds: the longest the preload held the event loop in one turn
        self.ui_thread_seconds = 0.0  # seconds: all the turns together

    def start(self) -> None:
        root = self._root
        WorkOp(parent=self, tasks=self._tasks, op=lambda: import_libraries(root)).success(
            self._libraries_loaded
        ).failure(self._failed).run()

    def _libraries_loaded(self, imports: EditorImports) -> None:
        self._waiting = [name for name in imports.ui_modules if name not in sys.modules]
        self._next()

    def _next(self) -> None:
        while self._waiting and self._waiting[0] in sys.modules:  # imported meanwhile (a case was opened)
            self._waiting.pop(0)
        if not self._waiting:
            self.done.emit()
            return
        QTimer.singleShot(0, self, self._import_one)  # after what the event loop has queued meanwhile

    def _import_one(self) -> None:
        started = time.perf_counter()
        try:
            _import(self._waiting.pop(0))
        except Exception as exc:
            self._failed(exc)
            return
        finally:
            spent = time.perf_counter() - started
            self.ui_thread_seconds += spent
            self.longest_slice = max(self.longest_slice, spent)
        self._next()

    def _failed(self, exc: Exception) -> None:
        log.warning("preloading the case editor failed: %s", exc)
        self._waiting = []
        self.done.emit()
