"""The reviewer's risk sheet with each decision, and notices of decisions (お知らせ) with
the state of their e-mail.

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("use_case_reviews", sa.Column("sheet", sa.JSON, nullable=True))
    op.create_table(
        "notices",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("municipality", sa.String(200), nullable=False, server_default=""),
        sa.Column("department", sa.String(200), nullable=False, server_default=""),
        sa.Column("recipient", sa.String(200), nullable=False),
        sa.Column("use_case_id", sa.Integer, nullable=False),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("mail", sa.String(10), nullable=False, server_default=""),
        sa.Column("mail_error", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_notices_municipality", "notices", ["municipality"])
    op.create_index("ix_notices_recipient", "notices", ["recipient"])
    op.create_index("ix_notices_use_case_id", "notices", ["use_case_id"])


def downgrade() -> None:
    op.drop_table("notices")
    with op.batch_alter_table("use_case_reviews") as batch:
        batch.drop_column("sheet")
