"""who last asked for a quarantined submission to be fetched again, and when

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-02 17:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0029'
down_revision = '0028'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('quarantine') as batch:
        batch.add_column(sa.Column('retry_requested_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('retry_requested_by_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_quarantine_retry_requested_by', 'users', ['retry_requested_by_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('quarantine') as batch:
        batch.drop_constraint('fk_quarantine_retry_requested_by', type_='foreignkey')
        batch.drop_column('retry_requested_by_id')
        batch.drop_column('retry_requested_at')
