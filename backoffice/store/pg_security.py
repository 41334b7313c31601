"""PostgreSQL as the second wall: roles, grants, row-level security, four eyes and who takes a case.

People log in to PostgreSQL as their own login roles, each a member of one group role:

- ``backoffice_clerk``: reads and works the cases of their own departments (membership in
  ``memberships`` is data the policies read);
- ``backoffice_team_lead`` (a member of ``backoffice_clerk``): the same for the departments
  they lead, plus the approvals and the quarantine inbox;
- ``backoffice_admin``: users, settings, routing, letter templates and four-eyes rules;
  no case data (no policy gives them any);
- ``backoffice_intake``: the sync service, which stores submissions of every department,
  answers the portal and sends the e-mail notices (``email_outbox``);
- ``backoffice_owner`` (no login, BYPASSRLS): owns the schema and runs migrations; no
  person uses it day to day.

No role used by people owns a table, so none can ALTER, TRUNCATE or switch RLS off. The
services keep their own permission checks with German messages; these policies hold when
the first wall is bypassed (``psql`` with a clerk's login reads nothing more than the app
shows). Everything here is idempotent, and applied by migration 0008 and ``db upgrade``.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from ..domain.errors import DomainError
from ..texts import t
from .mail_models import STATUS_COLUMNS

OWNER = "backoffice_owner"
CLERK = "backoffice_clerk"
TEAM_LEAD = "backoffice_team_lead"
ADMIN = "backoffice_admin"
INTAKE = "backoffice_intake"
GROUPS = (CLERK, TEAM_LEAD, ADMIN, INTAKE)
PEOPLE = (CLERK, TEAM_LEAD, ADMIN)

# Tables that hold personal data, and how a row finds its department.
CASE_TABLE = "cases"
BY_CASE = ("attachments", "notes", "audit_entries", "decisions", "letters", "document_checks", "case_links",
           "email_outbox")
BY_LETTER = ("print_jobs", "letter_dispatches")
# Staff data: a clerk's absences, seen by the colleagues of their departments.
BY_COLLEAGUE = ("absences",)
PERSONAL = (CASE_TABLE, *BY_CASE, *BY_LETTER, "blobs", "saved_filters", "quarantine", "outbox", *BY_COLLEAGUE)
# Reference and configuration tables: readable by every person, written by admins only.
# The e-mail outbox's columns an administrator may read to see how delivery goes: not the
# recipient, subject or body (admins have no case data).
EMAIL_STATUS_COLUMNS = STATUS_COLUMNS
# Shared bookkeeping without personal data: the change marks other clients poll (everyone counts
# them up) and the last sync round (the intake writes it, everyone reads it).
SHARED = ("change_marks", "sync_rounds")
REFERENCE = ("departments", "queues", "users", "user_roles", "memberships", "settings", "routing_rules", "approval_rules")


class UpgradeRefused(DomainError):
    pass


def role_exists(conn: Connection, name: str) -> bool:
    return bool(conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first())


def is_superuser(conn: Connection) -> bool:
    return bool(conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar())


def prepare_upgrade(conn: Connection) -> None:
    """Before migrating: a superuser creates the roles and hands every app object to the owner;
    then the connection acts as the owner, so what the migrations create is the owner's too."""
    if is_superuser(conn):
        _create_roles(conn)
        conn.execute(text(f"GRANT USAGE, CREATE ON SCHEMA public TO {OWNER}"))
        _hand_over_to_owner(conn)
    elif not (role_exists(conn, OWNER) and conn.execute(
            text("SELECT pg_has_role(current_user, :o, 'MEMBER')"), {"o": OWNER}).scalar()):
        raise UpgradeRefused(
            t("db upgrade darf nur die Eigentümerrolle der Datenbank ({owner}) oder ein Superuser von "
              "PostgreSQL ausführen; beim ersten Mal ein Superuser, der die Rollen anlegt.", owner=OWNER)
        )
    conn.execute(text(f"SET ROLE {OWNER}"))


def _create_roles(conn: Connection) -> None:
    if not role_exists(conn, OWNER):
        conn.execute(text(f"CREATE ROLE {OWNER} NOLOGIN BYPASSRLS CREATEROLE"))
    for group in GROUPS:
        if not role_exists(conn, group):
            conn.execute(text(f"CREATE ROLE {group} NOLOGIN"))
    conn.execute(text(f"GRANT {CLERK} TO {TEAM_LEAD}"))
    # The owner creates login roles in the admins' name (backoffice_add_user) and may grant the groups.
    for group in GROUPS:
        conn.execute(text(f"GRANT {group} TO {OWNER} WITH ADMIN OPTION"))


def _hand_over_to_owner(conn: Connection) -> None:
    """Tables, sequences, views and functions of the schema that someone else created."""
    rows = conn.execute(text(
        """SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END, c.relname
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S', 'v')
             AND pg_get_userbyid(c.relowner) <> :owner
             AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'i'))"""
    ), {"owner": OWNER}).all()
    for kind, name in rows:
        conn.execute(text(f'ALTER {kind} "{name}" OWNER TO {OWNER}'))
    functions = conn.execute(text(
        """SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> :owner"""
    ), {"owner": OWNER}).scalars().all()
    for signature in functions:
        conn.execute(text(f"ALTER FUNCTION {signature} OWNER TO {OWNER}"))


FUNCTIONS = (
    # Who is asking: the login role's app user and the queues of their departments. SECURITY
    # DEFINER so the policies can read users and memberships whatever the caller may read.
    """CREATE OR REPLACE FUNCTION backoffice_user_id() RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS
    $$ SELECT id FROM users WHERE login = session_user AND active $$""",
    """CREATE OR REPLACE FUNCTION backoffice_queue_ids() RETURNS integer[]
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS
    $$ SELECT coalesce(array_agg(q.id), '{}') FROM queues q
         JOIN memberships m ON m.department_id = q.department_id
         JOIN users u ON u.id = m.user_id
        WHERE u.login = session_user AND u.active $$""",
    # How far the audit journal has come, for the GUI's feed of changes: a clerk may not read the
    # chain's head row, and this number names no case (which entries a clerk may read, RLS says).
    """CREATE OR REPLACE FUNCTION backoffice_journal_position() RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS
    $$ SELECT coalesce((SELECT seq FROM audit_chain WHERE id = 1), 0) $$""",
    # The entries after a position on cases the caller may read, by the policies' own rules (clerks:
    # their departments' queues; the intake, the owner and superusers: all; admins: none), applied
    # per entry: the audit_entries policy would first gather every case the clerk may read (~20 ms
    # per 7,000 cases) on every poll that finds the journal moved. ``p_departments`` narrows further.
    """CREATE OR REPLACE FUNCTION backoffice_journal_entries(
        p_after bigint, p_upto bigint, p_departments text[], p_limit integer)
    RETURNS TABLE (aktenzeichen text, entry_id bigint, action text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS
    $$ SELECT c.aktenzeichen::text, a.id::bigint, a.action::text
         FROM audit_entries a JOIN cases c ON c.id = a.case_id JOIN queues q ON q.id = c.queue_id
         JOIN departments d ON d.id = q.department_id
        WHERE a.seq > p_after AND a.seq <= p_upto
          AND (p_departments IS NULL OR d.code = ANY (p_departments))
          AND ((SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = session_user)
               OR (SELECT pg_has_role(session_user, 'backoffice_intake', 'MEMBER'))
               OR ((SELECT pg_has_role(session_user, 'backoffice_clerk', 'MEMBER'))
                   AND c.queue_id = ANY ((SELECT backoffice_queue_ids())::integer[])))
        ORDER BY a.seq LIMIT p_limit $$""",
    # Four eyes that cannot be faked: a letter is issued under the caller's own name, and
    # only a team lead who neither issued it nor made the decision releases it.
    """CREATE OR REPLACE FUNCTION backoffice_letters_four_eyes() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    DECLARE
        me integer := backoffice_user_id();
        decider integer;
    BEGIN
        IF (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = session_user)
           OR pg_has_role(session_user, 'backoffice_intake', 'MEMBER') THEN
            RETURN NEW;  -- maintenance and the sync service, not a person's decision
        END IF;
        IF TG_OP = 'INSERT' THEN
            IF NEW.created_by_id IS DISTINCT FROM me THEN
                RAISE EXCEPTION 'Ein Brief wird unter dem eigenen Namen erstellt' USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF NEW.approved_by_id IS NOT NULL THEN
                RAISE EXCEPTION 'Ein Brief wird nicht freigegeben erstellt' USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN NEW;
        END IF;
        IF OLD.status = 'awaiting_approval' AND NEW.status IS DISTINCT FROM OLD.status
           OR NEW.approved_by_id IS DISTINCT FROM OLD.approved_by_id THEN
            IF NOT pg_has_role(session_user, 'backoffice_team_lead', 'MEMBER') THEN
                RAISE EXCEPTION 'Nur die Teamleitung gibt Briefe frei oder weist sie zurück' USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF NEW.approved_by_id IS NOT NULL AND NEW.approved_by_id IS DISTINCT FROM me THEN
                RAISE EXCEPTION 'Freigaben gelten nur unter dem eigenen Namen' USING ERRCODE = 'insufficient_privilege';
            END IF;
            SELECT decided_by_id INTO decider FROM decisions WHERE id = OLD.decision_id;
            IF me IS NULL OR me = OLD.created_by_id OR me = decider THEN
                RAISE EXCEPTION 'Vier-Augen-Prinzip: Wer entschieden oder den Brief erstellt hat, kann ihn nicht freigeben'
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
        END IF;
        RETURN NEW;
    END $$""",
    # Users are created in the admins' name by the owner role (which alone may create roles):
    # an admin needs no CREATEROLE, which in PostgreSQL 15 would let them grant themselves any role.
    """CREATE OR REPLACE FUNCTION backoffice_is_admin() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS
    $$ SELECT pg_has_role(session_user, 'backoffice_admin', 'MEMBER')
              OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) $$""",
    """CREATE OR REPLACE FUNCTION backoffice_add_user(
        p_login text, p_name text, p_role text, p_departments text[], p_password text)
    RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    DECLARE
        group_role text;
        app_roles text[];
        uid integer;
        dept_code text;
        dept integer;
    BEGIN
        IF NOT backoffice_is_admin() THEN
            RAISE EXCEPTION 'Nur die Administration legt Benutzer an' USING ERRCODE = 'insufficient_privilege';
        END IF;
        group_role := CASE p_role WHEN 'clerk' THEN 'backoffice_clerk' WHEN 'team_lead' THEN 'backoffice_team_lead'
                                  WHEN 'admin' THEN 'backoffice_admin' END;
        app_roles := CASE p_role WHEN 'clerk' THEN ARRAY['clerk'] WHEN 'team_lead' THEN ARRAY['team_lead', 'clerk']
                                 WHEN 'admin' THEN ARRAY['admin'] END;
        IF group_role IS NULL THEN
            RAISE EXCEPTION 'Unbekannte Rolle „%“ (clerk, team_lead oder admin)', p_role USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF p_login !~ '^[a-z][a-z0-9._-]{0,62}$' OR p_login LIKE 'backoffice\\_%' OR p_login LIKE 'pg\\_%' THEN
            RAISE EXCEPTION 'Ungültiger Anmeldename „%“: Kleinbuchstaben, Ziffern, Punkt, Bindestrich', p_login
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login AND (rolsuper OR rolbypassrls OR rolcreaterole)) THEN
            RAISE EXCEPTION 'Die Rolle „%“ ist privilegiert und kann kein Benutzerkonto werden', p_login
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
            EXECUTE format('ALTER ROLE %I LOGIN', p_login);
        ELSE
            EXECUTE format('CREATE ROLE %I LOGIN', p_login);
        END IF;
        IF p_password IS NOT NULL THEN
            EXECUTE format('ALTER ROLE %I PASSWORD %L', p_login, p_password);
        END IF;
        EXECUTE format('GRANT %I TO %I', group_role, p_login);
        INSERT INTO users (login, display_name, email, phone, active) VALUES (p_login, p_name, '', '', true)
            ON CONFLICT (login) DO UPDATE SET display_name = EXCLUDED.display_name, active = true
            RETURNING id INTO uid;
        INSERT INTO user_roles (user_id, role) SELECT uid, unnest(app_roles) ON CONFLICT DO NOTHING;
        FOREACH dept_code IN ARRAY coalesce(p_departments, '{}') LOOP
            SELECT id INTO dept FROM departments WHERE departments.code = dept_code;
            IF dept IS NULL THEN
                RAISE EXCEPTION 'Unbekannte Abteilung: %', dept_code USING ERRCODE = 'invalid_parameter_value';
            END IF;
            INSERT INTO memberships (user_id, department_id) VALUES (uid, dept) ON CONFLICT DO NOTHING;
        END LOOP;
        RETURN uid;
    END $$""",
    """CREATE OR REPLACE FUNCTION backoffice_disable_user(p_login text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    BEGIN
        IF NOT backoffice_is_admin() THEN
            RAISE EXCEPTION 'Nur die Administration deaktiviert Benutzer' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM users WHERE login = p_login) THEN
            RAISE EXCEPTION 'Benutzer „%“ gibt es nicht', p_login USING ERRCODE = 'invalid_parameter_value';
        END IF;
        UPDATE users SET active = false WHERE login = p_login;
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login AND NOT (rolsuper OR rolbypassrls)) THEN
            EXECUTE format('ALTER ROLE %I NOLOGIN', p_login);
        END IF;
    END $$""",
    """CREATE OR REPLACE FUNCTION backoffice_set_departments(p_login text, p_departments text[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    DECLARE
        uid integer;
        dept_code text;
        dept integer;
    BEGIN
        IF NOT backoffice_is_admin() THEN
            RAISE EXCEPTION 'Nur die Administration ändert Abteilungen' USING ERRCODE = 'insufficient_privilege';
        END IF;
        SELECT id INTO uid FROM users WHERE login = p_login;
        IF uid IS NULL THEN
            RAISE EXCEPTION 'Benutzer „%“ gibt es nicht', p_login USING ERRCODE = 'invalid_parameter_value';
        END IF;
        DELETE FROM memberships WHERE user_id = uid;
        FOREACH dept_code IN ARRAY coalesce(p_departments, '{}') LOOP
            SELECT id INTO dept FROM departments WHERE departments.code = dept_code;
            IF dept IS NULL THEN
                RAISE EXCEPTION 'Unbekannte Abteilung: %', dept_code USING ERRCODE = 'invalid_parameter_value';
            END IF;
            INSERT INTO memberships (user_id, department_id) VALUES (uid, dept);
        END LOOP;
    END $$""",
    # Who works a case: a clerk takes an unassigned case, gives back their own, or takes a
    # colleague's while the colleague is absent with cover allowed; anything else is a team
    # lead's (whom RLS keeps to their departments), the sync service's or maintenance.
    """CREATE OR REPLACE FUNCTION backoffice_cases_assignment() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    DECLARE
        me integer := backoffice_user_id();
    BEGIN
        IF NEW.assignee_id IS NOT DISTINCT FROM OLD.assignee_id
           OR (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = session_user)
           OR pg_has_role(session_user, 'backoffice_intake', 'MEMBER')
           OR pg_has_role(session_user, 'backoffice_team_lead', 'MEMBER') THEN
            RETURN NEW;
        END IF;
        IF me IS NOT NULL AND (
               (OLD.assignee_id IS NULL AND NEW.assignee_id = me)
            OR (OLD.assignee_id = me AND NEW.assignee_id IS NULL)
            OR (NEW.assignee_id = me AND EXISTS (
                    SELECT 1 FROM absences a WHERE a.user_id = OLD.assignee_id AND a.cover_allowed AND NOT a.cancelled
                       AND current_date BETWEEN a.starts_on AND a.ends_on))) THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'Einen Fall, der jemand anderem zugewiesen ist, übernimmt oder verteilt die Teamleitung'
            USING ERRCODE = 'insufficient_privilege';
    END $$""",
    "DROP TRIGGER IF EXISTS cases_assignment ON cases",
    """CREATE TRIGGER cases_assignment BEFORE UPDATE OF assignee_id ON cases
    FOR EACH ROW EXECUTE FUNCTION backoffice_cases_assignment()""",
    "DROP TRIGGER IF EXISTS letters_four_eyes ON letters",
    """CREATE TRIGGER letters_four_eyes BEFORE INSERT OR UPDATE ON letters
    FOR EACH ROW EXECUTE FUNCTION backoffice_letters_four_eyes()""",
)


def grants() -> list[str]:
    people = ", ".join(PEOPLE)
    everyone = ", ".join(GROUPS)
    out = [
        "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC",
        "REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {everyone}",
        f"GRANT SELECT ON {', '.join(REFERENCE)}, alembic_version TO {everyone}",
        f"GRANT INSERT, UPDATE, DELETE ON {', '.join(REFERENCE)} TO {ADMIN}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {everyone}",
        # Clerks (and so team leads) work cases: no DELETE of anything that is history.
        f"GRANT SELECT, INSERT, UPDATE ON cases, attachments, decisions, letters, print_jobs, letter_dispatches, "
        f"document_checks, case_links, notes TO {CLERK}",
        f"GRANT DELETE ON document_checks, case_links TO {CLERK}",
        f"GRANT SELECT, INSERT ON audit_entries, blobs TO {CLERK}",
        # A clerk's dispatch of a Bescheid queues its e-mail notice (and reads it back: RETURNING);
        # sending and marking it sent or failed is the intake service's, never a person's.
        f"GRANT SELECT, INSERT ON email_outbox TO {CLERK}",
        f"GRANT SELECT, UPDATE ON email_outbox TO {INTAKE}",
        f"GRANT SELECT ({', '.join(EMAIL_STATUS_COLUMNS)}) ON email_outbox TO {ADMIN}",
        f"GRANT SELECT, INSERT, UPDATE ON aktenzeichen_counters TO {CLERK}, {INTAKE}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON saved_filters TO {people}",
        f"GRANT SELECT, UPDATE ON quarantine TO {TEAM_LEAD}, {ADMIN}",
        # Absences: colleagues read them (may I cover?); team leads record and end them.
        f"GRANT SELECT ON absences TO {CLERK}",
        f"GRANT INSERT, UPDATE ON absences TO {TEAM_LEAD}",
        # The intake dispatches new cases while an absence asks for it, and keeps the round-robin's turn.
        f"GRANT SELECT, UPDATE (dispatch_turn) ON absences TO {INTAKE}",
        f"GRANT SELECT, INSERT, UPDATE ON change_marks TO {everyone}",
        f"GRANT SELECT ON sync_rounds TO {everyone}",
        f"GRANT INSERT, UPDATE ON sync_rounds TO {INTAKE}",
        # The sync service: submissions of every department in, answers out.
        f"GRANT SELECT, INSERT, UPDATE ON cases, attachments, outbox, quarantine, leases TO {INTAKE}",
        f"GRANT SELECT, INSERT ON audit_entries, blobs TO {INTAKE}",
        f"GRANT DELETE ON leases TO {INTAKE}",
        f"GRANT EXECUTE ON FUNCTION backoffice_user_id(), backoffice_queue_ids(), backoffice_is_admin(), "
        f"backoffice_journal_position(), backoffice_journal_entries(bigint, bigint, text[], integer) TO {everyone}",
        "REVOKE EXECUTE ON FUNCTION backoffice_add_user(text, text, text, text[], text), "
        "backoffice_disable_user(text), backoffice_set_departments(text, text[]) FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION backoffice_add_user(text, text, text, text[], text), "
        f"backoffice_disable_user(text), backoffice_set_departments(text, text[]) TO {ADMIN}",
    ]
    return out


def policies() -> list[str]:
    mine = "queue_id = ANY (backoffice_queue_ids())"
    out: list[str] = []

    def policy(table: str, name: str, roles: str, using: str, check: str | None = None) -> None:
        out.append(f"DROP POLICY IF EXISTS {name} ON {table}")
        out.append(f"CREATE POLICY {name} ON {table} TO {roles} USING ({using}) WITH CHECK ({check or using})")

    for table in PERSONAL:
        out.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        out.append(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    policy(CASE_TABLE, "department", CLERK, mine)
    for table in BY_CASE:
        policy(table, "department", CLERK, "case_id IN (SELECT id FROM cases)")
    for table in BY_LETTER:
        policy(table, "department", CLERK, "letter_id IN (SELECT id FROM letters)")
    # A file is visible with the attachment or letter that uses it; a new scan is stored
    # before its attachment row.
    policy("blobs", "department", CLERK,
           "sha512 IN (SELECT sha512 FROM attachments) OR sha512 IN (SELECT sha512 FROM letters)", "true")
    policy("saved_filters", "own", ", ".join(PEOPLE), "user_id = backoffice_user_id()")
    colleagues = ("user_id IN (SELECT m.user_id FROM memberships m WHERE m.department_id IN "
                  "(SELECT mm.department_id FROM memberships mm WHERE mm.user_id = backoffice_user_id()))")
    for table in BY_COLLEAGUE:
        policy(table, "colleagues", CLERK, colleagues)
    out.append("DROP POLICY IF EXISTS decision_notice ON outbox")  # clerks wrote decision notices once
    out.append(f"REVOKE ALL ON outbox FROM {CLERK}")
    # The quarantine inbox: submissions that reached no department, for team leads and admins.
    policy("quarantine", "inbox", f"{TEAM_LEAD}, {ADMIN}", "true")
    for table in (CASE_TABLE, "attachments", "audit_entries", "blobs", "outbox", "quarantine", "email_outbox", "absences"):
        policy(table, "intake", INTAKE, "true")
    # Administrators watch the e-mail outbox's delivery: every row, but only the status columns.
    out.append("DROP POLICY IF EXISTS status ON email_outbox")
    out.append(f"CREATE POLICY status ON email_outbox FOR SELECT TO {ADMIN} USING (true)")
    return out


def apply(conn: Connection) -> None:
    for statement in (*FUNCTIONS, *grants(), *policies()):
        conn.execute(text(statement))
