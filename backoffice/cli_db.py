"""``db upgrade`` and ``demo seed``: create or migrate the database, fill a demo database."""

from __future__ import annotations

import argparse
from typing import TextIO

from . import config
from .bootstrap import Database
from .cli_common import CliError, non_negative, with_db


def configure_db(parser: argparse.ArgumentParser) -> None:
    db = parser.add_subparsers(dest="db_command", required=True)
    upgrade = db.add_parser("upgrade", help="create or migrate the database to the current schema")
    upgrade.add_argument("--demo", action="store_true", help="mark a new database as a demo database (synthetic data only)")
    upgrade.set_defaults(run=cmd_db_upgrade)


def configure_demo(parser: argparse.ArgumentParser) -> None:
    demo = parser.add_subparsers(dest="demo_command", required=True)
    seed = demo.add_parser("seed", help="fill the database with realistic synthetic cases")
    seed.add_argument("--count", type=non_negative, required=True, help="number of cases (0: only the demo users)")
    seed.add_argument("--seed", type=int, default=1, help="random seed (same seed, same cases)")
    seed.set_defaults(run=cmd_demo_seed)


def cmd_db_upgrade(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    from .services.identity import mark_demo_database

    def run(db: Database) -> int:
        if args.demo:
            with db.uow() as uow:
                if uow.cases.any_case():
                    raise CliError("the database holds cases: it cannot become a demo database")
                mark_demo_database(uow)
                uow.commit()
        print(f"database is up to date: {_redact(settings.db_url)}", file=out)
        return 0

    return with_db(settings, run, migrate=True)


def cmd_demo_seed(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    from .demo.seed import seed_demo

    def run(db: Database) -> int:
        created = seed_demo(db.uow, count=args.count, seed=args.seed)
        print(f"created {created} demo cases", file=out)
        return 0

    return with_db(settings, run)


def _redact(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
