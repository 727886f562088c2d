"""Settings for the test suite: the real settings with fast hashing and short scheduler waits."""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("STATIC_MANIFEST", "0")
os.environ.setdefault("SITE_URL", "http://testserver")
os.environ.setdefault("SCHEDULER_INTERVAL", "1")
os.environ.setdefault("REMINDER_LEASE", "3")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/followup")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/14")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")

from followup.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not os.environ.get("EMAIL_URL"):
    # Child processes (Celery workers in tests) get EMAIL_URL pointing at a local SMTP sink.
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The browser tests' live server speaks plain HTTP on localhost.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
REMINDER_BACKOFF_FIRST = 0.3
REMINDER_BACKOFF_CAP = 2.0
