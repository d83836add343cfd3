"""The API blueprint and what runs before every API call: origin, body size, token."""

from __future__ import annotations

from flask import Blueprint, g, request

from folio.api.cors import refuse_foreign_origin
from folio.app_context import db_session, services
from folio.auth import token_owner_id
from folio.errors import TooLarge, Unauthorized
from folio.storage import User

bp = Blueprint("api", __name__, url_prefix="/api/v1")
IMPORT_ENDPOINT = "api.import_articles"
UNKNOWN_TOKEN = "the API token is unknown or revoked"


@bp.before_request
def check_request() -> None:
    if request.method == "OPTIONS":
        return  # a CORS preflight carries no token; Flask answers it with the allowed methods
    refuse_foreign_origin()
    if request.endpoint == IMPORT_ENDPOINT:
        request.max_content_length = services().config.max_import_bytes
    limit = request.max_content_length
    if request.content_length is not None and limit is not None and request.content_length > limit:
        raise TooLarge(f"the request body is larger than {limit} bytes")
    # Failed token checks are counted per client address; while it is over the limit, even a
    # valid token is answered 429, so guessing tokens from one address goes nowhere.
    failed_tokens = services().rate_limits.failed_api_token
    failed_tokens.check()
    try:
        g.api_user_id = _authenticated_user_id()
    except Unauthorized:
        failed_tokens.count()
        raise


def _authenticated_user_id() -> int:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("send an API token as 'Authorization: Bearer <token>'")
    user_id = token_owner_id(db_session(), token.strip())
    if user_id is None:
        raise Unauthorized(UNKNOWN_TOKEN)
    return user_id


def current_user() -> User:
    """The token's owner, loaded on first use (POST /extract never needs it)."""
    if "api_user" not in g:
        user = db_session().get(User, g.api_user_id)
        if user is None:  # deleted, with its tokens, since the token was checked
            raise Unauthorized(UNKNOWN_TOKEN)
        g.api_user = user
    return g.api_user
