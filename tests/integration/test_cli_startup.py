"""``backoffice --help`` loads no heavy library: the commands are registered by name and the
module implementing one is imported only when it runs (backoffice/cli.py). Checked by what the
process imported (``sys.modules`` when the command has exited), not by a timing."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from backoffice import cli

HEAVY = ("sqlalchemy", "alembic", "reportlab", "pikepdf", "pypdf", "jsonschema", "httpx", "keyring", "PySide6")


# Runs the CLI as ``python -m backoffice`` does, then reports every module the process loaded.
WRAPPER = """
import json, sys
from backoffice.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
print("MODULES " + json.dumps(sorted(sys.modules)), file=sys.stderr)
sys.exit(code)
"""


def imported_modules(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    result = subprocess.run([sys.executable, "-c", WRAPPER, *args], capture_output=True, text=True, timeout=120)
    line = next(line for line in result.stderr.splitlines() if line.startswith("MODULES "))
    modules = set(json.loads(line.removeprefix("MODULES ")))
    assert "argparse" in modules  # what is asserted absent below could be present
    return result, modules


def heavy(modules: set[str]) -> set[str]:
    return {m for m in modules if m.split(".")[0] in HEAVY}


def test_help_as_a_script_runs_it() -> None:
    result = subprocess.run([sys.executable, "-m", "backoffice", "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0
    assert result.stdout.startswith("Aufruf: backoffice [-h] [--db URL] [--user LOGIN] BEFEHL ...")


def test_help_imports_no_heavy_library() -> None:
    result, modules = imported_modules("--help")
    assert result.returncode == 0
    assert heavy(modules) == set()
    assert {m for m in modules if m.startswith("backoffice.")} == {"backoffice.cli"}
    for name, text, _configure in cli.COMMANDS:
        assert name in result.stdout
        assert text.split()[0] in result.stdout


def test_an_unknown_command_is_refused_without_loading_any() -> None:
    result, modules = imported_modules("no-such-command")
    assert result.returncode == 2
    assert "ungültige Auswahl: 'no-such-command'" in result.stderr
    assert heavy(modules) == set()


def test_a_commands_help_loads_only_its_module() -> None:
    result, modules = imported_modules("calc", "--help")
    assert result.returncode == 0
    assert "--input DATEI.json" in result.stdout
    assert "backoffice.cli_calc" in modules
    assert not {m for m in modules if m.startswith("backoffice.cli_") and m != "backoffice.cli_calc"}
    assert heavy(modules) <= {"jsonschema"}  # the rule tables' checks, but no database and no letters


@pytest.mark.parametrize(("name", "text", "configure"), cli.COMMANDS)
def test_every_command_in_the_table_loads(name: str, text: str, configure: str) -> None:
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    command = sub.choices[name]
    assert isinstance(command, cli.CommandParser)
    assert command.configure == configure
    usage = command.format_help()  # loads the module and its arguments
    assert command.configure == ""
    assert usage.startswith(f"usage: backoffice {name}")
    assert len(command._actions) > 1 or command.get_default("run") is not None
