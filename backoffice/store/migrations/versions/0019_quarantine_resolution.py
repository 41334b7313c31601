"""who dealt with a quarantined submission and how, kept apart from the reason it was quarantined

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 06:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('quarantine') as batch:
        batch.add_column(sa.Column('resolved_by_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('resolution', sa.Text(), nullable=True))
        batch.create_foreign_key('fk_quarantine_resolved_by', 'users', ['resolved_by_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('quarantine') as batch:
        batch.drop_constraint('fk_quarantine_resolved_by', type_='foreignkey')
        batch.drop_column('resolution')
        batch.drop_column('resolved_by_id')
