"""The server's command line, run in-process with click's CliRunner."""

import json
import zipfile

import pytest
from click.testing import CliRunner

from conftest import sample_article
from folio import auth, library
from folio.cli import main
from folio.config import Config
from folio.storage import Database


# A cheap password hash (the tests make many users), which the commands must take from the environment.
CHEAP_ARGON2_ENV = {"FOLIO_ARGON2_MEMORY_KIB": "1024", "FOLIO_ARGON2_TIME_COST": "1"}


@pytest.fixture
def folio(tmp_path):
    runner = CliRunner()
    env = {"FOLIO_DATA_DIR": str(tmp_path), **CHEAP_ARGON2_ENV}

    def run(*args, input=None, ok=True):
        result = runner.invoke(main, list(args), input=input, env=env, catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, result.output
        return result

    run.data_dir = tmp_path
    return run


def test_user_create_from_stdin_and_prompt(folio):
    assert "created user alice" in folio("user", "create", "alice", "--password-stdin",
                                          input="a long password\n").output
    folio("user", "create", "bob", input="another password\nanother password\n")
    config = Config.from_env({"FOLIO_DATA_DIR": str(folio.data_dir), **CHEAP_ARGON2_ENV})
    database = Database(config.database_url)
    with database.session() as session:
        assert auth.get_user(session, "alice").password_hash.startswith("$argon2id$v=19$m=1024,t=1,p=1$")
        assert auth.authenticate(session, "alice", "a long password", config.argon2)
        assert auth.authenticate(session, "bob", "another password", config.argon2)
    database.dispose()


def test_user_create_errors(folio):
    folio("user", "create", "alice", "--password-stdin", input="a long password\n")
    again = folio("user", "create", "alice", "--password-stdin", input="a long password\n", ok=False)
    assert again.exit_code == 1 and "already exists" in again.output
    short = folio("user", "create", "carol", "--password-stdin", input="short\n", ok=False)
    assert short.exit_code == 1 and "at least" in short.output


def test_tokens(folio):
    folio("user", "create", "alice", "--password-stdin", input="a long password\n")
    secret = folio("token", "create", "alice", "--label", "laptop").output.strip()
    assert secret.startswith("folio_")
    second = folio("token", "create", "alice").output.strip()
    listing = folio("token", "list", "alice").output
    assert "laptop" in listing and secret[:14] in listing and secret not in listing
    assert "last used never" in listing
    assert "revoked token" in folio("token", "revoke", secret[:14]).output
    token_id = folio("token", "list", "alice").output.split("\t")[0]
    folio("token", "revoke", token_id)
    assert folio("token", "list", "alice").output == ""
    missing = folio("token", "revoke", second[:14], ok=False)
    assert missing.exit_code == 1 and "no token" in missing.output
    unknown_user = folio("token", "create", "nobody", ok=False)
    assert unknown_user.exit_code == 1 and "no user" in unknown_user.output


def test_db_upgrade(folio):
    assert "revision 0001" in folio("db", "upgrade").output


@pytest.mark.parametrize("format_name", ["json", "markdown", "html", "epub"])
def test_export_and_import(folio, format_name, tmp_path):
    folio("user", "create", "alice", "--password-stdin", input="a long password\n")
    database = Database(Config.for_data_dir(folio.data_dir).database_url)
    with database.session() as session:
        alice = auth.get_user(session, "alice")
        library.save_article(session, alice, sample_article(), "<html>x</html>", extractor_version="t")
    database.dispose()
    output = tmp_path / f"out.{format_name}"
    folio("export", "--user", "alice", "--format", format_name, "-o", str(output))
    data = output.read_bytes()
    if format_name == "json":
        assert json.loads(data)["articles"][0]["title"] == "The rising sea"
        folio("user", "create", "bob", "--password-stdin", input="a long password\n")
        assert "imported 1, updated 0" in folio("import", "--user", "bob", str(output)).output
    elif format_name == "epub":
        assert zipfile.is_zipfile(output)
    else:
        assert "The rising sea" in data.decode()


def test_export_of_an_unknown_user(folio, tmp_path):
    result = folio("export", "--user", "nobody", "-o", str(tmp_path / "x.json"), ok=False)
    assert result.exit_code == 1 and "no user" in result.output
    assert not (tmp_path / "x.json").exists()


def test_bad_configuration_is_reported(tmp_path):
    result = CliRunner().invoke(main, ["db", "upgrade"],
                                env={"FOLIO_DATA_DIR": str(tmp_path), "FOLIO_WORKERS": "many"})
    assert result.exit_code == 1
    assert "FOLIO_WORKERS" in result.output


def test_serve_migrates_then_runs_gunicorn_with_limits(folio, monkeypatch):
    from folio import wsgi_server

    started = {}
    monkeypatch.setattr(wsgi_server.FolioServer, "run", lambda self: started.update(
        options=self.options, config=self.folio_config))
    folio("serve", "--host", "0.0.0.0", "--port", "9000", "--workers", "3")
    options = started["options"]
    assert options["bind"] == "0.0.0.0:9000"
    assert options["workers"] == 3
    assert options["timeout"] > started["config"].extract_timeout
    assert started["config"].auto_migrate is False  # the workers do not migrate again
    database = Database(Config.for_data_dir(folio.data_dir).database_url)
    from folio.storage.migrate import current_revision, head_revision

    assert current_revision(database) == head_revision()
    database.dispose()


def test_serve_stops_with_a_message_when_the_migration_fails(monkeypatch, tmp_path):
    from folio import wsgi_server

    monkeypatch.setattr(wsgi_server.FolioServer, "run", lambda self: pytest.fail("gunicorn started"))
    (tmp_path / "not-a-folder").write_text("a file where the database folder should be")
    monkeypatch.setenv("FOLIO_DATABASE_URL", f"sqlite:///{tmp_path / 'not-a-folder' / 'folio.db'}")
    result = CliRunner().invoke(main, ["serve", "--port", "9000"], env={"FOLIO_DATA_DIR": str(tmp_path)})
    assert result.exit_code == 1
    assert "the database migration failed" in result.output


@pytest.mark.parametrize("cpus, workers, processes, threads", [
    (1, 1, 1, 8), (2, 1, 2, 8), (8, 1, 8, 32), (8, 2, 4, 16), (2, 3, 1, 8),
])
def test_each_worker_extracts_on_its_share_of_the_cores(monkeypatch, tmp_path, cpus, workers, processes, threads):
    """Extraction is CPU-bound: one extraction process per core, the cores shared among the
    workers; threads enough to keep them busy and still serve the library."""
    import os

    from folio import wsgi_server

    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(cpus)))
    config = Config.for_data_dir(tmp_path, workers=workers)
    options = wsgi_server.gunicorn_options(config, "127.0.0.1", 9000)
    assert config.extraction_processes == processes
    assert (options["workers"], options["worker_class"], options["threads"]) == (workers, "gthread", threads)


def test_flask_run_finds_the_app(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    flask = str(Path(sys.executable).with_name("flask"))
    result = subprocess.run([flask, "--app", "folio.app:create_app", "routes"], capture_output=True, text=True,
                            env={**os.environ, "FOLIO_DATA_DIR": str(tmp_path)}, check=True)
    assert "/api/v1/articles" in result.stdout and "/healthz" in result.stdout


def test_a_bad_export_filter_writes_nothing(folio, tmp_path):
    folio("user", "create", "alice", "--password-stdin", input="a long password\n")
    output = tmp_path / "out.json"
    result = folio("export", "--user", "alice", "--tag", "!!!", "-o", str(output), ok=False)
    assert result.exit_code == 1 and "tag" in result.output
    assert not output.exists()
