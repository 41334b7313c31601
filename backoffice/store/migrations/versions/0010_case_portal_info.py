"""a case keeps what its submission's metadata says about answering and identification

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 00:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: a batch rebuild of ``cases`` on SQLite would drop its full-text triggers.
    op.add_column('cases', sa.Column('portal_info', sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column('cases', 'portal_info')  # SQLite >= 3.35 drops a column in place
