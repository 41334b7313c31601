"""``audit verify``: check the audit journal's hash chain (services.audit_verify)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from . import config
from .bootstrap import Database
from .cli_common import EXIT_ERROR, with_db
from .services.audit_verify import verify_audit_chain


def configure(parser: argparse.ArgumentParser) -> None:
    audit = parser.add_subparsers(dest="audit_command", required=True)
    verify = audit.add_parser(
        "verify", help="walk the hash chain; exit 0 with the count when intact, 1 naming the first altered, "
        "inserted or missing entry",
    )
    verify.add_argument("--format", choices=["text", "json"], default="text")
    verify.set_defaults(run=cmd_audit_verify)


def cmd_audit_verify(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    def run(db: Database) -> int:
        with db.uow(write=False) as uow:
            report = verify_audit_chain(uow, progress=lambda n: print(f"{n} entries checked…", file=sys.stderr))
        if args.format == "json":
            print(json.dumps({"intact": report.intact, "entries": report.entries, "entry_id": report.entry_id,
                              "problem": report.problem}, ensure_ascii=False), file=out)
        elif report.intact:
            print(f"audit chain intact: {report.entries} entries", file=out)
        else:
            where = f"entry {report.entry_id}" if report.entry_id is not None else "the end of the chain"
            print(f"audit chain broken at {where} (after {report.entries} intact entries): {report.problem}", file=out)
        return 0 if report.intact else EXIT_ERROR

    return with_db(settings, run)
