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
