"""Realistic sample letters of every kind, and the page images in docs/letters/.

    python -m backoffice.letters.samples docs/letters

writes ``<kind>.png`` (first page) and ``<kind>-p<N>.png`` (further pages), 80 dpi via poppler's pdftoppm, for each kind.
The figures are examples for the images, not legal tables.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from backoffice.domain.catalog import Service
from backoffice.letters.data import Clerk, LetterData, Line, Recipient, Table
from backoffice.letters.kinds import KINDS
from backoffice.letters.letterhead import load_letterhead
from backoffice.letters.render import render_letter
from backoffice.rules import month_of_life_period

LETTER_DATE = date(2026, 11, 25)

_RECIPIENTS = {
    Service.WBS: Recipient("Ayşe Yılmaz", ("Schloßstraße 12", "45468 Mülheim an der Ruhr")),
    Service.ELTERNGELD: Recipient("Jürgen Müßig", ("Aktienstraße 87 a", "45473 Mülheim an der Ruhr"),
                                  salutation="Sehr geehrter Herr Müßig,"),
    Service.FUEHRUNGSZEUGNIS: Recipient(
        "Frau Dr. Renée Kowalczyk", ("c/o Familie Öztürk", "Düsseldorfer Straße 41", "45481 Mülheim an der Ruhr"),
        salutation="Sehr geehrte Frau Dr. Kowalczyk,"),
}
_CLERKS = {
    Service.WBS: Clerk("Martina Schäfer", "0208 455-5012", "martina.schaefer@muelheim-ruhr.de", room="C.214"),
    Service.ELTERNGELD: Clerk("Stefan Brüggemann", "0208 455-4531", "stefan.brueggemann@muelheim-ruhr.de"),
    Service.FUEHRUNGSZEUGNIS: Clerk("Lea Nowak", "0208 455-3307", "lea.nowak@muelheim-ruhr.de"),
}
_AZ = {Service.WBS: "WBS-2026-000123", Service.ELTERNGELD: "EG-2026-000457", Service.FUEHRUNGSZEUGNIS: "FZ-2026-001024"}


def _period(month: int) -> str:
    """The sample child's (born 14.09.2026) month of life as the letters print it."""
    start, end = month_of_life_period(date(2026, 9, 14), month)
    return f"{start:%d.%m.%Y} – {end:%d.%m.%Y}"


def _final_months() -> Table:
    """Months 1–12: provisionally 975.00 € ((2,000 − 500) × 65 %), finally 780.00 € ((2,000 − 800) × 65 %)."""
    paid, due = Decimal("975.00"), Decimal("780.00")
    rows = tuple((f"{month}.", _period(month), paid, due, due - paid) for month in range(1, 13))
    return Table(("Lebensmonat", "Zeitraum", "vorläufig gezahlt", "endgültig", "Differenz"), rows)


def _months() -> Table:
    """Basiselterngeld in months 1–10, the Partnerschaftsbonus in 11–14, month 14 refused (34 hours a week)."""
    rows = []
    for month in range(1, 15):
        variant = "Basiselterngeld" if month <= 10 else "Partnerschaftsbonus"
        granted = month != 14
        amount = (Decimal("1300.00") if month <= 10 else Decimal("390.00")) if granted else Decimal("0.00")
        rows.append((f"{month}.", _period(month), variant, "bewilligt" if granted else "abgelehnt", amount))
    return Table(("Lebensmonat", "Zeitraum", "Variante", "Entscheidung", "Betrag"), tuple(rows))


EG_REFUSED_MONTH = ("14. Lebensmonat (14.10.2027 – 13.11.2027): Der Partnerschaftsbonus setzt voraus, dass Sie im "
                    "Durchschnitt des Lebensmonats nicht weniger als 24 und nicht mehr als 32 Wochenstunden "
                    "erwerbstätig sind (§ 4b Abs. 1 BEEG; angegeben: 34 Wochenstunden).")
EG_PROVISIONAL = ("Nach Ihren Angaben haben Sie im Bezugszeitraum voraussichtlich Einkommen aus Erwerbstätigkeit "
                  "(§ 8 Abs. 3 BEEG). Nach Ablauf des Bezugszeitraums ist das tatsächlich erzielte Einkommen "
                  "und die wöchentliche Arbeitszeit in den Monaten mit Partnerschaftsbonus nachzuweisen "
                  "(§ 8 Abs. 1 BEEG).")


GRANT_REASON = ("Das anrechenbare Gesamteinkommen Ihres Haushalts überschreitet die Einkommensgrenze für 3 Personen "
                "nach § 13 WFNG NRW nicht.")


def _samples() -> dict[str, dict[str, Any]]:
    return {
        "wbs_grant": dict(
            values=dict(application_date=date(2026, 10, 2), household_size="3 Personen",
                        permitted_size="bis 80 m² Wohnfläche oder bis 3 Wohnräume (zuzüglich Küche und Nebenräume)",
                        valid_from=LETTER_DATE, valid_until=date(2027, 11, 24)),
            reasons=(GRANT_REASON,),
            lines=(("Einkommen 1 (Ayşe Yılmaz): Bruttoeinnahmen", Decimal("31000.00")),
                   ("Einkommen 1 (Ayşe Yılmaz): Werbungskosten", Decimal("-1230.00")),
                   ("Einkommen 1 (Ayşe Yılmaz): pauschaler Abzug 12 % Steuern vom Einkommen", Decimal("-3572.40")),
                   ("Kein Freibetrag junges Ehepaar oder junge Lebenspartnerschaft: Eheschließung bzw. Begründung "
                    "der Lebenspartnerschaft am 14.05.2022; Emre Yılmaz (geboren am 09.01.1986) hat bei "
                    "Antragstellung am 02.10.2026 das 40. Lebensjahr vollendet.", ""),
                   ("Freibetrag schwerbehinderter Mensch: Ayşe Yılmaz, GdB 100 ohne häusliche Pflegebedürftigkeit "
                    "(Nachweis: Schwerbehindertenausweis).", Decimal("-4500.00")),
                   Line("Gesamteinkommen des Haushalts", Decimal("21697.60"), emphasis=True),
                   Line("Einkommensgrenze für 3 Personen", Decimal("35740.00"), emphasis=True)),
            tables={"household": Table(("Name", "Geburtsdatum", "Stellung im Haushalt"), (
                ("Ayşe Yılmaz", date(1988, 4, 17), "Antragstellerin oder Antragsteller"),
                ("Emre Yılmaz", date(1986, 1, 9), "Ehegattin oder Ehegatte"),
                ("Elif Yılmaz", date(2019, 6, 30), "Kind"),
            ))},
        ),
        "wbs_refusal": dict(
            values=dict(application_date=date(2026, 10, 2), household_size="2 Personen", household_income=Decimal("32748.80"),
                        income_limit=Decimal("28350.00"), income_exceeded="ja"),
            reasons=("Das anrechenbare Gesamteinkommen Ihres Haushalts übersteigt die Einkommensgrenze nach § 13 "
                     "WFNG NRW um mehr als 5 %.",),
            lines=(("Bruttoeinkommen des Haushalts im Kalenderjahr 2025", Decimal("52400.00")),
                   ("abzüglich Werbungskosten", Decimal("-1230.00")),
                   ("Zwischensumme", Decimal("51170.00")),
                   ("abzüglich Pauschalen von je 12 % für Steuern, Kranken- und Rentenversicherung "
                    "(36 %, § 15 Abs. 2 WFNG NRW)", Decimal("-18421.20")),
                   Line("Anrechenbares Gesamteinkommen", Decimal("32748.80"), emphasis=True),
                   ("Einkommensgrenze für 2 Personen (§ 13 WFNG NRW, gültig ab 01.01.2025)", Decimal("28350.00"))),
        ),
        "wbs_documents_request": dict(
            values=dict(application_date=date(2026, 10, 2)), deadline=date(2026, 12, 16),
            documents=("Einkommenserklärung für jedes Haushaltsmitglied mit Einkommen (Vordruck liegt bei)",
                       "Lohn- und Gehaltsabrechnungen der letzten zwölf Monate",
                       "Kopie des Personalausweises oder Aufenthaltstitels aller Haushaltsmitglieder",
                       "Schwerbehindertenausweis (falls vorhanden)"),
        ),
        "elterngeld_grant": dict(
            values=dict(application_date=date(2026, 10, 20), child_name="Mila Müßig",
                        child_birth_date=date(2026, 9, 14), total_amount=Decimal("14170.00"),
                        grant_verb="bewillige ich Ihnen vorläufig", refused_months="14.",
                        provisional_reasons=EG_PROVISIONAL, follow_up_date=date(2027, 11, 14)),
            tables={"months": _months()}, reasons=(EG_REFUSED_MONTH,),
            lines=(("Durchschnittliches monatliches Nettoeinkommen vor der Geburt (09/2025 bis 08/2026)",
                    Decimal("2000.00")),
                   ("Ersatzrate nach § 2 Abs. 2 BEEG", "65 %"),
                   Line("Basiselterngeld monatlich", Decimal("1300.00"), emphasis=True),
                   ("Partnerschaftsbonus monatlich (ElterngeldPlus, § 4b BEEG): (2.000,00 € − 1.400,00 €) × 65 %",
                    Decimal("390.00"))),
        ),
        "elterngeld_final": dict(
            # Provisional with 500 € expected after the birth, 800 € proven: 12 × 195.00 € to refund.
            values=dict(application_date=date(2026, 10, 20), child_name="Mila Müßig",
                        child_birth_date=date(2026, 9, 14), refund_amount=Decimal("2340.00"),
                        refund_title=" und Erstattung des zu viel gezahlten Elterngeldes"),
            tables={"months": _final_months()},
            lines=(("Nettoeinkommen vor der Geburt (Monatsdurchschnitt)", Decimal("2000.00")),
                   ("Einkommen nach der Geburt (Monatsdurchschnitt, nachgewiesen)", Decimal("-800.00")),
                   ("Unterschiedsbetrag", Decimal("1200.00")),
                   ("Ersatzrate 65 %", "65 %"),
                   Line("Basiselterngeld monatlich", Decimal("780.00"), emphasis=True)),
        ),
        "elterngeld_refusal": dict(
            values=dict(application_date=date(2026, 10, 20), child_name="Mila Müßig",
                        child_birth_date=date(2026, 9, 14)),
            reasons=("Das zu versteuernde Einkommen von Ihnen und Ihrer Partnerin betrug im Veranlagungszeitraum 2025 "
                     "zusammen 182.400,00 €. Es übersteigt die für Geburten ab dem 01.04.2025 geltende Grenze von "
                     "175.000,00 € (§ 1 Abs. 8 BEEG). Ein Anspruch auf Elterngeld besteht daher nicht.",),
        ),
        "elterngeld_documents_request": dict(
            values=dict(application_date=date(2026, 10, 20), child_name="Mila Müßig"), deadline=date(2026, 12, 16),
            documents=("Geburtsbescheinigung für Elterngeld (Original des Standesamts)",
                       "Lohn- und Gehaltsbescheinigungen für die Monate 09/2025 bis 08/2026",
                       "Bescheinigung der Krankenkasse über das Mutterschaftsgeld",
                       "Bescheinigung des Arbeitgebers über den Zuschuss zum Mutterschaftsgeld"),
        ),
        "fz_receipt": dict(
            values=dict(application_date=date(2026, 11, 18), forwarded_date=date(2026, 11, 24),
                        certificate_type="zur Vorlage bei einer Behörde, Belegart O",
                        delivered_to="unmittelbar der Behörde (Stadt Essen, Jugendamt; Aktenzeichen 51-2026-0815)",
                        delivery_note=("Die Behörde muss Ihnen auf Verlangen Einsicht in das Führungszeugnis "
                                       "gewähren. Enthält es Eintragungen, können Sie verlangen, dass es zunächst "
                                       "an ein von Ihnen benanntes Amtsgericht übersandt wird, wo nur Sie persönlich "
                                       "es einsehen können. Danach leitet das Amtsgericht es an die Behörde weiter; "
                                       "widersprechen Sie der Weiterleitung, wird es vernichtet (§ 30 Abs. 5 BZRG)."),
                        fee_note="Die Gebühr von 13,00\u00a0€ (Nr. 1130 KV JVKostG) haben Sie bezahlt."),
        ),
        "fz_fee_notice": dict(
            values=dict(application_date=date(2026, 11, 18), certificate_type="zur Vorlage bei einer Behörde, Belegart O",
                        fee_amount=Decimal("13.00"), fee_number="1130"),
            deadline=date(2026, 12, 9),
        ),
        "fz_refusal": dict(
            values=dict(application_date=date(2026, 11, 18)),
            reasons=("Sie sind hier weder mit Haupt- noch mit Nebenwohnung gemeldet. Den Antrag nimmt die "
                     "Meldebehörde Ihres Wohnorts entgegen (§ 30 Abs. 2 BZRG).",),
        ),
    }


def sample_letter(kind: str) -> LetterData:
    """A realistic letter of ``kind`` for Mülheim an der Ruhr."""
    service = KINDS[kind].service
    return LetterData(kind=kind, letterhead=load_letterhead(service), recipient=_RECIPIENTS[service],
                      aktenzeichen=_AZ[service], clerk=_CLERKS[service], letter_date=LETTER_DATE,
                      **_samples()[kind])


def write_images(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind in KINDS:
            pdf = Path(tmp) / f"{kind}.pdf"
            pdf.write_bytes(render_letter(sample_letter(kind)))
            for page in range(1, _pages(pdf) + 1):  # page 1 as <kind>.png, further pages as <kind>-p<N>.png
                name = kind if page == 1 else f"{kind}-p{page}"
                subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile",
                                str(pdf), str(folder / name)], check=True)
                written.append(folder / f"{name}.png")
    return written


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m backoffice.letters.samples OUTPUT_FOLDER", file=sys.stderr)
        return 2
    for path in write_images(Path(argv[0])):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
