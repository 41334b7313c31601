"""Every legal figure of the rule tables, with its source and whether it is confirmed, as a Markdown table.

docs/RULES.md carries this table between two markers; a test keeps it equal to the tables, so a figure added,
changed or left unconfirmed shows up in the documentation. Rewrite the block after changing a table:

    python -m backoffice.rules.figures docs/RULES.md
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .tables import DatedEntry, load_rulebook

BOOKS = ("wbs", "elterngeld", "fuehrungszeugnis")
BEGIN = "<!-- figures:begin (python -m backoffice.rules.figures docs/RULES.md) -->"
END = "<!-- figures:end -->"
_NOT_FIGURES = ("source", "confirmed", "label")  # plus citations (…basis) and notices (…notice)


def _is_figure(key: str) -> bool:
    return key not in _NOT_FIGURES and not key.endswith(("basis", "notice"))


def _value(raw: Any) -> str:
    if isinstance(raw, str):
        return raw
    return json.dumps(raw, ensure_ascii=False, separators=(", ", ": "))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _row(book: str, entry: DatedEntry) -> str:
    until = entry.valid_to.isoformat() if entry.valid_to else "open"
    figures = "; ".join(f"`{k}` {_value(v)}" for k, v in entry.values.items() if _is_figure(k)) or "–"
    notices = [f"`{k}`" for k in entry.values if k.endswith("notice")]
    confirmed = "yes" if entry.confirmed else "**no**"
    if notices:
        confirmed += f" (doubt shown as {', '.join(notices)} where it applies)"
    source = str(entry.values.get("source", "")) or "–"
    return (f"| `{book}.{entry.ref}` | {entry.valid_from.isoformat()} – {until} | {_cell(figures)} | {_cell(source)} "
            f"| {confirmed} |")


def render() -> str:
    """The block between the markers, markers included."""
    rows = [_row(book, entry) for book in BOOKS for entries in load_rulebook(book).tables.values()
            for entry in entries]
    head = ["| entry | in force | figures | source | confirmed |", "|---|---|---|---|---|"]
    return "\n".join([BEGIN, *head, *rows, END])


def current_block(text: str) -> str | None:
    """The block as a document has it, markers included; None without markers."""
    start, end = text.find(BEGIN), text.find(END)
    return None if start < 0 or end < start else text[start:end + len(END)]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m backoffice.rules.figures docs/RULES.md", file=sys.stderr)
        return 2
    path = Path(args[0])
    text = path.read_text(encoding="utf-8")
    block = current_block(text)
    if block is None:
        print(f"{path}: no {BEGIN!r} … {END!r} block", file=sys.stderr)
        return 1
    path.write_text(text.replace(block, render()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
