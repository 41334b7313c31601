"""The administrators' user management: accounts, their role and their departments.

On the shared PostgreSQL database a user *is* a login role (``store.pg_security``): adding
one creates the role in its group (clerk, team lead, admin) and the app user with its
departments in one step, through functions the database runs in the owner's name after
checking that the caller is an administrator or a superuser. A password, if any, leaves
this process only as a SCRAM verifier. Without one the role logs in by the city's single
sign-on (Kerberos) or not at all. On the embedded database the same commands manage the
app users of a demo database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..domain.catalog import Role
from ..domain.errors import PermissionDenied, ValidationFailed
from ..domain.records import UserRef
from ..store.uow import UnitOfWork
from ..texts import t
from .directory import ensure_user, to_user_ref

APP_ROLES = {"clerk": (Role.CLERK,), "team_lead": (Role.TEAM_LEAD, Role.CLERK), "admin": (Role.ADMIN,)}


@dataclass(frozen=True, slots=True)
class UserListing:
    login: str
    display_name: str
    roles: tuple[str, ...]
    departments: tuple[str, ...]
    active: bool

    def as_json(self) -> dict[str, object]:
        return {"login": self.login, "display_name": self.display_name, "roles": list(self.roles),
                "departments": list(self.departments), "active": self.active}


def require_admin(uow: UnitOfWork, actor: UserRef | None) -> None:
    """An app administrator, or (``actor`` None) a PostgreSQL superuser's connection."""
    if actor is None:
        if uow.directory.dialect() == "postgresql" and uow.directory.is_superuser():
            return
        raise PermissionDenied(t("Benutzer verwaltet nur die Administration"))
    if not actor.has_role(Role.ADMIN):
        raise PermissionDenied(t("Benutzer verwaltet nur die Administration"))


def add_user(
    uow: UnitOfWork, actor: UserRef | None, login: str, display_name: str, role: str, departments: Sequence[str],
    *, password: str | None = None,
) -> UserRef:
    require_admin(uow, actor)
    if role not in APP_ROLES:
        raise ValidationFailed([t("Unbekannte Rolle „{role}“ (erlaubt: {allowed})", role=role, allowed="clerk, team_lead, admin")])
    if not display_name.strip():
        raise ValidationFailed([t("Der Name darf nicht leer sein")])
    if uow.directory.dialect() == "postgresql":
        uow.directory.add_login_user(login, display_name.strip(), role, list(departments), password)
        user = uow.directory.user(login)
        assert user is not None
        return to_user_ref(user)
    if password is not None:
        raise ValidationFailed([t("Die eingebettete Datenbank hat keine Passwörter: ihr Benutzer ist das Konto des "
                                  "Rechners")])
    return ensure_user(uow, login, display_name.strip(), APP_ROLES[role], departments)


def disable_user(uow: UnitOfWork, actor: UserRef | None, login: str) -> None:
    require_admin(uow, actor)
    if actor is not None and actor.login == login:
        raise ValidationFailed([t("Das eigene Konto kann nicht deaktiviert werden")])
    if uow.directory.dialect() == "postgresql":
        uow.directory.disable_login_user(login)
        return
    user = uow.directory.user(login)
    if user is None:
        raise ValidationFailed([t("Benutzer „{login}“ gibt es nicht", login=login)])
    user.active = False


def set_departments(uow: UnitOfWork, actor: UserRef | None, login: str, departments: Sequence[str]) -> None:
    require_admin(uow, actor)
    if uow.directory.dialect() == "postgresql":
        uow.directory.set_login_departments(login, list(departments))
        return
    user = uow.directory.user(login)
    if user is None:
        raise ValidationFailed([t("Benutzer „{login}“ gibt es nicht", login=login)])
    user.memberships.clear()
    uow.flush()
    ensure_user(uow, login, user.display_name, [], departments)


def list_users(uow: UnitOfWork, actor: UserRef | None) -> list[UserListing]:
    require_admin(uow, actor)
    return [
        UserListing(u.login, u.display_name, tuple(sorted(r.role for r in u.roles)),
                    tuple(sorted(m.department.code for m in u.memberships)), u.active)
        for u in uow.directory.users_with_details()
    ]
