"""The attachments a citizen uploads with each demo application (deterministic for an rng)."""

from __future__ import annotations

import io
import random
import struct
import zlib
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ...domain.catalog import Service
from ..generator import CITY, _font, id_scan_png, payslip_pdf  # _font: the same Unicode font as the payslips

MAX_PAYSLIPS = 3


@dataclass(frozen=True)
class Document:
    filename: str
    mime_type: str
    description: str | None  # None: the metadata has no description
    content: bytes
    purpose: str = "attachment"  # metadata purpose: form, attachment or report (a submissions file may say else)


def _name(person: dict[str, Any]) -> str:
    return f"{person['given_name']} {person['family_name']}"


def _month_before(day: date) -> date:
    return (day.replace(day=1) - timedelta(days=1)).replace(day=1)


def birth_certificate_pdf(rng: random.Random, child: dict[str, Any], parents: list[dict[str, Any]]) -> bytes:
    """A one-page "Geburtsurkunde" (clearly marked as synthetic)."""
    buf, font = io.BytesIO(), _font()
    c = Canvas(buf, pagesize=A4, invariant=1)  # invariant: same bytes for the same rng
    c.setTitle("Geburtsurkunde")
    born = date.fromisoformat(child["birth_date"])
    lines = [
        (18, 260, "Geburtsurkunde"),
        (10, 250, f"Standesamt {CITY}, Registernummer G {rng.randint(100, 2999)}/{born.year}"),
        (11, 232, f"Vorname(n): {child['given_name']}"),
        (11, 225, f"Familienname: {child['family_name']}"),
        (11, 218, f"Geburtstag: {born.strftime('%d.%m.%Y')}"),
        (11, 211, f"Geburtsort: {CITY}"),
    ]
    lines += [(11, 197 - 7 * i, f"Elternteil: {_name(p)}") for i, p in enumerate(parents)]
    lines.append((9, 170, "Synthetische Demo-Daten, kein echtes Dokument."))
    for size, y, text in lines:
        c.setFont(font, size)
        c.drawString(25 * mm, y * mm, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def _payslip(rng: random.Random, name: str, month: date, gross_monthly: float) -> bytes:
    gross = round(gross_monthly, 2)
    return payslip_pdf(rng, name, month, gross, round(gross * rng.uniform(0.62, 0.7), 2))


def _wbs(rng: random.Random, form: dict[str, Any], today: date) -> list[Document]:
    # Only employees have payslips; pensions and benefits are not modelled as documents.
    month = date(today.year - 1, 12, 1) if form["income_period"] == "last_calendar_year" else _month_before(today)
    docs = []
    earners = [m for m in form["members"] if any(i["kind"] == "employment" for i in m["incomes"])]
    for number, member in enumerate(earners[:MAX_PAYSLIPS], start=1):
        gross = sum(i["gross_annual"] for i in member["incomes"] if i["kind"] == "employment") / 12
        docs.append(Document(f"Entgeltabrechnung_{number}.pdf", "application/pdf",
                             f"Entgeltabrechnung {_name(member)}", _payslip(rng, _name(member), month, gross)))
    applicant = _name(form["applicant"])
    docs.append(Document("Personalausweis.png", "image/png", f"Ausweis {applicant}", id_scan_png(rng, applicant)))
    return docs


def _elterngeld(rng: random.Random, form: dict[str, Any], today: date) -> list[Document]:
    docs = []
    parent = form["parents"][0]
    if parent["employment"] == "employed":
        gross = parent.get("gross_income_before") or parent["net_income_before"] / 0.66
        month = _month_before(date.fromisoformat(form["child"]["birth_date"]))
        docs.append(Document("Entgeltabrechnung.pdf", "application/pdf", f"Entgeltabrechnung {_name(parent)}",
                             _payslip(rng, _name(parent), month, gross)))
    docs.append(Document("Geburtsurkunde.pdf", "application/pdf", "Geburtsurkunde",
                         birth_certificate_pdf(rng, form["child"], form["parents"])))
    return docs


def _fuehrungszeugnis(rng: random.Random, form: dict[str, Any], today: date) -> list[Document]:
    applicant = _name(form["applicant"])
    return [Document("Personalausweis.png", "image/png", f"Ausweis {applicant}", id_scan_png(rng, applicant))]


_BUILDERS = {Service.WBS: _wbs, Service.ELTERNGELD: _elterngeld, Service.FUEHRUNGSZEUGNIS: _fuehrungszeugnis}


def documents_for(service: Service, rng: random.Random, form: dict[str, Any], today: date) -> list[Document]:
    return _BUILDERS[Service(service)](rng, form, today)


def oversize_scan(rng: random.Random, name: str, min_bytes: int) -> Document:
    """A valid PNG of at least ``min_bytes``: the ID scan plus a private, ignorable padding chunk."""
    png = id_scan_png(rng, name)
    pad = max(0, min_bytes - len(png)) + 1
    # Chunk type "prVt": ancillary + private, so every PNG reader skips it.
    chunk = struct.pack(">I", pad) + b"prVt" + bytes(pad) + struct.pack(">I", zlib.crc32(b"prVt" + bytes(pad)))
    iend = len(png) - 12  # the IEND chunk is always the last 12 bytes
    content = png[:iend] + chunk + png[iend:]
    return Document("Scan_hochaufgeloest.png", "image/png", f"Scan {name}", content)
