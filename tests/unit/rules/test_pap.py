"""The BMF's payroll-tax programmes (PAP): the stored XML, the generated code, and the BMF's own test values."""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
from decimal import Decimal
from pathlib import Path

import pytest

from backoffice.rules.pap import YEARS, PapInput, monthly_tax, xml_name, xml_sha256
from backoffice.rules.tables import load_rulebook

ROOT = Path(__file__).resolve().parents[3]
CHECKS = json.loads((Path(__file__).with_name("data") / "pap_prueftabellen.json").read_text(encoding="utf-8"))


def _generator() -> object:
    spec = importlib.util.spec_from_file_location("generate_pap", ROOT / "tools" / "generate_pap.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("year", YEARS)
def test_generated_module_is_what_lstgen_makes_of_the_stored_xml(year: int) -> None:
    generated = _generator().generate(year)  # type: ignore[attr-defined]
    committed = (ROOT / "backoffice" / "rules" / "pap" / f"lohnsteuer{year}.py").read_text(encoding="utf-8")
    assert generated == committed, f"run: .venv/bin/python tools/generate_pap.py {year}"
    assert xml_sha256(year) in committed


def test_table_names_the_stored_files_and_their_hashes() -> None:
    entries = [e for e in load_rulebook("elterngeld").tables["pap"] if e.values["pap_year"] is not None]
    assert [e.integer("pap_year") for e in entries] == list(YEARS)
    for entry in entries:
        year = entry.integer("pap_year")
        assert entry.text("file") == xml_name(year)
        assert entry.text("sha256") == xml_sha256(year)
        assert entry.valid_from.year == year + 1  # § 2e Abs. 1: the PAP of the year before the birth
        xml = (ROOT / "resources" / "rules" / "pap" / xml_name(year)).read_bytes()
        assert hashlib.sha256(xml).hexdigest() == entry.text("sha256")
        assert f'<PAP name="Lohnsteuer{year}"'.encode() in xml[:200] and b"ITZBund" in xml[:300]


@pytest.mark.parametrize(("year", "kind"), [(y, k) for y in CHECKS["tables"] for k in ("general", "special")])
def test_bmf_pruftabelle(year: str, kind: str) -> None:
    """Every row of the BMF's Allgemeine and Besondere Prüftabelle, yearly tax in whole euros."""
    cls = getattr(importlib.import_module(f"backoffice.rules.pap.lohnsteuer{year}"), f"Lohnsteuer{year}")
    fixed = CHECKS["inputs"][year][kind]
    wrong = []
    for wage, tax_class, expected in CHECKS["tables"][year][kind]:
        pap = cls(af=0, LZZ=1, RE4=Decimal(wage * 100), STKL=tax_class, PVZ=0 if tax_class == 2 else 1, R=0,
                  ZKF=Decimal(0), PVA=Decimal(0), KRV=fixed["KRV"], KVZ=Decimal(fixed["KVZ"]), PKV=fixed["PKV"])
        pap.MAIN()
        if int(Decimal(pap.LSTLZZ) / 100) != expected:
            wrong.append((wage, tax_class, expected, pap.LSTLZZ))
    assert len(CHECKS["tables"][year][kind]) == 234 and not wrong


@pytest.mark.parametrize(("year", "given", "tax", "soli", "base"), [
    # Monthly pay (LZZ 2), as § 2e BEEG uses the programmes; regression values of the stored PAP (the BMF's own
    # values are the Prüftabellen above, yearly). A Kinderfreibetrag lowers only the church tax base.
    (2024, PapInput(Decimal(3000), 1, kvz=Decimal("1.7"), church=True), "322.08", "0.00", "322.08"),
    (2025, PapInput(Decimal(3000), 1, kvz=Decimal("2.5"), church=True), "306.50", "0.00", "306.50"),
    (2025, PapInput(Decimal(7000), 1, kvz=Decimal("2.5"), church=True, child_allowances=Decimal(1)),
     "1480.16", "0.00", "1158.33"),
    (2026, PapInput(Decimal(3000), 1, kvz=Decimal("2.9"), alv=1, church=True), "298.00", "0.00", "298.00"),
])
def test_monthly_door(year: int, given: PapInput, tax: str, soli: str, base: str) -> None:
    result = monthly_tax(year, given)
    assert (result.income_tax, result.solidarity_surcharge, result.church_tax_base) == (
        Decimal(tax), Decimal(soli), Decimal(base))


def test_no_programme_for_other_years() -> None:
    with pytest.raises(ValueError, match="no PAP for 2023"):
        monthly_tax(2023, PapInput(Decimal(3000), 1))
