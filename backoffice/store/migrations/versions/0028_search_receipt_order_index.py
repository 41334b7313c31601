"""a search's matches in receipt order: on SQLite an index on (id, received_at, queue_id), so the
few thousand cases a search finds are put in receipt order, and checked against the user's
departments, from this narrow index instead of reading each case's wide row (form and search text);
PostgreSQL reads the rows for the text match anyway

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-02 16:30:00
"""

from __future__ import annotations

from alembic import op

revision = '0028'
down_revision = '0027'
branch_labels = None
depends_on = None

# Frozen copy of backoffice/store/schema_extras.SQLITE_ID_RECEIVED_INDEX at this revision.
INDEX = 'ix_cases_id_received'


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.create_index(INDEX, 'cases', ['id', 'received_at', 'queue_id'])


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.drop_index(INDEX, table_name='cases')
