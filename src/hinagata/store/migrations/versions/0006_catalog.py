"""The case catalog.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "catalog_cases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("uid", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("size_band", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("summary", sa.Text, nullable=False, server_default=""),
        sa.Column("concerns", sa.JSON, nullable=False),
        sa.Column("services", sa.JSON, nullable=False),
        sa.Column("classes", sa.JSON, nullable=False),
        sa.Column("municipality", sa.String(200), nullable=False, server_default=""),
        sa.Column("source_use_case", sa.String(40), nullable=False, server_default=""),
        sa.Column("created_by", sa.String(200), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_catalog_cases_uid", "catalog_cases", ["uid"])
    op.create_index("ix_catalog_cases_field", "catalog_cases", ["field"])
    op.create_index("ix_catalog_cases_size_band", "catalog_cases", ["size_band"])
    op.create_index("ix_catalog_cases_status", "catalog_cases", ["status"])


def downgrade() -> None:
    op.drop_table("catalog_cases")
