"""Hostile attachments in the case editor: nothing reaches the system's default handler.

Names are shown safe (no bidi controls), the type is the content's (a PDF named ``bild.jpg`` is
previewed as PDF, ``Rechnung.pdf.exe`` is a program and never opened), and saving writes
exactly the attachment's bytes where the clerk chose.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import webbrowser
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from backoffice.services import cases
from ui.editor import attachments as attachments_module
from ui.editor.attachments import write_copy

from .support import new_case, open_editor, pdf_bytes, png_bytes, reloaded, stored

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(range(256))
LNK = b"\x4c\x00\x00\x00\x01\x14\x02\x00\x00\x00\x00\x00\xc0\x00\x00\x00\x00\x00\x00\x46" + b"\x9b\x00\x08\x00" + b"\x00" * 60
RLO = "\u202e"


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every attempt to hand something to the operating system (all are refused and recorded)."""
    calls: list[object] = []

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def record(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls.append((name, args, kwargs))
            raise AssertionError(f"{name} called with {args!r}")
        return record

    monkeypatch.setattr(QDesktopServices, "openUrl", refuse("QDesktopServices.openUrl"))
    monkeypatch.setattr(QProcess, "startDetached", refuse("QProcess.startDetached"))
    monkeypatch.setattr(subprocess, "Popen", refuse("subprocess.Popen"))
    monkeypatch.setattr(os, "system", refuse("os.system"))
    monkeypatch.setattr(os, "startfile", refuse("os.startfile"), raising=False)
    monkeypatch.setattr(webbrowser, "open", refuse("webbrowser.open"))
    return calls


def hostile_case(qtbot, tasks, actor, db):  # type: ignore[no-untyped-def]
    files = (
        cases.NewAttachment("Rechnung.pdf.exe", "application/pdf", EXE, description="Personalausweis <b>Kopie</b>"),
        cases.NewAttachment("x.lnk", "application/pdf", LNK),
        cases.NewAttachment(f"Lohn{RLO}fdp.exe", "application/pdf", EXE),  # shown as "Lohnexe.pdf" with the RLO
        cases.NewAttachment("bild.jpg", "image/jpeg", pdf_bytes()),
    )
    az = new_case(db, actor, seed=41, attachments=files)
    editor = open_editor(qtbot, tasks, actor, az)
    panel = editor.attachments
    with qtbot.waitSignal(panel.types_known, timeout=60_000):
        editor.attachments.show()  # the contents are read (and typed) when the list is shown
    return az, editor, panel, {item.filename: item.content for item in files}


def row(panel, name: str):  # type: ignore[no-untyped-def]
    items = [panel.list.topLevelItem(i) for i in range(panel.list.topLevelItemCount())]
    return next(item for item in items if item.text(0) == name)


def test_the_list_shows_safe_names_and_the_real_types(qtbot, tasks, actor, db, launched) -> None:  # type: ignore[no-untyped-def]
    az, editor, panel, _files = hostile_case(qtbot, tasks, actor, db)
    assert [a.filename for a in stored(db, actor, az).attachments] == [
        "Rechnung.pdf.exe", "x.lnk", "Lohnfdp.exe", "bild.jpg"  # stored safe as well
    ]
    shown = {panel.list.topLevelItem(i).text(0): panel.list.topLevelItem(i).text(1)
             for i in range(panel.list.topLevelItemCount())}
    assert shown == {
        "Rechnung.pdf.exe": "Programmdatei (nicht geöffnet)",
        "x.lnk": "Windows-Verknüpfung (nicht geöffnet)",
        "Lohnfdp.exe": "Programmdatei (nicht geöffnet)",
        "bild.jpg": "PDF-Dokument",
    }
    tooltip = row(panel, "Rechnung.pdf.exe").toolTip(0)
    assert "Typ: Programmdatei (nicht geöffnet)" in tooltip and "Angegeben als: application/pdf" in tooltip
    # The portal's label of the upload is its "Art", as plain text; the others keep their kind.
    assert row(panel, "Rechnung.pdf.exe").text(2) == "Personalausweis <b>Kopie</b>" and row(panel, "x.lnk").text(2) == "Anlage"
    assert "Beschreibung laut Portal: Personalausweis &lt;b&gt;Kopie&lt;/b&gt;" in tooltip
    labels = editor.documents.checklist_model.attachments()
    assert "Rechnung.pdf.exe (Personalausweis <b>Kopie</b>)" in labels.values() and "x.lnk" in labels.values()

    # a row stored before names were made safe: the panel makes it safe itself
    old = [dataclasses.replace(a, filename=f"C:\\tmp\\Lohn{RLO}fdp.exe") if a.filename == "Lohnfdp.exe" else a
           for a in editor.controller.data.detail.attachments]
    panel.set_attachments(az, old)
    texts = [panel.list.topLevelItem(i).text(0) for i in range(panel.list.topLevelItemCount())]
    assert "Lohnfdp.exe" in texts and not any(RLO in text or "\\" in text for text in texts)
    assert RLO not in row(panel, "Lohnfdp.exe").toolTip(0)
    assert launched == []


def test_activating_programs_and_links_opens_nothing(qtbot, tasks, actor, db, launched) -> None:  # type: ignore[no-untyped-def]
    _az, _editor, panel, _files = hostile_case(qtbot, tasks, actor, db)
    for name in ("Rechnung.pdf.exe", "x.lnk", "Lohnfdp.exe"):
        item = row(panel, name)
        with qtbot.waitSignal(panel.preview_ready, timeout=60_000) as kind:
            panel.list.setCurrentItem(item)
        assert kind.args == ["none"]
        assert panel.preview.currentWidget() is panel.placeholder and name in panel.placeholder.text()
        assert not panel.open_button.isEnabled() and panel.save_button.isEnabled()
        panel.list.itemActivated.emit(item, 0)  # double click or Enter
        panel.list.itemDoubleClicked.emit(item, 0)
        panel.open_button.click()
        panel.open_current()
        assert "Keine Vorschau" in panel.status.text() and name in panel.status.text()
    qtbot.wait(50)
    assert launched == []
    assert panel.viewer is None  # nothing was shown, not even in the application's viewer
    assert not hasattr(attachments_module, "QDesktopServices")


def test_a_pdf_named_like_an_image_is_previewed_and_viewed_as_pdf(qtbot, tasks, actor, db, launched) -> None:  # type: ignore[no-untyped-def]
    _az, _editor, panel, _files = hostile_case(qtbot, tasks, actor, db)
    with qtbot.waitSignal(panel.preview_ready, timeout=60_000) as kind:
        panel.list.setCurrentItem(row(panel, "bild.jpg"))
    assert kind.args == ["pdf"]
    assert panel.preview.currentWidget() is panel.pdf_view and panel.pdf_document.pageCount() == 1
    assert panel.open_button.isEnabled()
    panel.list.itemActivated.emit(row(panel, "bild.jpg"), 0)
    qtbot.waitUntil(lambda: panel.viewer is not None and panel.viewer.isVisible(), timeout=60_000)
    assert panel.viewer.kind == "pdf" and panel.viewer.document.pageCount() == 1
    assert panel.viewer.windowTitle() == "Anlage bild.jpg"
    assert launched == []


def test_saving_writes_exactly_the_bytes_to_the_chosen_path(qtbot, tasks, actor, db, launched, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _az, _editor, panel, files = hostile_case(qtbot, tasks, actor, db)
    asked: list[str] = []
    target = tmp_path / "ablage" / "kopie.bin"
    target.parent.mkdir()

    def choose(parent, caption, directory, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(directory)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    for name, content in (("Lohnfdp.exe", EXE), ("x.lnk", LNK), ("bild.jpg", files["bild.jpg"])):
        with qtbot.waitSignal(panel.preview_ready, timeout=60_000):
            panel.list.setCurrentItem(row(panel, name))
        with qtbot.waitSignal(panel.saved, timeout=60_000) as saved:
            panel.save_button.click()
        assert saved.args == [str(target)]
        assert Path(asked[-1]).name == name  # the dialog offers the safe name
        assert target.read_bytes() == content
    assert "Gespeichert unter" in panel.status.text()
    assert launched == []


def test_a_failed_save_is_reported_in_the_panel(qtbot, tasks, actor, db, launched, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _az, _editor, panel, _files = hostile_case(qtbot, tasks, actor, db)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "fehlt" / "x.exe"), ""))
    with qtbot.waitSignal(panel.preview_ready, timeout=60_000):
        panel.list.setCurrentItem(row(panel, "Rechnung.pdf.exe"))
    panel.save_button.click()
    qtbot.waitUntil(lambda: "konnte nicht gespeichert werden" in panel.status.text(), timeout=60_000)
    assert not (tmp_path / "fehlt").exists()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))  # cancelled
    panel.save_button.click()
    assert launched == []


def test_a_scan_is_stored_with_a_safe_name_and_the_type_of_its_content(qtbot, tasks, actor, db, launched, tmp_path) -> None:  # type: ignore[no-untyped-def]
    az = new_case(db, actor, seed=42)
    editor = open_editor(qtbot, tasks, actor, az)
    panel = editor.attachments  # nothing to choose yet: the empty list explains, the preview asks for nothing
    assert panel.placeholder.text() == "" and panel.list.topLevelItemCount() == 0
    scan = tmp_path / f"scan{RLO}gnp.exe"
    scan.write_bytes(EXE)
    photo = tmp_path / "foto.pdf"
    photo.write_bytes(png_bytes())
    reloaded(qtbot, editor, lambda: editor.attachments.add_file(scan))
    reloaded(qtbot, editor, lambda: editor.attachments.add_file(photo))
    assert [(a.filename, a.mime_type) for a in stored(db, actor, az).attachments] == [
        ("scangnp.exe", "application/x-msdownload"), ("foto.pdf", "image/png")
    ]
    assert RLO not in editor.message.text()
    assert panel.current_id() is None and panel.placeholder.text() == "Keine Vorschau: bitte eine Anlage wählen."
    assert launched == []


def test_a_saved_copy_is_marked_as_from_the_internet_on_windows(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(attachments_module.sys, "platform", "win32")
    target = tmp_path / "Rechnung.pdf.exe"
    write_copy(target, EXE)
    assert target.read_bytes() == EXE
    # on NTFS an alternate data stream; elsewhere the same name is an ordinary file
    assert Path(f"{target}:Zone.Identifier").read_bytes() == b"[ZoneTransfer]\r\nZoneId=3\r\n"
