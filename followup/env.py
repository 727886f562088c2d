"""Reads and validates configuration from environment variables."""

import os
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


def env_int(name: str, default: int, *, minimum: int | None = None, environ=None) -> int:
    environ = os.environ if environ is None else environ
    if name not in environ or environ[name].strip() == "":
        return default
    try:
        value = int(environ[name])
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {environ[name]!r}.") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}.")
    return value


def env_float(name: str, default: float, *, minimum: float = 0.0, environ=None) -> float:
    environ = os.environ if environ is None else environ
    if name not in environ or environ[name].strip() == "":
        return default
    try:
        value = float(environ[name])
    except ValueError:
        raise ConfigError(f"{name} must be a number, not {environ[name]!r}.") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}.")
    return value


def env_list(name: str, default: list[str], *, environ=None) -> list[str]:
    environ = os.environ if environ is None else environ
    if name not in environ:
        return list(default)
    return [item.strip() for item in environ[name].split(",") if item.strip()]


def env_url(name: str, default: str, *, schemes: tuple[str, ...], environ=None) -> str:
    """Returns the URL after checking that its scheme is one we can use."""
    environ = os.environ if environ is None else environ
    value = environ.get(name, "").strip() or default
    scheme = urlsplit(value).scheme
    if scheme not in schemes:
        allowed = ", ".join(f"{s}://" for s in schemes)
        raise ConfigError(f"{name} must start with one of {allowed}; got {value!r}.")
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
            f"{name} must start with smtp://, smtp+tls://, smtp+ssl:// or console://; got {url!r}."
        )
    try:
        port = parts.port
    except ValueError:
        raise ConfigError(f"{name} has a port that is not a number: {url!r}.") from None
    if not parts.hostname:
        raise ConfigError(f"{name} names no host: {url!r}.")
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
