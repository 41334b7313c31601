"""``backoffice demo-portal``: run the demo portal in the foreground until SIGTERM/SIGINT."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from typing import Any, TextIO

from . import DEFAULT_MAX_ATTACHMENT_BYTES, DemoPortal
from . import faults as fault_spec
from .described import DescribedSubmission, SubmissionsFileError, load_submissions


def _non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def _non_negative_float(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be positive")
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
    parser.add_argument("--port", type=_non_negative_int, default=0, help="TCP port on 127.0.0.1 (0: a free port)")
    parser.add_argument("--count", type=_non_negative_int, default=None,
                        help="submissions generated at start (default 25; 0 with --submissions)")
    parser.add_argument("--submissions", type=_submissions, metavar="FILE",
                        help="serve the submissions this JSON file describes (docs/DEMO_PORTAL.md), before "
                             "any generated ones")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same submissions)")
    parser.add_argument("--rate", type=_non_negative_float, default=0.0, metavar="PER_MINUTE",
                        help="keep producing new submissions at this rate")
    parser.add_argument("--faults", type=_faults, default="", metavar="SPEC",
                        help="e.g. http503:0.05,slow:0.1,drop:0.05,hash_mismatch:0.02 (rates 0..1); kinds: "
                        + ", ".join(fault_spec.TRANSPORT + fault_spec.CONTENT))
    parser.add_argument("--credentials-out", metavar="FILE",
                        help="write client credentials and the subscriber's private keys here (mode 0600)")
    parser.add_argument("--key-size", type=int, choices=(2048, 3072, 4096), default=4096, help="RSA key size")
    parser.add_argument("--max-attachment-bytes", type=_positive_int, default=DEFAULT_MAX_ATTACHMENT_BYTES,
                        help="size limit the oversize_attachment fault exceeds")
    parser.add_argument("--token-ttl", type=_positive_float, default=1800.0, help="access token lifetime in seconds")
    parser.add_argument("--timeout-delay", type=_non_negative_float, default=35.0,
                        help="seconds the timeout fault holds a request before hanging up")
    parser.add_argument("--verbose", action="store_true", help="log injected faults and requests on stderr")


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
        print(f"demo portal on {url} ({len(portal.submission_ids())} submissions)", file=out, flush=True)
        while not stop.wait(0.5):
            pass
    finally:
        portal.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0
