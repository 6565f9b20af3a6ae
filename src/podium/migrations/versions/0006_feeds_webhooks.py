"""News feeds and webhooks: item versions, hooks, their outbox, deliveries and attempts

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "news_item",
        sa.Column("id", sa.String(240), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("games", sa.String(64), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "webhook",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("secret", sa.String(64), nullable=False),
        sa.Column("games", sa.String(64)),
        sa.Column("perspective", sa.String(3), nullable=False),
        sa.Column("lang", sa.String(2), nullable=False),
        sa.Column("label", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
    )
    op.create_table(
        "webhook_outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("hook", sa.Integer, sa.ForeignKey("webhook.id"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("games", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expanded_at", sa.DateTime),
    )
    op.create_index("ix_outbox_pending", "webhook_outbox", ["expanded_at", "hook"])
    op.create_table(
        "webhook_delivery",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("hook", sa.Integer, sa.ForeignKey("webhook.id"), nullable=False),
        sa.Column("item", sa.String(240), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("idempotency", sa.String(300), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_at", sa.DateTime, nullable=False),
        sa.Column("delivered_at", sa.DateTime),
        sa.Column("failed_at", sa.DateTime),
        sa.Column("last_status", sa.Integer),
        sa.Column("last_error", sa.Text),
        sa.UniqueConstraint("hook", "item", "version", name="uq_delivery_hook_item_version"),
    )
    op.create_index("ix_delivery_due", "webhook_delivery", ["delivered_at", "failed_at", "next_at"])
    op.create_table(
        "webhook_attempt",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("delivery", sa.Integer, sa.ForeignKey("webhook_delivery.id"), nullable=False),
        sa.Column("hook", sa.Integer, sa.ForeignKey("webhook.id"), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("status", sa.Integer),
        sa.Column("error", sa.Text),
        sa.Column("millis", sa.Integer, nullable=False),
    )
    op.create_index("ix_attempt_hook", "webhook_attempt", ["hook", "id"])


def downgrade() -> None:
    op.drop_index("ix_attempt_hook", table_name="webhook_attempt")
    op.drop_table("webhook_attempt")
    op.drop_index("ix_delivery_due", table_name="webhook_delivery")
    op.drop_table("webhook_delivery")
    op.drop_index("ix_outbox_pending", table_name="webhook_outbox")
    op.drop_table("webhook_outbox")
    op.drop_table("webhook")
    op.drop_table("news_item")
