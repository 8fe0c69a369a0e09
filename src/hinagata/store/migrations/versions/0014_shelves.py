"""Full shelves: the sources, norms and fictional mark of a catalog case, and the record
of each 入力前チェック (no text).

Revision ID: 0014
Revises: 0011
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("catalog_cases") as batch:
        batch.add_column(sa.Column("sources", sa.JSON, nullable=True))
        batch.add_column(sa.Column("norms", sa.JSON, nullable=True))
        batch.add_column(
            sa.Column("fictional", sa.Boolean, nullable=False, server_default=sa.false())
        )
    op.create_table(
        "check_records",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("ts", sa.DateTime(timezone=True), nullable=False),
        sa.Column("request_id", sa.String(64), nullable=False),
        sa.Column("municipality", sa.String(200), nullable=False, server_default=""),
        sa.Column("department", sa.String(200), nullable=False, server_default=""),
        sa.Column("user_login", sa.String(200), nullable=False),
        sa.Column("service", sa.String(100), nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("information_class", sa.String(8), nullable=False, server_default=""),
        sa.Column("findings", sa.JSON, nullable=False),
        sa.Column("clauses", sa.JSON, nullable=False),
        sa.Column("chars", sa.Integer, nullable=False, server_default="0"),
        sa.Column("kept", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_check_records_ts", "check_records", ["ts"])
    op.create_index("ix_check_records_user", "check_records", ["municipality", "user_login", "ts"])


def downgrade() -> None:
    op.drop_table("check_records")
    with op.batch_alter_table("catalog_cases") as batch:
        batch.drop_column("fictional")
        batch.drop_column("norms")
        batch.drop_column("sources")
