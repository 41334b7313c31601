"""Text blocks with ``{{ field }}`` merge fields: loading, admin overrides, validation, merging.

The syntax is deliberately tiny: ``{{ name }}`` inserts a value, nothing else is special.
Blank lines separate paragraphs, a paragraph starting with ``## `` is a heading, one whose
lines all start with ``- `` a bullet list, one whose lines all start with ``| `` a framed
label/value table (``| Label | value``). Merged values are plain text; markup escaping
happens when the renderer builds paragraphs, so neither a value nor a template can
inject reportlab markup.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from backoffice.letters.errors import TemplateInvalid
from backoffice.letters.kinds import MANDATORY_BLOCKS, all_block_ids, allowed_fields
from backoffice.resources import resource_path

from ..texts import Text, t

_FIELD = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


def fields_in(text: str) -> frozenset[str]:
    """The merge fields a block uses; stray or malformed braces are an error."""
    leftover = _FIELD.sub("", text)
    if "{{" in leftover or "}}" in leftover:
        raise TemplateInvalid([t("ungültiger Platzhalter (erlaubt ist nur {{{{ feldname }}}})")])
    return frozenset(_FIELD.findall(text))


def merge(text: str, values: Mapping[str, str]) -> str:
    """Single pass: a value that itself looks like ``{{ x }}`` stays literal."""
    return _FIELD.sub(lambda m: values[m.group(1)], text)


@dataclass(frozen=True, slots=True)
class Templates:
    """Validated block texts by block id."""

    blocks: Mapping[str, str]

    def text(self, block_id: str) -> str:
        return self.blocks[block_id]


def _problems(block_id: str, text: str) -> list[Text]:
    if block_id not in all_block_ids():
        return [t("unbekannter Textbaustein {block}", block=repr(block_id))]
    if block_id in MANDATORY_BLOCKS and not text.strip():
        return [t("Pflichtbaustein {block} darf nicht leer sein", block=repr(block_id))]
    try:
        used = fields_in(text)
    except TemplateInvalid as exc:
        return [t("{block}: {problem}", block=block_id, problem=p) for p in exc.texts]
    unknown = sorted(used - allowed_fields(block_id))
    return [t("{block}: unbekanntes Feld {{{{ {name} }}}}", block=block_id, name=name) for name in unknown]


def validate_block(block_id: str, text: str) -> None:
    """For an admin editing one block: raises TemplateInvalid listing every problem."""
    problems = _problems(block_id, text)
    if problems:
        raise TemplateInvalid(problems)


def load_templates(overrides: Mapping[str, str] | None = None) -> Templates:
    """The shipped blocks, each replaced by ``overrides[block_id]`` where given (e.g. from the database)."""
    folder = resource_path("letters", "blocks")
    blocks = {bid: (folder / f"{bid}.txt").read_text(encoding="utf-8").rstrip("\n") for bid in sorted(all_block_ids())}
    given = dict(overrides or {})
    problems = [t("{block}: Text erwartet", block=bid) for bid, text in sorted(given.items()) if not isinstance(text, str)]
    blocks.update({bid: text.replace("\r\n", "\n").rstrip("\n")
                   for bid, text in given.items() if isinstance(text, str)})
    problems += [p for bid, text in sorted(blocks.items()) for p in _problems(bid, text)]
    if problems:
        raise TemplateInvalid(problems)
    return Templates(MappingProxyType(blocks))
