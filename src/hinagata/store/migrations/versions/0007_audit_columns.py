"""Searchable copies of decision fields in the audit log, and the cited clauses.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_records") as batch:
        batch.add_column(sa.Column("municipality", sa.String(200), nullable=True))
        batch.add_column(sa.Column("department", sa.String(200), nullable=True))
        batch.add_column(sa.Column("verdict", sa.String(16), nullable=True))
        batch.add_column(sa.Column("user_login", sa.String(200), nullable=True))
    op.create_index("ix_audit_records_kind_ts", "audit_records", ["kind", "ts"])
    op.create_index("ix_audit_records_department_ts", "audit_records", ["department", "ts"])
    op.create_table(
        "audit_clauses",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("ts", sa.DateTime(timezone=True), nullable=False),
        sa.Column("municipality", sa.String(200), nullable=True),
        sa.Column("department", sa.String(200), nullable=True),
        sa.Column("clause", sa.String(40), nullable=False),
    )
    op.create_index("ix_audit_clauses_seq", "audit_clauses", ["seq"])
    op.create_index("ix_audit_clauses_ts", "audit_clauses", ["ts"])
    # Backfill existing decisions from their JSON, in batches.
    conn = op.get_bind()
    records = sa.table(
        "audit_records",
        sa.column("seq", sa.Integer),
        sa.column("ts", sa.DateTime(timezone=True)),
        sa.column("kind", sa.String),
        sa.column("data", sa.JSON),
        sa.column("municipality", sa.String),
        sa.column("department", sa.String),
        sa.column("verdict", sa.String),
        sa.column("user_login", sa.String),
    )
    clauses = sa.table(
        "audit_clauses",
        sa.column("seq", sa.Integer),
        sa.column("ts", sa.DateTime(timezone=True)),
        sa.column("municipality", sa.String),
        sa.column("department", sa.String),
        sa.column("clause", sa.String),
    )
    last = 0
    while True:
        rows = conn.execute(
            sa.select(records.c.seq, records.c.ts, records.c.data)
            .where(records.c.kind == "decision", records.c.seq > last)
            .order_by(records.c.seq)
            .limit(5000)
        ).all()
        if not rows:
            break
        for seq, ts, data in rows:
            d = data if isinstance(data, dict) else json.loads(data or "{}")
            conn.execute(
                records.update()
                .where(records.c.seq == seq)
                .values(
                    municipality=d.get("municipality"),
                    department=d.get("department"),
                    verdict=d.get("verdict"),
                    user_login=d.get("user"),
                )
            )
            cited = [c for c in d.get("clauses") or [] if isinstance(c, str)]
            if cited:
                conn.execute(
                    clauses.insert(),
                    [
                        {"seq": seq, "ts": ts, "municipality": d.get("municipality"),
                         "department": d.get("department"), "clause": c[:40]}
                        for c in cited
                    ],
                )  # fmt: skip
        last = rows[-1][0]


def downgrade() -> None:
    op.drop_table("audit_clauses")
    op.drop_index("ix_audit_records_department_ts", "audit_records")
    op.drop_index("ix_audit_records_kind_ts", "audit_records")
    with op.batch_alter_table("audit_records") as batch:
        batch.drop_column("user_login")
        batch.drop_column("verdict")
        batch.drop_column("department")
        batch.drop_column("municipality")
