"""The city's letterhead: ``resources/letters/letterhead.json``, overridable by an admin's dict."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from backoffice.domain.catalog import Service
from backoffice.domain.errors import named
from backoffice.domain.german import SERVICE_NAMES
from backoffice.letters.data import BankAccount, Court, Letterhead
from backoffice.letters.errors import LetterError
from backoffice.letters.logo import load_vector_logo
from backoffice.resources import resource_path

from ..texts import t

_TOP_KEYS = {"authority", "head", "street", "postcode_city", "phone", "website", "logo", "return_address",
             "bank", "courts", "departments"}
_DEPT_KEYS = {"name", "email", "phone", "opening_hours"}


def _deep_merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _unknown_keys(config: Mapping[str, Any]) -> list[str]:
    unknown = sorted(k for k in config if k not in _TOP_KEYS and not k.startswith("_"))
    for service, dept in (config.get("departments") or {}).items():
        unknown += [f"departments.{service}.{k}" for k in sorted(set(dept) - _DEPT_KEYS)]
    return unknown


def load_letterhead(service: Service | str, overrides: Mapping[str, Any] | None = None) -> Letterhead:
    """The letterhead of the department handling ``service``; ``overrides`` is merged key by key
    (nested dicts such as ``bank`` or ``departments.wbs`` merge too)."""
    config = json.loads(resource_path("letters", "letterhead.json").read_text(encoding="utf-8"))
    config = _deep_merge(config, overrides or {})
    unknown = _unknown_keys(config)
    if unknown:
        raise LetterError(t("Unbekannte Einträge im Briefkopf: {keys}", keys=", ".join(unknown)))
    key = Service(service).value
    dept = (config.get("departments") or {}).get(key)
    if not dept:
        raise LetterError(t("Briefkopf: keine Dienststelle für {service} eingerichtet (Eintrag „{key}“ unter „departments“)",
                            service=named(SERVICE_NAMES, key), key=key))
    bank = config.get("bank")
    logo = resource_path("letters", config["logo"]) if config.get("logo") else None
    return Letterhead(
        authority=config["authority"],
        head=config.get("head", ""),
        department=dept["name"],
        street=config["street"],
        postcode_city=config["postcode_city"],
        phone=dept.get("phone") or config.get("phone", ""),
        email=dept.get("email", ""),
        website=config.get("website", ""),
        opening_hours=tuple(dept.get("opening_hours", ())),
        return_address=config.get("return_address", ""),
        bank=BankAccount(bank["name"], bank["iban"], bank["bic"]) if bank else None,
        courts={k: Court(v["name"], v["address"]) for k, v in (config.get("courts") or {}).items()
                if not k.startswith("_")},  # "_note"; each court also keeps its source and confirmed_on
        logo_png=logo.read_bytes() if logo and logo.suffix.lower() == ".png" else None,
        logo_vector=load_vector_logo(logo) if logo and logo.suffix.lower() == ".json" else None,
    )
