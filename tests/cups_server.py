"""A private CUPS scheduler for tests: its own config, spool and socket under a temp directory.

Nothing of the machine's CUPS is touched (no /etc/cups, no system socket): ``CUPS_SERVER``
points the clients (``lp``, ``lpstat``, ``lpadmin``) at this scheduler's socket. Its queues
use a ``capture`` backend (below) that keeps each job's data and arguments in a directory,
so a test reads exactly what a printer would have been sent.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CUPS_LIB = Path("/usr/lib/cups")
_CAPTURE = """#!/bin/sh
# Test backend: keeps the job's data and arguments in the directory of its device URI.
[ $# -eq 0 ] && { echo 'direct capture "Unknown" "Capture"'; exit 0; }
dir=${DEVICE_URI#capture:}
if [ -n "$6" ]; then cat "$6" > "$dir/job-$1.tmp"; else cat > "$dir/job-$1.tmp"; fi
printf '%s\\n' "$2" "$3" "$4" "$5" > "$dir/job-$1.args"
mv "$dir/job-$1.tmp" "$dir/job-$1.pdf"
"""


@dataclass(frozen=True)
class CupsServer:
    socket: Path
    capture: Path  # job-N.pdf and job-N.args (user, title, copies, options) per printed job

    def add_printer(self, name: str, *, default: bool = False) -> None:
        env = {**os.environ, "CUPS_SERVER": str(self.socket)}
        # A raw queue: the scheduler hands the PDF to the backend as submitted (CUPS warns that raw is deprecated).
        subprocess.run(["lpadmin", "-p", name, "-v", f"capture:{self.capture}", "-E", "-m", "raw"],
                       env=env, check=True, capture_output=True, timeout=30)
        if default:
            subprocess.run(["lpadmin", "-d", name], env=env, check=True, capture_output=True, timeout=30)

    def jobs(self) -> dict[int, tuple[bytes, list[str]]]:
        found = {}
        for pdf in self.capture.glob("job-*.pdf"):
            number = int(pdf.stem.split("-")[1])
            found[number] = (pdf.read_bytes(), (self.capture / f"job-{number}.args").read_text().splitlines())
        return found


@contextmanager
def private_cups(root: Path) -> Iterator[CupsServer]:
    if shutil.which("cupsd") is None and not Path("/usr/sbin/cupsd").exists():
        raise AssertionError("cupsd is missing: tools/install-system-deps installs cups-daemon and cups-client")
    etc, binaries, capture = root / "etc", root / "bin", root / "capture"
    for d in (etc, root / "spool", root / "tmp", root / "cache", root / "state", root / "log", binaries / "backend", capture):
        d.mkdir(parents=True, exist_ok=True)
    for entry in CUPS_LIB.iterdir():
        if entry.name != "backend":
            (binaries / entry.name).symlink_to(entry)
    backend = binaries / "backend" / "capture"
    backend.write_text(_CAPTURE)
    backend.chmod(0o700)  # CUPS runs a 0700 backend as the scheduler's own user: the capture directory may be private
    socket = root / "cups.sock"
    (etc / "cupsd.conf").write_text(f"""Listen {socket}
LogLevel warn
Browsing No
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
""")
    (etc / "cups-files.conf").write_text("".join(f"{key} {value}\n" for key, value in {
        "ServerRoot": etc, "ServerBin": binaries, "RequestRoot": root / "spool", "TempDir": root / "tmp",
        "CacheDir": root / "cache", "StateDir": root / "state", "AccessLog": root / "log/access_log",
        "ErrorLog": root / "log/error_log", "PageLog": root / "log/page_log"}.items()))
    cupsd = shutil.which("cupsd") or "/usr/sbin/cupsd"
    proc = subprocess.Popen([cupsd, "-f", "-c", str(etc / "cupsd.conf"), "-s", str(etc / "cups-files.conf")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while not socket.exists():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"cupsd did not start: {proc.stderr.read().decode() if proc.stderr else ''}")
            time.sleep(0.05)
        yield CupsServer(socket, capture)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def wait_for_jobs(server: CupsServer, count: int, timeout: float = 30) -> dict[int, tuple[bytes, list[str]]]:
    deadline = time.monotonic() + timeout
    while len(jobs := server.jobs()) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"{len(jobs)} of {count} jobs reached the printer")
        time.sleep(0.05)
    return jobs
