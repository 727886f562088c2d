"""The settings reader accepts good values and names the variable of a bad one."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from followup.env import ConfigError, env_bool, env_int, env_list, env_url, parse_email_url

ROOT = Path(__file__).resolve().parents[2]


def test_env_bool_reads_common_spellings():
    assert env_bool("X", environ={"X": "yes"}) is True
    assert env_bool("X", environ={"X": "0"}) is False
    assert env_bool("X", True, environ={}) is True


def test_env_bool_rejects_anything_else():
    with pytest.raises(ConfigError, match="DEBUG"):
        env_bool("DEBUG", environ={"DEBUG": "maybe"})


def test_env_int_rejects_words_and_small_numbers():
    with pytest.raises(ConfigError, match="EMAIL_PORT must be a whole number"):
        env_int("EMAIL_PORT", 25, environ={"EMAIL_PORT": "twenty"})
    with pytest.raises(ConfigError, match="at least 1"):
        env_int("EMAIL_PORT", 25, minimum=1, environ={"EMAIL_PORT": "0"})
    assert env_int("EMAIL_PORT", 25, environ={"EMAIL_PORT": "2525"}) == 2525


def test_env_list_splits_on_commas():
    assert env_list("ALLOWED_HOSTS", [], environ={"ALLOWED_HOSTS": "a.example, b.example,"}) == [
        "a.example",
        "b.example",
    ]


def test_env_url_checks_the_scheme():
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        env_url("DATABASE_URL", "", schemes=("postgres",), environ={"DATABASE_URL": "mysql://x/y"})


def test_email_url_becomes_smtp_settings():
    parsed = parse_email_url("EMAIL_URL", "smtp+tls://me%40x.org:p%40ss@mail.example:2525")
    assert parsed["EMAIL_HOST"] == "mail.example"
    assert parsed["EMAIL_PORT"] == 2525
    assert parsed["EMAIL_HOST_USER"] == "me@x.org"
    assert parsed["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert parsed["EMAIL_USE_TLS"] is True


def test_email_url_with_a_bad_port_is_rejected():
    with pytest.raises(ConfigError, match="EMAIL_URL"):
        parse_email_url("EMAIL_URL", "smtp://mail.example:port")


def start_django(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    clean.update(DJANGO_SETTINGS_MODULE="followup.settings", **env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = start_django(DEBUG="0", ALLOWED_HOSTS="followup.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = start_django(DEBUG="0", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_a_bad_value_stops_start_up_naming_the_variable():
    result = start_django(DEBUG="1", SCHEDULER_INTERVAL="soon")
    assert result.returncode != 0
    assert "SCHEDULER_INTERVAL must be a number" in result.stderr


def test_production_settings_pass_check_deploy():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE_SSL_REDIRECT", "SECURE_COOKIES"}}
    env.update(
        DJANGO_SETTINGS_MODULE="followup.settings",
        DEBUG="0",
        SECRET_KEY="k8#pV2!x" * 8,
        ALLOWED_HOSTS="followup.example",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def assert_one_line_naming(result: subprocess.CompletedProcess, variable: str, *, secret: str = "") -> str:
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Configuration error: {variable} "), lines[0]
    assert "Traceback" not in result.stderr + result.stdout
    if secret:
        assert secret not in result.stderr + result.stdout
    return lines[0]


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("DATABASE_URL", "postgres://u:s3cr3t-pw@db.example:notaport/db", "port that is not a number"),
        ("DATABASE_URL", "postgres://u:s3cr3t-pw@db.example:70000/db", "port that is not a number"),
        ("DATABASE_URL", "postgres://", "names no database"),
        ("DATABASE_URL", "postgres://u:s3cr3t-pw@db.example:5432/", "names no database"),
        ("DATABASE_URL", "mysql://u:s3cr3t-pw@db.example/db", "must start with"),
        ("SCHEDULER_INTERVAL", "nan", "finite"),
        ("SCHEDULER_INTERVAL", "inf", "finite"),
        ("REMINDER_LEASE", "-inf", "finite"),
        ("EMAIL_URL", "smtp://me:s3cr3t-pw@mail.example:port", "port that is not a number"),
        ("EMAIL_URL", "smtp://me:s3cr3t-pw@:25", "names no host"),
        ("EMAIL_URL", "imap://me:s3cr3t-pw@mail.example", "must start with"),
        ("EMAIL_PORT", "99999", "at most 65535"),
        ("CELERY_BROKER_URL", "redis://:s3cr3t-pw@cache.example:port/0", "port that is not a number"),
        ("REDIS_URL", "http://:s3cr3t-pw@cache.example/0", "must start with"),
        ("SITE_URL", "https://", "names no host"),
        ("LOG_LEVEL", "loud", "must be one of"),
        ("TRUSTED_PROXY_COUNT", "-1", "at least 0"),
        ("DB_CONN_MAX_AGE", "forever", "whole number"),
    ],
)
def test_a_bad_value_stops_manage_py_with_one_line_and_no_password(variable, value, says):
    env = {"DEBUG": "1", variable: value}
    if variable == "EMAIL_PORT":
        env["EMAIL_HOST"] = "mail.example"
    line = assert_one_line_naming(start_django(**env), variable, secret="s3cr3t-pw")
    assert says in line


def run_program(args: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    clean.update(env)
    return subprocess.run(args, cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60)


BAD_DATABASE = {"DEBUG": "1", "DATABASE_URL": "postgres://u:s3cr3t-pw@db.example:notaport/db"}


@pytest.mark.parametrize("kind", ["worker", "beat"])
def test_a_bad_value_stops_celery_with_one_line(kind):
    result = run_program(
        [str(Path(sys.executable).parent / "celery"), "-A", "followup", kind], **BAD_DATABASE
    )
    assert_one_line_naming(result, "DATABASE_URL", secret="s3cr3t-pw")


def test_a_bad_value_stops_gunicorn_with_one_line():
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    result = run_program([gunicorn, "--bind", "127.0.0.1:0", "followup.wsgi:application"], **BAD_DATABASE)
    assert_one_line_naming(result, "DATABASE_URL", secret="s3cr3t-pw")


def test_passwords_in_urls_are_masked():
    from followup.env import mask_url

    assert mask_url("smtp://me:pw@mail.example:25") == "smtp://me:***@mail.example:25"
    assert mask_url("redis://:pw@cache:6379/0") == "redis://:***@cache:6379/0"
    assert mask_url("postgres://u@db/x") == "postgres://u@db/x"
