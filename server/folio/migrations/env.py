"""Alembic environment: migrates the connection that `folio.storage.migrate` hands over."""

from alembic import context

from folio.storage.migrate import is_model_object
from folio.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_object=is_model_object,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
