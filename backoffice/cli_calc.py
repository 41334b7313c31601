"""CLI command ``calc``: run a rule calculation on a JSON input file and print the result as JSON.

Uses the same functions as the GUI (backoffice.rules). Input problems print one
line each on stderr and exit 1; the output fields are documented in docs/RULES.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from . import config
from .domain.export_text import printable
from .rules import CALCULATORS, RuleInputError

EXIT_INPUT = 1


def configure(calc: argparse.ArgumentParser) -> None:
    calc.add_argument("service", choices=sorted(CALCULATORS), metavar="LEISTUNG",
                      help="welche Regeln gelten: " + ", ".join(sorted(CALCULATORS)))
    calc.add_argument("--input", required=True, type=Path, metavar="DATEI.json",
                      help="die Angaben des Falls als JSON-Objekt („-“ liest die Standardeingabe)")
    calc.set_defaults(run=cmd_calc)


def cmd_calc(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    try:
        text = sys.stdin.read() if str(args.input) == "-" else args.input.read_text(encoding="utf-8")
        data = json.loads(text)
        result = CALCULATORS[args.service](data)
    except OSError as err:
        return _fail([f"Eingabedatei nicht lesbar: {args.input}: {err.strerror or type(err).__name__}"])
    except UnicodeDecodeError:
        return _fail([f"Eingabedatei ist kein UTF-8-Text: {args.input}"])
    except json.JSONDecodeError as err:
        return _fail([f"Eingabedatei ist kein gültiges JSON: {args.input}: Zeile {err.lineno}, Spalte {err.colno}"])
    except RuleInputError as err:  # whoever runs calc writes the JSON: fields named by label and key
        return _fail(err.rendered(keys=True))
    json.dump(result.as_json(), out, ensure_ascii=False, indent=2)
    out.write("\n")
    return 0


def _fail(problems: tuple[str, ...] | list[str]) -> int:
    for problem in problems:
        print(f"backoffice calc: {printable(problem)}", file=sys.stderr)
    return EXIT_INPUT
