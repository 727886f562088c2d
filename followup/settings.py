"""Django settings for Followup, read from the environment (see .env.example)."""

from pathlib import Path

from followup.env import (
    ConfigError,
    env_bool,
    env_choice,
    env_float,
    env_http_url,
    env_int,
    env_list,
    env_str,
    env_url,
    parse_database_url,
    parse_email_url,
)
from reminders.schedule import BACKOFF_CAP, BACKOFF_FIRST

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("FOLLOWUP_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ConfigError("SECRET_KEY must be set when DEBUG is off (generate one with `make secret`).")
    SECRET_KEY = "insecure-local-development-key-only-used-with-debug-on"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ConfigError("ALLOWED_HOSTS must list the site's host names when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
for _origin in CSRF_TRUSTED_ORIGINS:
    if not _origin.startswith(("http://", "https://")):
        raise ConfigError(
            f"CSRF_TRUSTED_ORIGINS entries must start with http:// or https://; got {_origin!r}."
        )

SITE_URL = env_http_url("SITE_URL", "http://localhost:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "csp",
    "followup",
    "letters",
    "reminders",
    "followup.portability",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "followup.middleware.UserTimeZoneMiddleware",
    "followup.middleware.LoginRequiredMiddleware",
    "followup.middleware.OnboardingMiddleware",
]

ROOT_URLCONF = "followup.urls"
WSGI_APPLICATION = "followup.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "followup.context_processors.navigation",
                "followup.views.page_cache.page_csrf_token",
            ],
        },
    },
]

# Database: PostgreSQL wherever several processes share the work; SQLite as the embedded default.
_default_sqlite = f"sqlite:///{VAR_DIR / 'followup.sqlite3'}"
DATABASE_URL = env_url("DATABASE_URL", _default_sqlite, schemes=("sqlite", "postgres", "postgresql"))
DATABASES = {
    "default": parse_database_url(
        "DATABASE_URL", DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0)
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat share one file: WAL lets readers run beside the writer, the busy timeout
    # waits out a short lock instead of failing, and IMMEDIATE takes the write lock up front so two
    # transactions never deadlock upgrading from read to write.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "followup.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
# Paths a signed-out visitor may open; everything else sends them to sign in and back.
PUBLIC_PATH_PREFIXES = ("/accounts/", "/r/", "/healthz", "/static/", "/admin/", "/calendar/")
PUBLIC_PATHS = ("/",)

# django-allauth: email is the login, verified before first sign-in.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Followup] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# New users answer a short first-run step (name, time zone, signature) before anything else.
ACCOUNT_SIGNUP_REDIRECT_URL = "/welcome/"
ACCOUNT_ADAPTER = "followup.adapters.AccountAdapter"
# How many reverse proxies in front of the app append to X-Forwarded-For. Rate limits key on the client's
# address; with 0 the header is ignored (anyone can forge it) and the socket's peer address is used.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
ACCOUNT_RATE_LIMITS_ENABLED = env_bool("ACCOUNT_RATE_LIMITS_ENABLED", True)
if not ACCOUNT_RATE_LIMITS_ENABLED:
    ACCOUNT_RATE_LIMITS = False

# Two-factor sign-in (allauth.mfa): codes from an authenticator app with recovery codes, and passkeys.
# Wrong codes count against the same "login_failed" limit as wrong passwords.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Followup"
MFA_FORMS = {"add_webauthn": "followup.forms.two_factor.AddPasskeyForm"}
# WebAuthn needs HTTPS, except on a developer's machine (`make run` serves http://localhost).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# The app's own files, and what `make assets` builds from installed packages (the trimmed Bootstrap
# stylesheet, scripts/build_assets.py). Bootstrap's package is read at build time, never served whole.
STATICFILES_DIRS = [BASE_DIR / "static", BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env_bool("STATIC_MANIFEST", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Cache: Redis where configured (allauth's rate limits need one shared by every web process).
REDIS_URL = env_str("REDIS_URL").strip()
if REDIS_URL:
    env_url("REDIS_URL", "", schemes=("redis", "rediss", "unix"))
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Signed-in pages are kept whole in the cache until the user's data or the clock changes them
# (followup/views/page_cache.py); PostgreSQL only. Off, every visit renders its page.
PAGE_CACHE = env_bool("PAGE_CACHE", True)

# Email: EMAIL_URL wins; otherwise EMAIL_HOST and friends; otherwise printed to the console.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Followup <reminders@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
if env_str("EMAIL_URL"):
    globals().update(parse_email_url("EMAIL_URL", env_str("EMAIL_URL")))
elif env_str("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_str("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1, maximum=65535)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Celery: the app lives in followup/celery.py and reads CELERY_* from here.
CELERY_BROKER_URL = env_url(
    "CELERY_BROKER_URL", "filesystem://", schemes=("filesystem", "redis", "rediss", "memory")
)
BROKER_DIR = VAR_DIR / "broker"
if CELERY_BROKER_URL.startswith("filesystem"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR),
        "data_folder_out": str(BROKER_DIR),
        # kombu keeps its exchange tables in ./control unless told otherwise: keep them under var/ too.
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
else:
    # A message not acknowledged within this time is handed to another worker; longer than any task.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=60)
    }
CELERY_TASK_ALWAYS_EAGER = False

# How often beat runs the scheduler's periodic tasks, and how long a claimed reminder may stay in
# "sending" before the sweeper takes it back. Tests shorten both to about a second.
SCHEDULER_INTERVAL = env_float("SCHEDULER_INTERVAL", 60.0, minimum=0.1)
REMINDER_LEASE = env_float("REMINDER_LEASE", 300.0, minimum=0.1)

# Security. DEBUG off means production: HTTPS everywhere unless a TLS proxy in front says otherwise.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "form-action": ["'self'", "mailto:"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env_choice("LOG_LEVEL", "INFO", choices=("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")),
    },
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading binds every subdomain of the site to HTTPS for months and is the operator's decision
    # (SECURE_HSTS_PRELOAD=true), so the reminder about it stays quiet by default.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Reminder sending: attempts before a reminder is marked failed, and the retry backoff (seconds), whose
# defaults are the schedule's own.
REMINDER_MAX_ATTEMPTS = env_int("REMINDER_MAX_ATTEMPTS", 8, minimum=1)
REMINDER_BACKOFF_FIRST = env_float("REMINDER_BACKOFF_FIRST", BACKOFF_FIRST.total_seconds(), minimum=0.01)
REMINDER_BACKOFF_CAP = env_float("REMINDER_BACKOFF_CAP", BACKOFF_CAP.total_seconds(), minimum=0.01)

# The private calendar feed: requests allowed per address (and twice that per client) in each window.
CALENDAR_FEED_RATE_LIMIT = env_int("CALENDAR_FEED_RATE_LIMIT", 30, minimum=1)
CALENDAR_FEED_RATE_WINDOW = env_int("CALENDAR_FEED_RATE_WINDOW", 600, minimum=1)
