"""Alembic migrations for the Folio database; run them with `folio.storage.migrate.upgrade`."""
