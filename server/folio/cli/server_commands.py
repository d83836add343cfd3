"""Server commands: `folio serve`, `folio user`, `folio token`, `folio db`, `folio export`/`import`."""

from __future__ import annotations

import os
import sys

import click

from folio import auth, library
from folio.config import Config, ConfigError
from folio.errors import FolioError
from folio.storage import Database
from folio.storage.migrate import current_revision, upgrade


def _config() -> Config:
    try:
        return Config.from_env()
    except ConfigError as error:
        raise click.ClickException(str(error)) from None


def _database(config: Config) -> Database:
    database = Database(config.database_url)
    upgrade(database)
    return database


def _run(action):
    """Run `action(session)` on a migrated database; service errors become CLI errors."""
    database = _database(_config())
    try:
        with database.session() as session:
            return action(session)
    except FolioError as error:
        raise click.ClickException(error.message) from None
    finally:
        database.dispose()


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", type=click.IntRange(1, 64), help="Worker processes [default: FOLIO_WORKERS or CPUs + 1].")
def serve_command(host: str, port: int, workers: int | None) -> None:
    """Run the Folio server (gunicorn) after migrating the database."""
    from folio.wsgi_server import MigrationFailed, serve  # gunicorn is only needed here

    try:
        serve(_config(), host, port, workers)
    except MigrationFailed as error:
        raise click.ClickException(str(error)) from None


@click.group("user")
def user_group() -> None:
    """Manage users."""


@user_group.command("create")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
def create_user_command(name: str, password_stdin: bool) -> None:
    """Create the user NAME (asks for a password)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    argon2 = _config().argon2
    _run(lambda session: auth.create_user(session, name, password, argon2))
    click.echo(f"created user {name}")


@click.group("token")
def token_group() -> None:
    """Manage API tokens (for the browser extension and scripts)."""


@token_group.command("create")
@click.argument("name")
@click.option("--label", default="", help="What the token is for, e.g. 'laptop Firefox'.")
def create_token_command(name: str, label: str) -> None:
    """Create an API token for user NAME and print it (it is shown only this once)."""
    _, secret = _run(lambda session: auth.create_token(session, auth.get_user(session, name), label))
    click.echo(secret)


@token_group.command("list")
@click.argument("name")
def list_tokens_command(name: str) -> None:
    """List the API tokens of user NAME."""
    tokens = _run(lambda session: auth.list_tokens(session, auth.get_user(session, name)))
    for token in tokens:
        used = token.last_used_at.isoformat() if token.last_used_at else "never"
        click.echo(f"{token.id}\t{token.prefix}…\t{token.label or '-'}\tcreated {token.created_at.isoformat()}\tlast used {used}")


@token_group.command("revoke")
@click.argument("token_id_or_prefix")
def revoke_token_command(token_id_or_prefix: str) -> None:
    """Revoke a token, named by its id or its prefix (as `token list` shows them)."""
    token = _run(lambda session: auth.revoke_token(session, token_id_or_prefix))
    click.echo(f"revoked token {token.id} ({token.prefix}…)")


@click.group("db")
def db_group() -> None:
    """Manage the database."""


@db_group.command("upgrade")
def db_upgrade_command() -> None:
    """Migrate the database to the newest schema."""
    database = _database(_config())
    click.echo(f"database at revision {current_revision(database)}")
    database.dispose()


@click.command("export")
@click.option("--user", "user_name", required=True)
@click.option("--format", "format_name", type=click.Choice(list(library.EXPORT_FORMATS)), default="json",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True)
@click.option("--q", "query", default="", help="Only articles matching this search.")
@click.option("--tag", default=None, help="Only articles with this tag.")
def export_command(user_name: str, format_name: str, output: str, query: str, tag: str | None) -> None:
    """Export a user's articles to a file."""
    filters = library.ArticleFilter(q=query, tag=tag)
    try:
        with open(output, "wb") as out:
            _run(lambda session: library.export_articles(
                session, auth.get_user(session, user_name), format_name, out, filters))
    except click.ClickException:
        os.unlink(output)  # no half-written or empty file left behind
        raise
    click.echo(f"wrote {output}")


@click.command("import")
@click.option("--user", "user_name", required=True)
@click.argument("file", type=click.File("rb"))
def import_command(user_name: str, file) -> None:
    """Import a Folio export (JSON) into a user's library."""
    data = file.read()
    result = _run(lambda session: library.import_articles(session, auth.get_user(session, user_name), data))
    click.echo(f"imported {result.imported}, updated {result.updated}")


