"""The case editor is preloaded once the window is ready: its libraries on a worker thread, its Qt
modules on the UI thread one per turn of the event loop. Checked in a fresh process (a module
imported by an earlier test would prove nothing), with a finder first on ``sys.meta_path`` that
notes the thread each module is looked for in and leaves the finding to the others."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = """
import json, sys, threading
imported = []

class Noting:
    def find_spec(self, name, path=None, target=None):
        imported.append((name, threading.current_thread() is threading.main_thread()))
        return None

sys.meta_path.insert(0, Noting())
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import ui.composition
from ui.ops import Tasks
from ui.preload import EDITOR, EditorPreload
app = QApplication([])
before = len(imported)
preload = EditorPreload(Tasks(None))
ticks = []
timer = QTimer(interval=1)
timer.timeout.connect(lambda: ticks.append(1))  # the event loop turns while the preload runs
timer.start()
preload.done.connect(app.quit)
preload.start()
QTimer.singleShot(120_000, lambda: app.exit(3))
code = app.exec()
print(json.dumps({"code": code, "imports": imported[before:], "loaded": EDITOR in sys.modules, "ticks": len(ticks)}))
"""


def test_the_editor_is_preloaded_with_its_libraries_off_the_ui_thread() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["code"] == 0 and report["loaded"]
    on_ui = {name for name, main in report["imports"] if main}
    on_worker = {name for name, main in report["imports"] if not main}
    assert {"reportlab", "pypdf", "backoffice.services.letters", "backoffice.services.case_editing"} <= on_worker
    assert {"ui.views.case_view", "ui.editor.editor", "PySide6.QtPdf"} <= on_ui
    # Nothing but the editor's own modules, Qt's and the standard library's is left for the UI thread.
    others = {n for n in on_ui if n.split(".")[0] not in ("ui", "PySide6", "shiboken6") and
              n.split(".")[0] not in sys.stdlib_module_names}
    assert others == set()
    assert report["ticks"] > 1  # the UI modules came in several turns, with the timer firing between them
