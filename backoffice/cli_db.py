"""``db upgrade`` and ``demo seed``: create or migrate the database, fill a demo database."""

from __future__ import annotations

import argparse
from typing import TextIO

from . import config
from .bootstrap import Database
from .cli_common import CliError, non_negative, with_db
from .domain.german import count_noun


def configure_db(parser: argparse.ArgumentParser) -> None:
    db = parser.add_subparsers(dest="db_command", required=True)
    upgrade = db.add_parser("upgrade", help="Datenbank anlegen oder auf den aktuellen Stand bringen")
    upgrade.add_argument("--demo", action="store_true", help="eine neue Datenbank als Demo-Datenbank kennzeichnen (nur erfundene Daten)")
    upgrade.set_defaults(run=cmd_db_upgrade)


def configure_demo(parser: argparse.ArgumentParser) -> None:
    demo = parser.add_subparsers(dest="demo_command", required=True)
    seed = demo.add_parser("seed", help="die Datenbank mit wirklichkeitsnahen erfundenen Fällen füllen")
    seed.add_argument("--count", type=non_negative, required=True, metavar="ANZAHL",
                      help="Zahl der Fälle (0: nur die Demo-Benutzer)")
    seed.add_argument("--seed", type=int, default=1, metavar="ZAHL",
                      help="Startwert des Zufalls (gleicher Startwert, gleiche Fälle)")
    seed.set_defaults(run=cmd_demo_seed)


def cmd_db_upgrade(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    from .services.identity import mark_demo_database

    def run(db: Database) -> int:
        if args.demo:
            with db.uow() as uow:
                if uow.cases.any_case():
                    raise CliError("Die Datenbank enthält Fälle: sie kann keine Demo-Datenbank werden")
                mark_demo_database(uow)
                uow.commit()
        print(f"Datenbank ist auf dem aktuellen Stand: {_redact(settings.db_url)}", file=out)
        return 0

    return with_db(settings, run, migrate=True)


def cmd_demo_seed(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    from .demo.seed import seed_demo

    def run(db: Database) -> int:
        created = seed_demo(db.uow, count=args.count, seed=args.seed)
        print(f"{count_noun(created, 'Demo-Fall', 'Demo-Fälle')} angelegt", file=out)
        return 0

    return with_db(settings, run)


def _redact(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
