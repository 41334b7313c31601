"""``backoffice demo-portal``: run the demo portal in the foreground until SIGTERM/SIGINT.

Its messages and help are German, as the rest of the command line; the option names stay as they are.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from typing import Any, TextIO

from ...domain.german import count_noun
from . import DEFAULT_MAX_ATTACHMENT_BYTES, DemoPortal
from . import faults as fault_spec
from .described import DescribedSubmission, SubmissionsFileError, load_submissions


def _non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("darf nicht negativ sein")
    return value


def _non_negative_float(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError("darf nicht negativ sein")
    return value


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("muss mindestens 1 sein")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("muss größer als 0 sein")
    return value


def _faults(text: str) -> str:
    try:
        fault_spec.parse(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None
    return text


def _submissions(path: str) -> list[DescribedSubmission]:
    """Load and validate at parse time: a bad file ends the command (exit 2) before any key is made."""
    try:
        return load_submissions(path)
    except SubmissionsFileError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=_non_negative_int, default=0, metavar="PORT",
                        help="TCP-Port auf 127.0.0.1 (0: ein freier Port)")
    parser.add_argument("--count", type=_non_negative_int, default=None, metavar="ANZAHL",
                        help="beim Start erzeugte Einreichungen (Vorgabe 25; 0 mit --submissions)")
    parser.add_argument("--submissions", type=_submissions, metavar="DATEI",
                        help="die Einreichungen bereitstellen, die diese JSON-Datei beschreibt (docs/DEMO_PORTAL.md), "
                             "vor den erzeugten")
    parser.add_argument("--seed", type=int, default=1, metavar="ZAHL",
                        help="Startwert des Zufalls (gleicher Startwert, gleiche Einreichungen)")
    parser.add_argument("--rate", type=_non_negative_float, default=0.0, metavar="PRO_MINUTE",
                        help="laufend neue Einreichungen in dieser Rate erzeugen")
    parser.add_argument("--faults", type=_faults, default="", metavar="FEHLERBILD",
                        help="z. B. http503:0.05,slow:0.1,drop:0.05,hash_mismatch:0.02 (Raten 0 bis 1); Arten: "
                        + ", ".join(f"„{kind}“" for kind in fault_spec.TRANSPORT + fault_spec.CONTENT))
    parser.add_argument("--credentials-out", metavar="DATEI",
                        help="Zugangsdaten des Clients und die privaten Schlüssel des Abrufs hierhin schreiben "
                             "(Modus 0600)")
    parser.add_argument("--key-size", type=int, choices=(2048, 3072, 4096), default=4096,
                        help="Länge der RSA-Schlüssel in Bit")
    parser.add_argument("--max-attachment-bytes", type=_positive_int, default=DEFAULT_MAX_ATTACHMENT_BYTES,
                        metavar="BYTE", help="Größengrenze, die der Fehler „oversize_attachment“ überschreitet")
    parser.add_argument("--token-ttl", type=_positive_float, default=1800.0, metavar="SEKUNDEN",
                        help="Gültigkeit eines Zugriffstokens in Sekunden")
    parser.add_argument("--timeout-delay", type=_non_negative_float, default=35.0, metavar="SEKUNDEN",
                        help="Sekunden, die der Fehler „timeout“ eine Anfrage hält, bevor er auflegt")
    parser.add_argument("--verbose", action="store_true",
                        help="eingespielte Fehler und Anfragen auf der Standardfehlerausgabe protokollieren")


def configure(parser: argparse.ArgumentParser) -> None:
    """The main CLI's ``demo-portal`` subcommand."""
    add_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, settings: Any = None, out: TextIO | None = None) -> int:
    """Serve until SIGTERM/SIGINT; ``settings`` is unused (the portal needs no database)."""
    out = out or sys.stdout
    if args.verbose:
        logging.basicConfig(level=logging.DEBUG, format="%(asctime)s %(message)s", stream=sys.stderr)
    submissions = getattr(args, "submissions", None)
    count = args.count if args.count is not None else (0 if submissions is not None else 25)
    portal = DemoPortal(count=count, submissions=submissions, seed=args.seed, rate=args.rate, faults=args.faults,
                        key_size=args.key_size, max_attachment_bytes=args.max_attachment_bytes,
                        token_ttl=args.token_ttl, port=args.port, timeout_delay=args.timeout_delay)
    stop = threading.Event()
    previous = {}
    if threading.current_thread() is threading.main_thread():  # signal handlers only work there
        for sig in (signal.SIGTERM, signal.SIGINT):
            previous[sig] = signal.signal(sig, lambda *_: stop.set())
    try:
        url = portal.start()
        if args.credentials_out:
            portal.write_credentials(args.credentials_out)
        count_text = count_noun(len(portal.submission_ids()), "Einreichung", "Einreichungen")
        print(f"Demoportal unter {url} ({count_text})", file=out, flush=True)
        while not stop.wait(0.5):
            pass
    finally:
        portal.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0
