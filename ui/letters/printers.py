"""Where a letter's PDF goes to paper: the backend interface, the print target, CUPS, and choosing a backend.

Vectors wherever the platform allows: on Linux and macOS the PDF itself goes to CUPS (``lp``;
PDF is CUPS's print format, its filters fit it to the printer), on Windows PDFium draws it into
the printer's device context (``print_windows``); Qt's raster path (``printing.RasterBackend``,
300 dpi grayscale) is the fallback where neither is there. "Print to PDF file" writes the
archived bytes unchanged. Backends run on a worker thread (``print_run``): ``print_pdf`` blocks.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication

LP_TIMEOUT_S = 60  # a CUPS that takes longer to accept a job is not answering


class PrintFailed(Exception):
    """The printer (or its spooler) did not take the job; the message is for the clerk."""


@dataclass(frozen=True, slots=True)
class PrintTarget:
    printer: str = ""  # a destination of the backend's list; "" means the system's default printer
    copies: int = 1
    duplex: bool = False  # both sides, flipped on the long edge (letters are portrait)
    file: Path | None = None  # print into this PDF file instead of a printer

    def label(self) -> str:
        """What the record of dispatch names: the printer, or the file printed into."""
        return str(self.file) if self.file is not None else (self.printer or "Standarddrucker")

    def numbered(self, index: int, total: int) -> PrintTarget:
        """For a run of several letters into files: one file each, ``name-001.pdf`` …"""
        if self.file is None or total == 1:
            return self
        return replace(self, file=self.file.with_name(f"{self.file.stem}-{index + 1:03d}{self.file.suffix or '.pdf'}"))


@dataclass(frozen=True, slots=True)
class Printers:
    names: tuple[str, ...]
    default: str | None


class PrintBackend(Protocol):
    def printers(self) -> Printers: ...

    def print_pdf(self, data: bytes, target: PrintTarget, title: str) -> None:
        """Hand ``data`` to ``target``'s printer; raises :class:`PrintFailed`."""


def print_letter(backend: PrintBackend, data: bytes, target: PrintTarget, title: str) -> None:
    """Print ``data`` on the target's printer, or write the original bytes into its file."""
    if target.file is None:
        backend.print_pdf(data, target, title)
        return
    try:
        target.file.write_bytes(data)
    except OSError as err:
        message = QCoreApplication.translate("LetterPrinting", "Die Datei %1 kann nicht geschrieben werden: %2")
        raise PrintFailed(message.replace("%1", str(target.file)).replace("%2", str(err.strerror))) from err


class CupsBackend:
    """CUPS through its command-line clients (``lp``, ``lpstat``): an argument list, never a shell."""

    def __init__(self, lp: str = "lp", lpstat: str = "lpstat") -> None:
        self._lp, self._lpstat = lp, lpstat

    def printers(self) -> Printers:
        names = tuple(line.strip() for line in self._run([self._lpstat, "-e"], parsed=True).splitlines() if line.strip())
        default = self._run([self._lpstat, "-d"], check=False, parsed=True)
        match = re.search(r"system default destination:\s*(\S+)", default)
        return Printers(names, match.group(1) if match else None)

    def print_pdf(self, data: bytes, target: PrintTarget, title: str) -> None:
        args = [self._lp, "-n", str(max(1, target.copies)), "-t", title[:200],
                "-o", "sides=two-sided-long-edge" if target.duplex else "sides=one-sided"]
        if target.printer:
            args[1:1] = ["-d", target.printer]
        self._run(args, data)  # the PDF on standard input: no temporary file to clean up

    def _run(self, args: list[str], data: bytes | None = None, *, check: bool = True, parsed: bool = False) -> str:
        # Output read by code in C's English; lp's errors in the clerk's language, for the clerk.
        env = {**os.environ, "LC_ALL": "C"} if parsed else None
        try:
            done = subprocess.run(args, input=data, capture_output=True, timeout=LP_TIMEOUT_S, check=False, env=env)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise PrintFailed(QCoreApplication.translate("LetterPrinting", "CUPS antwortet nicht: %1").replace("%1", str(err))) from err
        if check and done.returncode != 0:
            message = done.stderr.decode(errors="replace").strip()[:500] or str(done.returncode)
            raise PrintFailed(QCoreApplication.translate("LetterPrinting", "CUPS hat den Auftrag abgelehnt: %1").replace("%1", message))
        return done.stdout.decode(errors="replace")


def default_backend() -> PrintBackend:
    """PDFium on Windows, CUPS where its clients are installed, else Qt's raster path."""
    if sys.platform == "win32":
        from . import print_windows

        if print_windows.available():
            return print_windows.WindowsBackend()
    lp, lpstat = shutil.which("lp"), shutil.which("lpstat")
    if lp and lpstat:
        return CupsBackend(lp, lpstat)
    from .printing import RasterBackend

    return RasterBackend()

