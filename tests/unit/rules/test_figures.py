"""docs/RULES.md lists every legal figure of the rule tables with its source and whether it is confirmed."""

from __future__ import annotations

from pathlib import Path

from backoffice.rules import load_rulebook
from backoffice.rules.figures import BEGIN, BOOKS, END, current_block, main, render

RULES_MD = Path(__file__).resolve().parents[3] / "docs" / "RULES.md"


def test_rules_md_carries_the_current_figure_table() -> None:
    assert current_block(RULES_MD.read_text(encoding="utf-8")) == render(), \
        "run: python -m backoffice.rules.figures docs/RULES.md"


def test_every_entry_has_a_row_with_its_source_and_its_confirmation() -> None:
    rows = {line.split("|")[1].strip(" `"): line for line in render().splitlines() if line.startswith("| `")}
    for book in BOOKS:
        for entries in load_rulebook(book).tables.values():
            for entry in entries:
                row = rows.pop(f"{book}.{entry.ref}")
                source = str(entry.values["source"]).replace("|", "\\|")
                assert source and source in row
                assert row.rstrip(" |").split("|")[-1].strip().startswith("yes" if entry.confirmed else "**no**")
    assert rows == {}
    tolerance = next(line for line in render().splitlines() if "`wbs.tolerance@" in line)
    assert "`rate` 0.05" in tolerance and "**no**" in tolerance
    fees = next(line for line in render().splitlines() if "`fuehrungszeugnis.fees@2013-08-01`" in line)
    assert "`european` 17.00" in fees and "`european_notice`" in fees and "`standard_basis`" not in fees


def test_the_tool_rewrites_only_the_block_between_the_markers(tmp_path: Path) -> None:
    doc = tmp_path / "RULES.md"
    doc.write_text(f"# Rules\n\nbefore\n\n{BEGIN}\n| stale |\n{END}\n\nafter\n", encoding="utf-8")
    assert main([str(doc)]) == 0
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("# Rules\n\nbefore\n\n") and text.endswith("\n\nafter\n")
    assert "| stale |" not in text and current_block(text) == render()
    (tmp_path / "plain.md").write_text("no markers\n", encoding="utf-8")
    assert main([str(tmp_path / "plain.md")]) == 1
