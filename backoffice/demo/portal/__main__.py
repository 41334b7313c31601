"""``python -m backoffice.demo.portal``: the demo portal without the main CLI, German as the main CLI."""

from __future__ import annotations

import argparse
import sys

from ...cli import german_argparse
from .cli import add_arguments, run

DESCRIPTION = "Ein lokales FIT-Connect-Demoportal starten, das der Abruf wie das echte Portal abholt."


def main(argv: list[str] | None = None) -> int:
    with german_argparse():
        parser = argparse.ArgumentParser(prog="python -m backoffice.demo.portal", description=DESCRIPTION)
        add_arguments(parser)
        args = parser.parse_args(argv)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
