"""The city's letter texts and letterhead overrides, kept in the shared ``settings`` table.

Only admins change them; each change is validated with the letter package's own checks
(``validate_block`` / ``load_templates`` / ``load_letterhead``) before it is stored, so a
stored override can never make rendering fail.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..domain.catalog import Role, Service
from ..domain.errors import PermissionDenied, ValidationFailed
from ..domain.records import UserRef
from ..letters import LetterError, TemplateInvalid, Templates, load_letterhead, load_templates, validate_block
from ..letters.data import Letterhead
from ..letters.kinds import all_block_ids, allowed_fields
from ..store.uow import UnitOfWork
from ..texts import t

BLOCK_PREFIX = "letters.block."
LETTERHEAD_KEY = "letters.letterhead"


def template_overrides(uow: UnitOfWork) -> dict[str, str]:
    """``{block_id: text}`` of every overridden block."""
    return {k[len(BLOCK_PREFIX):]: v for k, v in uow.intake.settings(BLOCK_PREFIX).items()}


def letterhead_overrides(uow: UnitOfWork) -> dict[str, Any]:
    raw = uow.intake.settings(LETTERHEAD_KEY).get(LETTERHEAD_KEY)
    return json.loads(raw) if raw else {}


def templates(uow: UnitOfWork) -> Templates:
    return load_templates(template_overrides(uow))


def letterhead(uow: UnitOfWork, service: Service) -> Letterhead:
    return load_letterhead(service, letterhead_overrides(uow))


def set_template_override(uow: UnitOfWork, actor: UserRef, block_id: str, text: str | None) -> None:
    """Replace one block's text for this city; ``None`` restores the shipped text."""
    _require_admin(actor)
    overrides = template_overrides(uow)
    if text is None:
        overrides.pop(block_id, None)
        uow.intake.delete_setting(BLOCK_PREFIX + block_id)
        return
    try:
        validate_block(block_id, text)
        load_templates({**overrides, block_id: text})
    except TemplateInvalid as err:
        raise ValidationFailed(list(err.problems)) from err
    uow.intake.put_setting(BLOCK_PREFIX + block_id, text.replace("\r\n", "\n"))


def set_letterhead_overrides(uow: UnitOfWork, actor: UserRef, overrides: Mapping[str, Any]) -> None:
    """Replace the letterhead overrides (a dict merged over resources/letters/letterhead.json)."""
    _require_admin(actor)
    try:
        for service in Service:
            load_letterhead(service, overrides)
    except LetterError as err:
        raise ValidationFailed([str(err)]) from err
    uow.intake.put_setting(LETTERHEAD_KEY, json.dumps(dict(overrides), ensure_ascii=False))


def _require_admin(actor: UserRef) -> None:
    if not actor.has_role(Role.ADMIN):
        raise PermissionDenied(t("{login}: nur Administratoren ändern Brieftexte und Briefkopf", login=actor.login))



@dataclass(frozen=True, slots=True)
class BlockText:
    """One text block as an admin edits it."""

    block_id: str
    text: str  # what letters print now
    default: str  # the shipped text
    overridden: bool
    fields: tuple[str, ...]  # merge fields the block may use


def block_texts(uow: UnitOfWork, actor: UserRef) -> list[BlockText]:
    _require_admin(actor)
    shipped, overrides = load_templates(), template_overrides(uow)
    return [
        BlockText(bid, overrides.get(bid, shipped.text(bid)), shipped.text(bid), bid in overrides, tuple(sorted(allowed_fields(bid))))
        for bid in sorted(all_block_ids())
    ]


def letterhead_overrides_json(uow: UnitOfWork, actor: UserRef) -> str:
    _require_admin(actor)
    return json.dumps(letterhead_overrides(uow), ensure_ascii=False, indent=2)
