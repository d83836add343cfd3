"""The `folio` command line: one click group; each area registers its commands here."""

import click

from folio.cli.extract_command import extract_command
from folio.cli.server_commands import (
    db_group,
    export_command,
    import_command,
    serve_command,
    token_group,
    user_group,
)


@click.group()
@click.version_option(package_name="folio")
def main() -> None:
    """Folio: reading mode and personal archive."""


main.add_command(extract_command)
main.add_command(serve_command)
main.add_command(user_group)
main.add_command(token_group)
main.add_command(db_group)
main.add_command(export_command)
main.add_command(import_command)
