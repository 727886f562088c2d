"""Fixtures shared by the whole suite: users, clients, the cache, and real Celery processes."""

import pytest
from django.core.cache import cache

from tests.factories import UserFactory
from tests.processes import celery_process  # noqa: F401  (fixture re-export)

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and other cached state must never leak from one test into the next.
    cache.clear()
    yield
    cache.clear()


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
