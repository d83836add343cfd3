"""API routes about the service itself: who am I (the extension's connection test), the spec."""

from __future__ import annotations

from folio import __version__
from folio.api.blueprint import bp, current_user
from folio.api.openapi import openapi_spec


@bp.get("/me")
def me():
    return {"service": "folio", "version": __version__, "user": {"name": current_user().name}}


@bp.get("/openapi.json")
def openapi():
    return openapi_spec()
