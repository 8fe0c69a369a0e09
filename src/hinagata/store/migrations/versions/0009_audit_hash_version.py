"""The audit chain's hash format version: version 2 binds the searchable copies.

Records written before this revision keep version 1 (their hash covers the record
alone; ``audit verify`` still compares their copies with the record). Records from now
on are version 2: the hash also covers the copies (municipality, department, verdict,
login, cited clauses) and the version itself.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_records") as batch:
        batch.add_column(
            sa.Column("hash_version", sa.Integer, nullable=False, server_default=sa.text("1"))
        )


def downgrade() -> None:
    # Version-2 records cannot be verified by the code of revision 0008: refuse rather
    # than leave a chain that no longer verifies.
    conn = op.get_bind()
    n = conn.execute(
        sa.text("SELECT COUNT(*) FROM audit_records WHERE hash_version <> 1")
    ).scalar_one()
    if n:
        raise RuntimeError(
            f"{n} 件の監査記録がハッシュ形式 2 です。0008 へは戻せません / "
            f"{n} audit records use hash format 2; cannot downgrade to 0008"
        )
    with op.batch_alter_table("audit_records") as batch:
        batch.drop_column("hash_version")
