"""Who is working: the app user comes from what the database authenticated, never from a claim.

- **Shared database (PostgreSQL):** the user is the database role the connection logged in
  as (``session_user``). A login the client names (``--user``, ``BACKOFFICE_USER``) is only
  accepted when it is that role.
- **Embedded database (SQLite):** single-user by design. The OS account running the app
  (which owns the private database file, see ``store.engine``) is its user and local
  administrator. Acting as another user is a demo-database feature and may name only a
  user that exists there.

A *demo database* holds synthetic data only: an embedded database that had no cases when
it was first seeded, or a PostgreSQL database created with ``db upgrade --demo``. Demo
seeding and the demo accounts refuse to touch any other database.
"""

from __future__ import annotations

from ..domain.errors import DomainError, UnknownUser
from ..domain.records import UserRef
from ..store.uow import UnitOfWork
from ..texts import t
from .directory import current_user

DEMO_SETTING = "database.demo"


class IdentityRefused(DomainError):
    """A login was named that the database did not authenticate."""


class NotADemoDatabase(DomainError):
    """Demo data or demo accounts were asked for on a database with real cases."""


def sign_in(uow: UnitOfWork, *, requested_login: str | None, os_login: str) -> UserRef:
    """The app user of this connection (see the module docstring)."""
    if uow.directory.dialect() == "sqlite":
        if requested_login and requested_login != os_login:
            if not is_demo_database(uow):
                raise IdentityRefused(
                    t("Als anderer Benutzer („{requested_login}“) kann nur in einer Demo-Datenbank gearbeitet "
                      "werden; diese Datenbank gehört dem Benutzerkonto „{os_login}“.",
                      requested_login=requested_login, os_login=os_login)
                )
            try:
                return current_user(uow, requested_login)
            except UnknownUser as err:
                raise IdentityRefused(t("Benutzer „{requested_login}“ gibt es in dieser Demo-Datenbank nicht.",
                                        requested_login=requested_login)) from err
        return current_user(uow, os_login, provision_local_admin=True)
    role = uow.directory.session_user()
    if requested_login and requested_login != role:
        raise IdentityRefused(
            t("Angemeldet ist die Datenbankrolle „{role}“; als „{requested_login}“ kann nur arbeiten, wer sich mit "
              "dieser Rolle anmeldet.", role=role, requested_login=requested_login)
        )
    return current_user(uow, role)


class IntakeElsewhere(DomainError):
    """This login may not run the portal intake (the office's sync service does)."""


def require_intake_right(uow: UnitOfWork) -> None:
    """On PostgreSQL only the sync service's role stores submissions of every department; a
    clerk's PC leaves the intake to it. The embedded database's owner runs it."""
    if uow.directory.dialect() == "postgresql" and not uow.directory.has_group("backoffice_intake"):
        raise IntakeElsewhere(t("Die Abholung vom Portal übernimmt der Abholdienst der Stadt, nicht dieser "
                                "Arbeitsplatz."))


def is_demo_database(uow: UnitOfWork) -> bool:
    return uow.intake.settings(DEMO_SETTING).get(DEMO_SETTING) == "yes"


def mark_demo_database(uow: UnitOfWork) -> None:
    uow.intake.put_setting(DEMO_SETTING, "yes")


def require_demo_database(uow: UnitOfWork) -> None:
    """Allow demo data: a demo database, or a fresh embedded one, which becomes a demo database."""
    if is_demo_database(uow):
        return
    if uow.directory.dialect() == "sqlite" and not uow.cases.any_case():
        mark_demo_database(uow)
        return
    where = (
        t("Diese Datenbank enthält echte Fälle")
        if uow.directory.dialect() == "sqlite"
        else t("Diese gemeinsame Datenbank wurde nicht als Demo-Datenbank angelegt (backoffice db upgrade --demo)")
    )
    raise NotADemoDatabase(t("{where}: Demodaten und Demo-Konten werden hier nicht angelegt.", where=where))
