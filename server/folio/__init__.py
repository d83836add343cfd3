"""Folio: a self-hosted reading-mode service and personal archive."""

__version__ = "0.1.0"
