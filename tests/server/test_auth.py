"""Users, passwords and API tokens, on SQLite and PostgreSQL."""

from datetime import timedelta

import pytest
from argon2 import PasswordHasher

from conftest import CHEAP_ARGON2, make_user
from folio import auth
from folio.auth import passwords, tokens
from folio.config import Argon2Parameters
from folio.errors import BadInput, NotFound
from folio.storage import ApiToken, User, utc_now, write

PASSWORD = "correct horse battery"


def test_authenticate(session):
    make_user(session, "alice")
    assert auth.authenticate(session, "alice", PASSWORD, CHEAP_ARGON2).name == "alice"
    assert auth.authenticate(session, "alice", "wrong password", CHEAP_ARGON2) is None
    assert auth.authenticate(session, "nobody", PASSWORD, CHEAP_ARGON2) is None


def test_passwords_are_hashed_with_argon2(session):
    user = make_user(session, "alice")
    assert user.password_hash.startswith("$argon2id$")
    assert "correct horse" not in user.password_hash


def test_the_default_cost_is_owasps_for_servers_short_of_memory():
    stored = passwords.hash_password(PASSWORD, Argon2Parameters())
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert passwords.verify_password(stored, PASSWORD, Argon2Parameters())


def test_the_configured_cost_is_the_one_stored(session):
    cost = Argon2Parameters(memory_kib=2048, time_cost=3, parallelism=2)
    user = auth.create_user(session, "alice", PASSWORD, cost)
    assert user.password_hash.startswith("$argon2id$v=19$m=2048,t=3,p=2$")


def stored_hash(session, name: str) -> str:
    session.expire_all()
    return session.query(User).filter_by(name=name).one().password_hash


@pytest.mark.parametrize("earlier", [
    PasswordHasher(),  # argon2-cffi's own default, which Folio used before FOLIO_ARGON2_*: 64 MiB, 3 passes, 4 lanes
    PasswordHasher(memory_cost=2048, time_cost=1, parallelism=1),
], ids=["argon2-cffi default", "other cost"])
def test_a_hash_of_an_earlier_cost_verifies_and_is_rehashed_at_the_next_sign_in(session, earlier):
    user = make_user(session, "alice")
    user_id = user.id

    def store_earlier_hash():
        session.get(User, user_id).password_hash = earlier.hash(PASSWORD)

    write(session, store_earlier_hash)
    before = stored_hash(session, "alice")
    assert auth.authenticate(session, "alice", "wrong password", CHEAP_ARGON2) is None
    assert stored_hash(session, "alice") == before  # a failed sign-in changes nothing
    assert auth.authenticate(session, "alice", PASSWORD, CHEAP_ARGON2).id == user_id
    rehashed = stored_hash(session, "alice")
    assert rehashed != before and rehashed.startswith("$argon2id$v=19$m=1024,t=1,p=1$")
    assert auth.authenticate(session, "alice", PASSWORD, CHEAP_ARGON2).id == user_id
    assert stored_hash(session, "alice") == rehashed  # at the current cost: left alone


def test_an_unknown_name_is_checked_against_a_hash_of_the_current_cost():
    """A wrong name must cost as long as a wrong password: both verify a hash of this cost."""
    assert passwords.verify_password(None, PASSWORD, CHEAP_ARGON2) is False
    assert passwords._dummy_hash(CHEAP_ARGON2).startswith("$argon2id$v=19$m=1024,t=1,p=1$")
    assert passwords._dummy_hash(Argon2Parameters()).startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_change_password(session):
    user = make_user(session, "alice")
    auth.change_password(session, user, "a new long password", CHEAP_ARGON2)
    assert auth.authenticate(session, "alice", "a new long password", CHEAP_ARGON2)
    assert auth.authenticate(session, "alice", PASSWORD, CHEAP_ARGON2) is None


@pytest.mark.parametrize("name", ["", "-dash-first", "has space", "x" * 65, "semi;colon", "ünïcode"])
def test_bad_user_names(session, name):
    with pytest.raises(BadInput):
        auth.create_user(session, name, "long enough password", CHEAP_ARGON2)


def test_short_passwords_are_refused(session):
    with pytest.raises(BadInput):
        auth.create_user(session, "alice", "short", CHEAP_ARGON2)


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
    assert auth.token_owner_id(session, secret) == alice.id
    assert auth.token_owner_id(session, secret + "x") is None
    listed = auth.list_tokens(session, alice)
    assert [(t.label, t.prefix) for t in listed] == [("laptop", token.prefix)]


def test_last_use_is_recorded_at_most_once_a_minute(session, alice):
    token, secret = auth.create_token(session, alice)
    assert token.last_used_at is None
    auth.token_owner_id(session, secret)
    first_use = session.get(ApiToken, token.id).last_used_at
    assert first_use is not None
    auth.token_owner_id(session, secret)
    assert session.get(ApiToken, token.id).last_used_at == first_use
    old = utc_now() - tokens.LAST_USED_RESOLUTION - timedelta(seconds=5)

    def age():
        session.get(ApiToken, token.id).last_used_at = old

    write(session, age)
    auth.token_owner_id(session, secret)
    assert session.get(ApiToken, token.id).last_used_at > old


def test_revoke_by_id_or_prefix(session, alice, bob):
    first, first_secret = auth.create_token(session, alice)
    second, second_secret = auth.create_token(session, alice)
    auth.revoke_token(session, str(first.id))
    assert auth.token_owner_id(session, first_secret) is None
    assert auth.token_owner_id(session, second_secret) is not None
    auth.revoke_token(session, second.prefix)
    assert auth.token_owner_id(session, second_secret) is None
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
