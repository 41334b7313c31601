"""CSV export of statistics: formula cells neutralised (the rule itself: test_export_text.py), UTF-8 with BOM for
Excel; the median of a day histogram."""

from __future__ import annotations

import csv
import io

from backoffice.services.statistics import median
from backoffice.services.statistics_export import Table, csv_bytes


def test_the_file_is_utf8_with_bom_semicolons_and_neutralised_cells() -> None:
    table = Table(("Leistung", "Wert"), (("Führungszeugnis", "=cmd|' /C calc'!A0"), ("@x", "3")))
    data = csv_bytes(table)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Leistung", "Wert"], ["Führungszeugnis", "'=cmd|' /C calc'!A0"], ["'@x", "3"]]
    assert data.endswith(b"\r\n")


def test_median_of_a_histogram() -> None:
    assert median({}) is None
    assert median({10: 1, 36: 1, 41: 1}) == 36
    assert median({14: 1, 3: 1}) == 8.5
    assert median({1: 3, 100: 1}) == 1  # ranks 1 and 2 of 0..3 are both 1
    assert median({2: 2, 4: 2}) == 3
