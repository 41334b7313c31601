"""audit journal append-only and hash-chained

Entries get a chain sequence number, the authenticated database role and a SHA-256 chained
to the previous entry (store.audit_chain), set by a trigger; further triggers refuse UPDATE,
DELETE and TRUNCATE. Entries already present are chained here, in id order. Deleting a case
no longer deletes its history (the foreign key loses ON DELETE CASCADE).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 23:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from backoffice.store.audit_chain import GENESIS, PG_DDL, PG_DROP, SQLITE_DDL, SQLITE_DROP, TABLE, entry_hash

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

_ENTRIES = sa.table(
    "audit_entries", sa.column("id"), sa.column("case_id"), sa.column("at"), sa.column("actor_id"),
    sa.column("action"), sa.column("field"), sa.column("old_value"), sa.column("new_value"),
    sa.column("seq"), sa.column("db_role"), sa.column("hash"),
)


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        TABLE,
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('seq', sa.BigInteger(), nullable=False),
        sa.Column('hash', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_chain')),
    )
    with op.batch_alter_table('audit_entries', schema=None, recreate="always" if bind.dialect.name == "sqlite" else "auto") as batch_op:
        batch_op.add_column(sa.Column('seq', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('db_role', sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column('hash', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_audit_entries_seq'), ['seq'])
        batch_op.drop_constraint('fk_audit_entries_case_id_cases', type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_audit_entries_case_id_cases'), 'cases', ['case_id'], ['id'])

    # Chain what is there, in id order: the entries written before the chain existed.
    previous, seq = GENESIS, 0
    rows = bind.execute(sa.select(_ENTRIES).order_by(_ENTRIES.c.id)).mappings().all()
    for row in rows:
        seq += 1
        previous = entry_hash(previous, seq, row["id"], row["case_id"], row["at"], row["actor_id"], None,
                              row["action"], row["field"], row["old_value"], row["new_value"])
        bind.execute(sa.update(_ENTRIES).where(_ENTRIES.c.id == row["id"]).values(seq=seq, hash=previous))
    bind.execute(sa.text(f"INSERT INTO {TABLE} (id, seq, hash) VALUES (1, :seq, :hash)"), {"seq": seq, "hash": previous})
    for statement in PG_DDL if bind.dialect.name == "postgresql" else SQLITE_DDL:
        op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    for statement in PG_DROP if bind.dialect.name == "postgresql" else SQLITE_DROP:
        op.execute(statement)
    with op.batch_alter_table('audit_entries', schema=None, recreate="always" if bind.dialect.name == "sqlite" else "auto") as batch_op:
        batch_op.drop_constraint('fk_audit_entries_case_id_cases', type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_audit_entries_case_id_cases'), 'cases', ['case_id'], ['id'], ondelete='CASCADE')
        batch_op.drop_constraint(batch_op.f('uq_audit_entries_seq'), type_='unique')
        batch_op.drop_column('hash')
        batch_op.drop_column('db_role')
        batch_op.drop_column('seq')
    op.drop_table(TABLE)
