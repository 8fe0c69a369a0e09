"""One audit chain per municipality: a chain name and number on every record, a head
row per chain, a chain on every checkpoint.

The records written before this revision form one chain numbered ``1, 2, …``; they
become the beginning of the platform chain (``chain = ''``, ``chain_seq = seq``) and
verify exactly as before; the old head row becomes that chain's head and every existing
checkpoint is one of that chain. Municipalities' chains start with their first record
after this revision (hash format 3). On PostgreSQL ``seq`` is taken from the sequence
``audit_record_seq`` so that writers of different chains do not queue on one row.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    with op.batch_alter_table("audit_records") as batch:
        batch.add_column(sa.Column("chain", sa.String(200), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("chain_seq", sa.Integer, nullable=False, server_default=sa.text("0"))
        )
    conn.execute(sa.text("UPDATE audit_records SET chain_seq = seq"))
    op.create_index(
        "ux_audit_records_chain_seq", "audit_records", ["chain", "chain_seq"], unique=True
    )
    with op.batch_alter_table("audit_checkpoints") as batch:
        batch.add_column(sa.Column("chain", sa.String(200), nullable=False, server_default=""))

    old = conn.execute(sa.text("SELECT seq, hash FROM audit_head WHERE id = 1")).one_or_none()
    op.drop_table("audit_head")
    head = op.create_table(
        "audit_head",
        sa.Column("chain", sa.String(200), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, server_default="0"),
        sa.Column("hash", sa.String(64), nullable=False, server_default=""),
        sa.Column("record_seq", sa.Integer, nullable=False, server_default="0"),
    )
    if old is not None and old.seq:
        op.bulk_insert(
            head, [{"chain": "", "seq": old.seq, "hash": old.hash, "record_seq": old.seq}]
        )
    last = int(old.seq) if old is not None else 0

    if conn.dialect.name == "postgresql":
        op.execute("CREATE SEQUENCE audit_record_seq OWNED BY audit_records.seq")
        top = conn.execute(sa.text("SELECT COALESCE(MAX(seq), 0) FROM audit_records")).scalar_one()
        start = max(int(top), last)
        if start:  # the next record is start + 1: no number of the old chain is taken again
            conn.execute(sa.text("SELECT setval('audit_record_seq', :n, true)"), {"n": start})


def downgrade() -> None:
    # The code of revision 0009 knows one chain and formats 1 and 2: refuse rather than
    # leave records it cannot verify.
    conn = op.get_bind()
    n = conn.execute(
        sa.text("SELECT COUNT(*) FROM audit_records WHERE hash_version NOT IN (1, 2)")
    ).scalar_one()
    others = conn.execute(
        sa.text(
            "SELECT (SELECT COUNT(*) FROM audit_head WHERE chain <> '')"
            " + (SELECT COUNT(*) FROM audit_checkpoints WHERE chain <> '')"
        )
    ).scalar_one()
    if n or others:
        raise RuntimeError(
            f"{n} 件の監査記録がハッシュ形式 3（団体ごとの連鎖）です。0009 へは戻せません / "
            f"{n} audit records use hash format 3 (one chain per municipality); "
            "cannot downgrade to 0009"
        )
    head = conn.execute(sa.text("SELECT seq, hash FROM audit_head WHERE chain = ''")).one_or_none()
    if conn.dialect.name == "postgresql":
        op.execute("DROP SEQUENCE IF EXISTS audit_record_seq")
    op.drop_table("audit_head")
    old = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, server_default="0"),
        sa.Column("hash", sa.String(64), nullable=False, server_default=""),
    )
    op.bulk_insert(
        old,
        [{"id": 1, "seq": int(head.seq) if head else 0, "hash": head.hash if head else ""}],
    )
    with op.batch_alter_table("audit_checkpoints") as batch:
        batch.drop_column("chain")
    op.drop_index("ux_audit_records_chain_seq", "audit_records")
    with op.batch_alter_table("audit_records") as batch:
        batch.drop_column("chain_seq")
        batch.drop_column("chain")
