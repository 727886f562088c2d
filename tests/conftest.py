"""Fixtures shared by the whole suite: users, clients, the cache, and real Celery processes."""

import pytest
import time_machine
from django.core.cache import cache

from scripts.build_assets import OUTPUT, ROOT
from tests.clock import TRICKY_MOMENTS
from tests.factories import UserFactory
from tests.processes import celery_process  # noqa: F401  (fixture re-export)

PASSWORD = "correct horse battery staple"


def pytest_sessionstart(session):
    # Every page links the trimmed Bootstrap stylesheet; without it the browser tests would pass over
    # unstyled pages or fail far from the cause.
    if not (ROOT / OUTPUT).is_file():
        pytest.exit(f"{OUTPUT} is missing: run `make assets` (`make test` runs it first).", returncode=1)


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and other cached state must never leak from one test into the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _data_stamps_at_once(request):
    """Moves data stamps at each statement instead of at commit, in tests that never commit.

    A test in the `db` fixture's transaction is rolled back, so triggers deferred to commit would never
    fire and cached pages (followup/views/page_cache.py) would not see the test's own writes. Tests with
    real commits (transactional_db, live_server) keep the deferred triggers, as in production.
    """
    names = request.fixturenames
    marker = request.node.get_closest_marker("django_db")
    committing = "transactional_db" in names or "live_server" in names
    if marker is not None:
        committing = committing or bool(marker.kwargs.get("transaction"))
    if ("db" not in names and marker is None) or committing:
        yield
        return
    request.getfixturevalue("_django_db_helper" if marker is not None else "db")
    from django.db import connection

    from followup.data_stamp import TRIGGER_NAME

    with connection.cursor() as cursor:
        cursor.execute(f"SET CONSTRAINTS {TRIGGER_NAME} IMMEDIATE")
    yield


@pytest.fixture(params=list(TRICKY_MOMENTS.values()), ids=list(TRICKY_MOMENTS))
def on_each_day(request):
    """Runs a test once on each of the tricky moments in tests/clock.py, the clock stopped there.

    For tests whose outcome must not depend on the day they run: `@pytest.mark.usefixtures("on_each_day")`.
    """
    with time_machine.travel(request.param, tick=False):
        yield request.param


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def smtp_sink():
    from tests.smtp_sink import SmtpSink

    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def smtp_settings(settings, smtp_sink):
    """Points this process's email at the sink, as a worker pointed at it by EMAIL_URL would send."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    return smtp_sink
