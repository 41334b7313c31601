"""a quarantined submission may wait for a decryption key instead of being rejected

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 03:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('quarantine', sa.Column('awaiting_key', sa.String(200), nullable=True))


def downgrade() -> None:
    op.drop_column('quarantine', 'awaiting_key')
