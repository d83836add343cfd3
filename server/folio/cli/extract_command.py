"""`folio extract`: run the extraction engine on saved pages and print article JSON."""

import json

import click

from folio.extract import extract_article


@click.command("extract")
@click.argument("files", nargs=-1, type=click.Path())
@click.option("--url", default="http://localhost/", help="The URL the page was served from.")
def extract_command(files: tuple[str, ...], url: str) -> None:
    """Print the article JSON extracted from each FILE."""
    for path in files:
        with open(path, "rb") as handle:
            article = extract_article(handle.read(), url)
        click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
