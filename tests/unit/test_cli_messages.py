"""The command line speaks German: every message, table header, state and help text of the CLI modules.

Clerks, team leads and IT read it; the GUI's catalogue has its own test (tests/ui/test_message_catalogue.py).
Two views: the source (what ``print``, the errors and the help texts say, read with ``ast``, so a string
is caught before any command runs it) and the built parser (the placeholders and titles argparse shows).
Left alone on purpose: the stable subcommand and option names, the values a script types (``--status
in_progress``, documented as "code = German name"), JSON keys and the English field names of
``--format json``/``csv``.
"""

from __future__ import annotations

import argparse
import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from backoffice import cli

ROOT = Path(__file__).resolve().parents[2]
# The demo portal (``backoffice demo-portal``, also ``python -m backoffice.demo.portal``) is part of it.
DEMO_PORTAL = ROOT / "backoffice" / "demo" / "portal"
MODULES = sorted([*(ROOT / "backoffice").glob("cli*.py"),
                  *(DEMO_PORTAL / name for name in ("cli.py", "__main__.py", "described.py", "faults.py"))])

# English words no German sentence contains (words German shares are not here: "Server", "Status", "Kind", "was").
ENGLISH = frozenset("""
    the of to for from with without and or not is are be been cannot can only this that these those your you its
    it each every when until after before into must should would were has have does yes no entry entries
    removed created resolved deleted disabled sent stored connected retired user users case cases letter letters
    file error database default checked intact broken absent allowed open queue search assignee list show read
    write print set remove add new found failed invalid unknown missing required expected choose usage options
    arguments help message exit password sender key keys deadline reason days since receipt due overdue
    unassigned waiting documents awaiting skipped known rejected retried pending outbox notices created_by
    attempts next last department departments role roles clerk lead leads rule rules cover
""".split())
CODE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b(?!\s*=)")  # snake_case, unless documented as "code = Name"
# What is no prose: option names, JSON keys and other quoted tokens, environment variables, module paths, addresses.
NOT_PROSE = re.compile(
    r"\b[a-z][a-z0-9_]*(?=\s=\s)|%\(\w+\)[sr]|%[sr]|--?[\w-]+|\"[^\"]*\"|„[^“]*“|'[^']*'|\b[A-Z]+_[A-Z0-9_]+\b|[\w.]+:[\w]+|\S+://\S+|\S+@\S+|\S+\.example\b"
    r"|\b\w+\.(?:json|pdf|csv|md)\b"
)
# Calls whose arguments are shown to the user, and keyword arguments that are.
MESSAGE_CALLS = {"print", "CliError", "DomainError", "argparse.ArgumentTypeError", "print_problems", "_fail",
                 "getpass.getpass", "table_line", "SubmissionsFileError", "_EntryError", "ValueError"}
MESSAGE_KEYWORDS = {"help", "description", "epilog", "title", "metavar"}
NOT_MESSAGES = {"json.dumps", "json.dump", "getattr", "isinstance", "dict", "zip"}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_name(node.value)}.{node.attr}"
    return ""


class _Texts:
    """The user-facing string pieces of one module, and each raw enum value (``x.value``) put into one."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.found: list[tuple[int, str]] = []
        self.raw_values: list[int] = []
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                if _name(node.func) in MESSAGE_CALLS:
                    for arg in node.args:
                        self._collect(arg)
                for keyword in node.keywords:
                    if keyword.arg in MESSAGE_KEYWORDS:
                        self._collect(keyword.value)
        constants = path.name.startswith("cli")  # the demo portal's tables (fault kinds, a schema) say nothing
        for statement in tree.body if constants else ():  # module constants: COMMANDS' help, headers, fragments
            if isinstance(statement, ast.Assign | ast.AnnAssign) and statement.value is not None:
                targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                names = [t.id for t in targets if isinstance(t, ast.Name)]
                if names == ["COMMANDS"] and isinstance(statement.value, ast.Tuple):
                    for row in statement.value.elts:
                        assert isinstance(row, ast.Tuple)
                        self._collect(row.elts[1])
                elif names and names[0].lstrip("_").isupper():
                    self._collect(statement.value)

    def _collect(self, node: ast.expr) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            self.found.append((node.lineno, node.value))
        elif isinstance(node, ast.JoinedStr):
            for part in node.values:
                if isinstance(part, ast.FormattedValue):
                    if any(isinstance(n, ast.Attribute) and n.attr == "value" for n in ast.walk(part.value)):
                        self.raw_values.append(part.lineno)
                    self._collect(part.value)
                else:
                    self._collect(part)
        elif isinstance(node, ast.BinOp):
            self._collect(node.left)
            self._collect(node.right)
        elif isinstance(node, ast.IfExp | ast.BoolOp):
            for child in (node.values if isinstance(node, ast.BoolOp) else [node.body, node.orelse]):
                self._collect(child)
        elif isinstance(node, ast.Dict):  # the keys are codes, the values what is shown
            for value in node.values:
                self._collect(value)
        elif isinstance(node, ast.List | ast.Tuple | ast.Set):
            for element in node.elts:
                self._collect(element)
        elif isinstance(node, ast.ListComp | ast.GeneratorExp):
            self._collect(node.elt)
        elif isinstance(node, ast.Call) and _name(node.func) not in NOT_MESSAGES:
            if isinstance(node.func, ast.Attribute) and node.func.attr == "join":
                self._collect(node.func.value)
            for arg in node.args:
                self._collect(arg)


def _problems(text: str) -> list[str]:
    prose = NOT_PROSE.sub(" ", text)
    words = sorted({w for w in re.findall(r"[a-zäöüß]+", prose.lower()) if w in ENGLISH})
    codes = CODE.findall(prose)
    return [*(f"English {w!r}" for w in words), *(f"code {c!r}" for c in codes),
            *(["English 'e.g.'"] if "e.g." in text else [])]


@pytest.mark.parametrize("path", MODULES, ids=[p.relative_to(ROOT / "backoffice").as_posix() for p in MODULES])
def test_the_cli_modules_say_everything_in_german(path: Path) -> None:
    texts = _Texts(path)
    bad = [f"{path.name}:{line}: {problem} in {text[:70]!r}"
           for line, text in texts.found for problem in _problems(text)]
    bad += [f"{path.name}:{line}: a raw enum value (.value) in a message" for line in texts.raw_values]
    assert bad == []


def test_the_scan_finds_what_the_old_cli_said(tmp_path: Path) -> None:
    """The scan is no empty net: yesterday's messages are caught."""
    old = tmp_path / "cli_old.py"
    old.write_text(
        'import argparse\n'
        'def f(out, n, info, parser):\n'
        '    print(f"audit chain intact: {n} entries", file=out)\n'
        '    print(f"{info.aktenzeichen} {info.outcome.value} -> letter {info.letter_kind}", file=out)\n'
        '    print(f"{\'ID\':<6}{\'KIND\':<30}{\'STATUS\':<19}CREATED_BY", file=out)\n'
        '    parser.add_argument("--format", help="walk the hash chain")\n'
        '    raise CliError(f"cannot read {n}: awaiting_approval")\n',
        encoding="utf-8",
    )
    texts = _Texts(old)
    found = [problem for _line, text in texts.found for problem in _problems(text)]
    assert {"English 'entries'", "English 'letter'", "English 'the'", "English 'cannot'",
            "code 'awaiting_approval'"} <= set(found)
    assert texts.raw_values == [4]


def _parsers() -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Every parser of the command line, ``demo-portal`` (the stand-in for FIT-Connect) included."""
    stack: list[tuple[str, argparse.ArgumentParser]] = [("backoffice", cli.build_parser())]
    with cli.german_argparse():
        while stack:
            name, parser = stack.pop()
            if isinstance(parser, cli.CommandParser):
                parser.load()
            yield name, parser
            for action in parser._actions:
                if isinstance(action, argparse._SubParsersAction):
                    stack.extend((f"{name} {sub}", p) for sub, p in action.choices.items())


def test_every_help_page_is_german() -> None:
    """Help texts, titles and the placeholders argparse makes up from an option's name (``--queue QUEUE``)."""
    bad = []
    for name, parser in _parsers():
        shown = [parser.description or "", parser.epilog or "", *(g.title or "" for g in parser._action_groups)]
        for action in parser._actions:
            shown.append(action.help if action.help not in (None, argparse.SUPPRESS) else "")
            if isinstance(action, argparse._SubParsersAction):
                shown += [choice.help or "" for choice in action._choices_actions]
            elif action.metavar is not None:
                shown.append(str(action.metavar))
            elif action.choices is None and action.nargs != 0:  # argparse shows the destination's name
                shown.append(action.dest.upper() if action.option_strings else action.dest)
        bad += [f"{name}: {problem} in {text[:70]!r}" for text in shown for problem in _problems(text)]
    assert bad == []


def test_argparse_itself_speaks_german(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["cases", "list", "--status", "lost"])
    err = capsys.readouterr().err
    assert "Aufruf: backoffice cases list" in err and "ungültige Auswahl: 'lost'" in err and "error" not in err
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert "Optionen:" in out and "diese Hilfe zeigen und beenden" in out and "usage" not in out
    # Outside the command line argparse is as it was.
    assert argparse.ArgumentParser(prog="x").format_usage() == "usage: x [-h]\n"


def test_the_demo_portal_run_on_its_own_speaks_german(capsys: pytest.CaptureFixture[str]) -> None:
    from backoffice.demo.portal.__main__ import main as demo_portal

    with pytest.raises(SystemExit):
        demo_portal(["--port", "-1"])
    err = capsys.readouterr().err
    assert "Aufruf: python -m backoffice.demo.portal" in err and "darf nicht negativ sein" in err
    with pytest.raises(SystemExit):
        demo_portal(["--faults", "slow"])
    assert "erwartet ART:RATE" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        demo_portal(["--help"])
    out = capsys.readouterr().out
    assert "Optionen:" in out and "--credentials-out DATEI" in out and "usage" not in out
