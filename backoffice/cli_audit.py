"""``audit verify``: check the audit journal's hash chain (services.audit_verify)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from . import config
from .bootstrap import Database
from .cli_common import EXIT_ERROR, with_db
from .domain.german import count_noun
from .services.audit_verify import verify_audit_chain


def configure(parser: argparse.ArgumentParser) -> None:
    audit = parser.add_subparsers(dest="audit_command", required=True)
    verify = audit.add_parser(
        "verify", help="die Hash-Kette prüfen: Ende 0 mit der Zahl der Einträge, wenn sie unversehrt ist, sonst 1 mit "
        "dem ersten veränderten, eingefügten oder fehlenden Eintrag",
    )
    verify.add_argument("--format", choices=["text", "json"], default="text", help="text: zum Lesen; json: feste englische Feldnamen für Skripte")
    verify.set_defaults(run=cmd_audit_verify)


def cmd_audit_verify(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    def run(db: Database) -> int:
        with db.uow(write=False) as uow:
            report = verify_audit_chain(uow, progress=lambda n: print(f"{count_noun(n, 'Eintrag')} geprüft …",
                                                                        file=sys.stderr))
        if args.format == "json":
            print(json.dumps({"intact": report.intact, "entries": report.entries, "entry_id": report.entry_id,
                              "problem": report.problem}, ensure_ascii=False), file=out)
        elif report.intact:
            print(f"Prüfprotokoll unversehrt: {count_noun(report.entries, 'Eintrag')}", file=out)
        else:
            where = f"bei Eintrag {report.entry_id}" if report.entry_id is not None else "am Ende der Kette"
            intact = count_noun(report.entries, "unversehrten Eintrag", "unversehrten Einträgen")
            print(f"Prüfprotokoll verändert {where} (nach {intact}): {report.problem}", file=out)
        return 0 if report.intact else EXIT_ERROR

    return with_db(settings, run)
