"""Transcripts carry their municipality and department (administrators see their own).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("transcripts") as batch:
        batch.add_column(
            sa.Column("municipality", sa.String(200), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("department", sa.String(200), nullable=False, server_default=""))
        batch.add_column(sa.Column("model", sa.String(200), nullable=False, server_default=""))
    op.create_index("ix_transcripts_municipality", "transcripts", ["municipality"])


def downgrade() -> None:
    op.drop_index("ix_transcripts_municipality", "transcripts")
    with op.batch_alter_table("transcripts") as batch:
        batch.drop_column("model")
        batch.drop_column("department")
        batch.drop_column("municipality")
