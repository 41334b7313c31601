"""Departments, queues and users: reference data and the current user."""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.catalog import DEPARTMENTS, Role, Service
from ..domain.errors import NotFound, UnknownUser
from ..domain.records import DepartmentInfo, QueueInfo, UserRef
from ..store.models import Department, Membership, Queue, User, UserRole
from ..store.uow import UnitOfWork
from ..texts import t


def ensure_reference_data(uow: UnitOfWork) -> None:
    """Create the departments and queues of the catalogue that are missing (idempotent)."""
    for spec in DEPARTMENTS:
        dept = uow.directory.department(spec.code)
        if dept is None:
            dept = Department(code=spec.code, name=spec.name, service=spec.service.value)
            uow.directory.add(dept)
        for code, name in spec.queues:
            if uow.directory.queue(code) is None:
                uow.directory.add(Queue(code=code, name=name, department=dept))


def ensure_user(
    uow: UnitOfWork,
    login: str,
    display_name: str,
    roles: Iterable[Role],
    department_codes: Iterable[str],
    *,
    email: str = "",
    phone: str = "",
) -> UserRef:
    """Create the user, or add the given roles and memberships to an existing one."""
    user = uow.directory.user(login)
    if user is None:
        user = User(login=login, display_name=display_name, email=email, phone=phone, active=True)
        uow.directory.add(user)
    have_roles = {r.role for r in user.roles}
    for role in roles:
        if role.value not in have_roles:
            user.roles.append(UserRole(role=role.value))
    have_depts = {m.department_id for m in user.memberships}
    for code in department_codes:
        dept = uow.directory.department(code)
        if dept is None:
            raise NotFound(t("Unbekannte Abteilung: {code}", code=code))
        if dept.id not in have_depts:
            user.memberships.append(Membership(department=dept))
    uow.flush()
    return to_user_ref(user)


def current_user(uow: UnitOfWork, login: str, *, provision_local_admin: bool = False) -> UserRef:
    """The app user for an OS login.

    On the embedded single-user SQLite database the OS login is provisioned as an
    administrator of every department on first use; on a shared database an
    administrator must create users, so an unknown login is refused.
    """
    user = uow.directory.user(login)
    if user is None:
        if not provision_local_admin:
            raise UnknownUser(t("Benutzer „{login}“ ist in dieser Datenbank nicht eingerichtet; bitte wenden Sie "
                                "sich an die Administration", login=login))
        return ensure_user(
            uow, login, login, [Role.CLERK, Role.TEAM_LEAD, Role.ADMIN], [d.code for d in DEPARTMENTS]
        )
    if not user.active:
        raise UnknownUser(t("Benutzer „{login}“ ist deaktiviert", login=login))
    return to_user_ref(user)


def to_user_ref(user: User) -> UserRef:
    return UserRef(
        id=user.id,
        login=user.login,
        display_name=user.display_name,
        roles=frozenset(Role(r.role) for r in user.roles),
        department_codes=frozenset(m.department.code for m in user.memberships),
    )


def visible_department_codes(user: UserRef) -> frozenset[str] | None:
    """Departments whose cases the user may see: their own, administrators included (an admin
    manages users and settings, and reads cases only of departments they belong to; on
    PostgreSQL row-level security says the same). None would mean all."""
    return user.department_codes


def list_departments(uow: UnitOfWork, user: UserRef) -> list[DepartmentInfo]:
    """The department/queue tree with open-case counts, limited to what the user may see."""
    visible = visible_department_codes(user)
    counts = uow.cases.open_counts_by_queue()
    result = []
    for dept in uow.directory.departments():
        if visible is not None and dept.code not in visible:
            continue
        queues = tuple(QueueInfo(q.id, q.code, q.name, counts.get(q.id, 0)) for q in dept.queues)
        result.append(DepartmentInfo(dept.id, dept.code, dept.name, Service(dept.service), queues))
    return result


def list_colleagues(uow: UnitOfWork, user: UserRef) -> list[tuple[str, str]]:
    """(login, display name) of the active users who share a department with ``user`` (all for admins)."""
    visible = visible_department_codes(user)
    found = []
    for other in uow.directory.users():
        codes = {m.department.code for m in other.memberships}
        if other.active and codes and (visible is None or codes & visible):
            found.append((other.login, other.display_name))
    return sorted(found, key=lambda pair: pair[1].casefold())
