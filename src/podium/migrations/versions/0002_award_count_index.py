"""A covering index for medal counts

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_award_count", "award", ["games", "noc", "medal", "awarded_at", "key"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_award_count", table_name="award")
