"""Reads and validates configuration from environment variables."""

import math
import os
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit


class ConfigError(Exception):
    """A configuration value is missing or malformed; the message names the variable."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "", *, environ=None) -> str:
    environ = os.environ if environ is None else environ
    return environ.get(name, default)


def env_bool(name: str, default: bool = False, *, environ=None) -> bool:
    environ = os.environ if environ is None else environ
    if name not in environ:
        return default
    value = environ[name].strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} must be true or false (1/0, yes/no, on/off), not {environ[name]!r}.")


def env_int(
    name: str, default: int, *, minimum: int | None = None, maximum: int | None = None, environ=None
) -> int:
    environ = os.environ if environ is None else environ
    if name not in environ or environ[name].strip() == "":
        return default
    try:
        value = int(environ[name])
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {environ[name]!r}.") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}.")
    if maximum is not None and value > maximum:
        raise ConfigError(f"{name} must be at most {maximum}, not {value}.")
    return value


def env_float(name: str, default: float, *, minimum: float = 0.0, environ=None) -> float:
    environ = os.environ if environ is None else environ
    if name not in environ or environ[name].strip() == "":
        return default
    try:
        value = float(environ[name])
    except ValueError:
        raise ConfigError(f"{name} must be a number, not {environ[name]!r}.") from None
    # float() happily reads "nan" and "inf", which pass a minimum check and then break whatever waits.
    if not math.isfinite(value):
        raise ConfigError(f"{name} must be a finite number of seconds, not {environ[name]!r}.")
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}.")
    return value


def env_list(name: str, default: list[str], *, environ=None) -> list[str]:
    environ = os.environ if environ is None else environ
    if name not in environ:
        return list(default)
    return [item.strip() for item in environ[name].split(",") if item.strip()]


def mask_url(url: str) -> str:
    """The URL with any password replaced by ***, fit for an error message or a log line."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    netloc, slash, path = rest.partition("/")
    credentials, at, host = netloc.rpartition("@")
    if at and ":" in credentials:
        netloc = f"{credentials.split(':', 1)[0]}:***@{host}"
    return f"{scheme}{sep}{netloc}{slash}{path}"


def url_port(name: str, url: str) -> int | None:
    try:
        return urlsplit(url).port
    except ValueError:
        raise ConfigError(
            f"{name} has a port that is not a number from 1 to 65535: {mask_url(url)}"
        ) from None


def env_url(name: str, default: str, *, schemes: tuple[str, ...], environ=None) -> str:
    """Returns the URL after checking its scheme is one we can use and its port, if any, is a number."""
    environ = os.environ if environ is None else environ
    value = environ.get(name, "").strip() or default
    scheme = urlsplit(value).scheme
    if scheme not in schemes:
        allowed = ", ".join(f"{s}://" for s in schemes)
        raise ConfigError(f"{name} must start with one of {allowed}; got {mask_url(value)!r}.")
    url_port(name, value)
    return value


def env_http_url(name: str, default: str, *, environ=None) -> str:
    value = env_url(name, default, schemes=("http", "https"), environ=environ)
    if not urlsplit(value).hostname:
        raise ConfigError(f"{name} names no host: {value!r}.")
    return value


def parse_database_url(name: str, url: str, *, conn_max_age: int) -> dict:
    """Django's DATABASES entry for a sqlite:// or postgres:// URL, refusing one that names no database."""
    import dj_database_url

    url_port(name, url)
    parts = urlsplit(url)
    if not parts.path.strip("/"):
        raise ConfigError(f"{name} names no database (add /name at the end): {mask_url(url)}")
    try:
        return dict(dj_database_url.parse(url, conn_max_age=conn_max_age))
    except (ValueError, dj_database_url.ParseError) as exc:
        raise ConfigError(f"{name} cannot be read ({exc.__class__.__name__}): {mask_url(url)}") from None


def env_choice(name: str, default: str, *, choices: tuple[str, ...], environ=None) -> str:
    environ = os.environ if environ is None else environ
    value = environ.get(name, "").strip().upper() or default
    if value not in choices:
        raise ConfigError(f"{name} must be one of {', '.join(choices)}, not {environ[name]!r}.")
    return value


def parse_email_url(name: str, url: str) -> dict:
    """Turns smtp://user:pass@host:port (or smtp+tls://, smtp+ssl://, console://) into EMAIL_* settings."""
    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if parts.scheme not in {"smtp", "smtp+tls", "smtp+ssl"}:
        raise ConfigError(
            f"{name} must start with smtp://, smtp+tls://, smtp+ssl:// or console://; got {mask_url(url)!r}."
        )
    port = url_port(name, url)
    if not parts.hostname:
        raise ConfigError(f"{name} names no host: {mask_url(url)}")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port
        or (465 if parts.scheme == "smtp+ssl" else 587 if parts.scheme == "smtp+tls" else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": parts.scheme == "smtp+tls",
        "EMAIL_USE_SSL": parts.scheme == "smtp+ssl",
    }


def started_by_celery_command() -> bool:
    """True in a process started as `celery …` or `python -m celery …` (worker, beat)."""
    program = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path()
    return program.name == "celery" or program.parent.name == "celery"


def settings_loaded_or_exit(*, status: int = 2) -> None:
    """Loads Django's settings; a bad value ends the process with one line on stderr and no traceback.

    manage.py, the WSGI module (gunicorn) and the Celery app call this before anything else, so an
    operator sees which variable is wrong instead of a traceback that may repeat a password.
    """
    from django.conf import settings

    try:
        settings.INSTALLED_APPS  # noqa: B018 (touching a setting loads the settings module)
    except ConfigError as exc:
        sys.stderr.write(f"Configuration error: {exc}\n")
        sys.stderr.flush()
        raise SystemExit(status) from None
