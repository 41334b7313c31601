"""The CUPS backend against a real CUPS scheduler of the test's own (tests/cups_server.py):
the PDF reaches the printer byte for byte (vectors, no page images), with the chosen options."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from backoffice.letters import render_letter
from backoffice.letters.samples import sample_letter
from tests.cups_server import CupsServer, private_cups, wait_for_jobs
from ui.letters.printers import CupsBackend, PrintFailed, PrintTarget, default_backend, print_letter


@pytest.fixture
def cups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CupsServer]:
    with private_cups(tmp_path / "cups") as server:
        monkeypatch.setenv("CUPS_SERVER", str(server.socket))
        server.add_printer("Buero_2_14")
        server.add_printer("Poststelle", default=True)
        yield server


@pytest.fixture(scope="module")
def letter() -> bytes:
    return render_letter(sample_letter("wbs_refusal"))


def test_printers_are_cups_destinations_with_its_default(cups: CupsServer) -> None:
    printers = CupsBackend().printers()
    assert set(printers.names) == {"Buero_2_14", "Poststelle"} and printers.default == "Poststelle"
    assert isinstance(default_backend(), CupsBackend)  # lp and lpstat are installed here


def test_the_pdf_itself_goes_to_the_chosen_printer_with_copies_and_duplex(cups: CupsServer, letter: bytes) -> None:
    backend = CupsBackend()
    backend.print_pdf(letter, PrintTarget("Buero_2_14", copies=2, duplex=True), "WBS-2026-000001 Ablehnung v1")
    backend.print_pdf(letter, PrintTarget(), "WBS-2026-000002 Ablehnung v1")  # the default printer, one side
    jobs = wait_for_jobs(cups, 2)
    (first_data, first), (second_data, second) = (jobs[n] for n in sorted(jobs))
    assert first_data == letter and second_data == letter  # no rasterising on the way: the PDF as archived
    _user, title, copies, options = first
    assert (title, copies) == ("WBS-2026-000001 Ablehnung v1", "2")
    assert "sides=two-sided-long-edge" in options.split()
    assert second[1:3] == ["WBS-2026-000002 Ablehnung v1", "1"] and "sides=one-sided" in second[3].split()


def test_a_printer_cups_does_not_know_fails_with_its_message(cups: CupsServer, letter: bytes) -> None:
    with pytest.raises(PrintFailed, match="CUPS hat den Auftrag abgelehnt: lp: "):
        CupsBackend().print_pdf(letter, PrintTarget("Drucker_gibt_es_nicht"), "x")


def test_no_scheduler_is_a_print_failure_not_a_hang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, letter: bytes) -> None:
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "nobody.sock"))
    with pytest.raises(PrintFailed, match="CUPS"):
        CupsBackend().print_pdf(letter, PrintTarget("Poststelle"), "x")


def test_printing_into_a_file_writes_the_original_bytes(tmp_path: Path, letter: bytes) -> None:
    out = tmp_path / "brief.pdf"
    print_letter(CupsBackend(lp="/nonexistent/lp"), letter, PrintTarget(file=out), "x")  # no printer involved
    assert out.read_bytes() == letter
    with pytest.raises(PrintFailed, match="kann nicht geschrieben werden"):
        print_letter(CupsBackend(), letter, PrintTarget(file=tmp_path / "missing" / "brief.pdf"), "x")


def test_without_cups_clients_or_windows_pdfium_the_raster_path_is_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.letters import print_windows
    from ui.letters.printing import RasterBackend

    monkeypatch.setenv("PATH", "/nonexistent")
    assert isinstance(default_backend(), RasterBackend)
    assert not print_windows.available()  # this Linux PDFium build has no GDI entry point
