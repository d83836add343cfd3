import os
import stat

import pytest

from folio.config import DEFAULT_MAX_HTML_BYTES, Argon2Parameters, Config, ConfigError, usable_cpus


def test_defaults_put_everything_in_the_data_dir(tmp_path):
    config = Config.from_env({"FOLIO_DATA_DIR": str(tmp_path / "data")})
    assert config.data_dir == tmp_path / "data"
    assert config.database_url == f"sqlite:///{tmp_path / 'data' / 'folio.db'}"
    assert config.max_html_bytes == DEFAULT_MAX_HTML_BYTES
    assert (config.workers, config.extract_processes) == (1, None)
    assert config.trusted_proxies == 0
    assert config.allowed_hosts == ()
    # OWASP's argon2id recommendation for servers short of memory: 19 MiB, 2 passes, 1 lane.
    assert config.argon2 == Argon2Parameters(memory_kib=19456, time_cost=2, parallelism=1)


def test_secret_key_is_generated_once_into_a_private_file(tmp_path):
    first = Config.from_env({"FOLIO_DATA_DIR": str(tmp_path)})
    second = Config.from_env({"FOLIO_DATA_DIR": str(tmp_path)})
    key_file = tmp_path / "secret_key"
    assert first.secret_key == second.secret_key == key_file.read_text().strip()
    assert len(first.secret_key) >= 32
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_secret_key_from_the_environment_writes_no_file(tmp_path):
    config = Config.from_env({"FOLIO_DATA_DIR": str(tmp_path), "FOLIO_SECRET_KEY": "s3cret"})
    assert config.secret_key == "s3cret"
    assert not (tmp_path / "secret_key").exists()


def test_every_variable_is_read(tmp_path):
    config = Config.from_env({
        "FOLIO_DATA_DIR": str(tmp_path),
        "FOLIO_DATABASE_URL": "postgresql://folio@db/folio",
        "FOLIO_SECRET_KEY": "k",
        "FOLIO_MAX_HTML_BYTES": "1000",
        "FOLIO_MAX_IMPORT_BYTES": "5000",
        "FOLIO_WORKERS": "3",
        "FOLIO_EXTRACT_PROCESSES": "4",
        "FOLIO_EXTRACT_TIMEOUT": "2.5",
        "FOLIO_TRUSTED_PROXIES": "1",
        "FOLIO_ALLOWED_HOSTS": "folio.example.org, .home.arpa 192.168.1.20,[fe80::1]",
        "FOLIO_ARGON2_MEMORY_KIB": "47104",
        "FOLIO_ARGON2_TIME_COST": "1",
        "FOLIO_ARGON2_PARALLELISM": "2",
    })
    assert config.database_url == "postgresql+psycopg://folio@db/folio"  # psycopg 3 is the driver
    assert (config.max_html_bytes, config.max_import_bytes, config.workers) == (1000, 5000, 3)
    assert config.extraction_processes == 4
    assert (config.extract_timeout, config.trusted_proxies) == (2.5, 1)
    assert config.allowed_hosts == ("folio.example.org", ".home.arpa", "192.168.1.20", "fe80::1")
    assert config.argon2 == Argon2Parameters(memory_kib=47104, time_cost=1, parallelism=2)


@pytest.mark.parametrize("value, names", [
    ("", ()),
    ("  ", ()),
    ("*", ("*",)),
    ("Folio.Example.ORG.", ("folio.example.org",)),  # as DNS compares names: case and the root dot
    ("::1 [::2]", ("::1", "::2")),
    ("bücher.example", ("xn--bcher-kva.example",)),  # as a browser sends it in Host
])
def test_allowed_hosts_are_read_as_host_names(tmp_path, value, names):
    assert Config.from_env({"FOLIO_DATA_DIR": str(tmp_path), "FOLIO_ALLOWED_HOSTS": value}).allowed_hosts == names


@pytest.mark.parametrize("name, value", [
    ("FOLIO_MAX_HTML_BYTES", "ten"),
    ("FOLIO_MAX_HTML_BYTES", "0"),
    ("FOLIO_WORKERS", "-1"),
    ("FOLIO_EXTRACT_PROCESSES", "0"),
    ("FOLIO_EXTRACT_TIMEOUT", "soon"),
    ("FOLIO_EXTRACT_TIMEOUT", "-1"),
    ("FOLIO_TRUSTED_PROXIES", "1.5"),
    ("FOLIO_DATABASE_URL", "mysql://x/y"),
    ("FOLIO_ALLOWED_HOSTS", "folio.example.org:443"),  # the port is not part of it
    ("FOLIO_ALLOWED_HOSTS", "https://folio.example.org"),
    ("FOLIO_ALLOWED_HOSTS", "[::1]:8000"),
    ("FOLIO_ARGON2_MEMORY_KIB", "0"),
    ("FOLIO_ARGON2_MEMORY_KIB", "19 MiB"),
    ("FOLIO_ARGON2_TIME_COST", "0"),
    ("FOLIO_ARGON2_PARALLELISM", "-2"),
])
def test_bad_values_are_named(tmp_path, name, value):
    with pytest.raises(ConfigError, match=name):
        Config.from_env({"FOLIO_DATA_DIR": str(tmp_path), name: value})


def test_argon2_needs_8_kib_per_lane(tmp_path):
    with pytest.raises(ConfigError, match="FOLIO_ARGON2_MEMORY_KIB"):
        Config.from_env({"FOLIO_DATA_DIR": str(tmp_path), "FOLIO_ARGON2_MEMORY_KIB": "15",
                         "FOLIO_ARGON2_PARALLELISM": "2"})


@pytest.mark.parametrize("cpu_max, cpus", [
    (None, 8),  # no cgroup v2 CPU controller: the affinity
    ("max 100000", 8),  # no quota
    ("200000 100000", 2),  # docker run --cpus=2
    ("150000 100000", 2),  # --cpus=1.5: a second process still gets half a core
    ("50000 100000", 1),
    ("garbled", 8),
])
def test_usable_cpus_heed_a_containers_cpu_quota(tmp_path, monkeypatch, cpu_max, cpus):
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(8)))
    if cpu_max is not None:
        (tmp_path / "cpu.max").write_text(cpu_max + "\n")
    assert usable_cpus(tmp_path) == cpus


@pytest.mark.parametrize("quota, period, cpus", [
    ("-1", "100000", 8),  # cgroup v1 without a quota
    ("200000", "100000", 2),
    ("150000", "100000", 2),
    ("20000", "100000", 1),
    ("200000", "0", 8),
])
def test_usable_cpus_heed_a_cgroup_v1_cpu_quota(tmp_path, monkeypatch, quota, period, cpus):
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(8)))
    (tmp_path / "cpu").mkdir()
    (tmp_path / "cpu" / "cpu.cfs_quota_us").write_text(quota + "\n")
    (tmp_path / "cpu" / "cpu.cfs_period_us").write_text(period + "\n")
    assert usable_cpus(tmp_path) == cpus
