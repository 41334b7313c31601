"""blob content stored uncompressed on PostgreSQL

Attachments and letters are PDFs and images, compressed already. PostgreSQL's TOAST
would try to compress every value again (pglz) and give up: about a third of the
database server's CPU during an intake. EXTERNAL keeps out-of-line storage without it.
SQLite never compresses; nothing changes there.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 09:10:00
"""

from __future__ import annotations

from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE blobs ALTER COLUMN content SET STORAGE EXTERNAL")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE blobs ALTER COLUMN content SET STORAGE EXTENDED")
