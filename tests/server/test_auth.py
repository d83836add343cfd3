"""Users, passwords and API tokens, on SQLite and PostgreSQL."""

from datetime import timedelta

import pytest

from conftest import make_user
from folio import auth
from folio.auth import tokens
from folio.errors import BadInput, NotFound
from folio.storage import ApiToken, utc_now, write


def test_authenticate(session):
    make_user(session, "alice")
    assert auth.authenticate(session, "alice", "correct horse battery").name == "alice"
    assert auth.authenticate(session, "alice", "wrong password") is None
    assert auth.authenticate(session, "nobody", "correct horse battery") is None


def test_passwords_are_hashed_with_argon2(session):
    user = make_user(session, "alice")
    assert user.password_hash.startswith("$argon2id$")
    assert "correct horse" not in user.password_hash


def test_change_password(session):
    user = make_user(session, "alice")
    auth.change_password(session, user, "a new long password")
    assert auth.authenticate(session, "alice", "a new long password")
    assert auth.authenticate(session, "alice", "correct horse battery") is None


@pytest.mark.parametrize("name", ["", "-dash-first", "has space", "x" * 65, "semi;colon", "ünïcode"])
def test_bad_user_names(session, name):
    with pytest.raises(BadInput):
        auth.create_user(session, name, "long enough password")


def test_short_passwords_are_refused(session):
    with pytest.raises(BadInput):
        auth.create_user(session, "alice", "short")


def test_get_user(session):
    make_user(session, "alice")
    assert auth.get_user(session, "alice").name == "alice"
    with pytest.raises(NotFound):
        auth.get_user(session, "bob")


def test_tokens_are_shown_once_and_stored_hashed(session, alice):
    token, secret = auth.create_token(session, alice, "laptop")
    assert secret.startswith("folio_") and len(secret) > 40
    assert token.token_hash != secret and secret not in token.token_hash
    assert secret.startswith(token.prefix)
    assert auth.user_for_token(session, secret).id == alice.id
    assert auth.user_for_token(session, secret + "x") is None
    listed = auth.list_tokens(session, alice)
    assert [(t.label, t.prefix) for t in listed] == [("laptop", token.prefix)]


def test_last_use_is_recorded_at_most_once_a_minute(session, alice):
    token, secret = auth.create_token(session, alice)
    assert token.last_used_at is None
    auth.user_for_token(session, secret)
    first_use = session.get(ApiToken, token.id).last_used_at
    assert first_use is not None
    auth.user_for_token(session, secret)
    assert session.get(ApiToken, token.id).last_used_at == first_use
    old = utc_now() - tokens.LAST_USED_RESOLUTION - timedelta(seconds=5)

    def age():
        session.get(ApiToken, token.id).last_used_at = old

    write(session, age)
    auth.user_for_token(session, secret)
    assert session.get(ApiToken, token.id).last_used_at > old


def test_revoke_by_id_or_prefix(session, alice, bob):
    first, first_secret = auth.create_token(session, alice)
    second, second_secret = auth.create_token(session, alice)
    auth.revoke_token(session, str(first.id))
    assert auth.user_for_token(session, first_secret) is None
    assert auth.user_for_token(session, second_secret) is not None
    auth.revoke_token(session, second.prefix)
    assert auth.user_for_token(session, second_secret) is None
    assert auth.list_tokens(session, alice) == []


def test_revoke_refuses_unknown_ambiguous_and_foreign_tokens(session, alice, bob):
    token, _ = auth.create_token(session, alice)
    auth.create_token(session, alice)
    with pytest.raises(NotFound):
        auth.revoke_token(session, "999999")
    with pytest.raises(BadInput):
        auth.revoke_token(session, "folio_")  # every token starts so
    with pytest.raises(BadInput):
        auth.revoke_token(session, "")
    with pytest.raises(NotFound):
        auth.revoke_token(session, str(token.id), user=bob)


def test_long_labels_are_refused(session, alice):
    with pytest.raises(BadInput):
        auth.create_token(session, alice, "x" * 101)
