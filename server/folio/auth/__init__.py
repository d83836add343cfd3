"""Accounts: users with argon2-hashed passwords, and the API tokens the extension sends."""

from folio.auth.tokens import create_token, list_tokens, revoke_token, token_owner_id
from folio.auth.users import authenticate, change_password, create_user, get_user, validate_user_name

__all__ = [
    "authenticate", "change_password", "create_token", "create_user", "get_user", "list_tokens",
    "revoke_token", "token_owner_id", "validate_user_name",
]
