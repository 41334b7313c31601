"""an index for the statistics: the status changes in the journal

A statistic counts each ending of a case (its status change to decided, forwarded or withdrawn,
from the audit journal) by period; the partial index finds them without reading the rest of the
journal (about ten entries a case). See services/statistics.py.

Revision ID: 0013_statistics
Revises: 0012
Create Date: 2026-12-02 05:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0013_statistics'
down_revision = '0012'
branch_labels = None
depends_on = None

_STATUS_ONLY = sa.text("field = 'status'")


def upgrade() -> None:
    # Plain CREATE INDEX (no batch mode): a batch would rebuild the journal and drop its triggers on SQLite.
    op.create_index('ix_audit_entries_status_changes', 'audit_entries', ['new_value', 'at', 'case_id'], unique=False,
                    sqlite_where=_STATUS_ONLY, postgresql_where=_STATUS_ONLY)


def downgrade() -> None:
    op.drop_index('ix_audit_entries_status_changes', table_name='audit_entries')
