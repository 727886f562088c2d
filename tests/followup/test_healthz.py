"""/healthz reports each dependency, and 503 names the one that is down or late."""

import datetime as dt

import pytest
from django.utils import timezone

from followup.health import heartbeat_record

pytestmark = pytest.mark.django_db


def test_healthy_when_database_broker_and_scheduler_answer(client):
    heartbeat_record()
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["broker"] == "ok"
    assert body["scheduler"] == "ok"


def test_503_when_the_broker_is_unreachable(client, settings):
    heartbeat_record()
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"].startswith("unreachable")
    assert response.json()["database"] == "ok"


def test_503_when_the_scheduler_is_late(client):
    heartbeat_record(now=timezone.now() - dt.timedelta(minutes=10))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["scheduler"].startswith("late")


def test_503_before_the_scheduler_ever_ran(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "no heartbeat" in response.json()["scheduler"]


def test_filesystem_broker_is_healthy_when_its_folder_is_writable(client, settings, tmp_path):
    heartbeat_record()
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.BROKER_DIR = tmp_path / "broker"
    assert client.get("/healthz").json()["broker"] == "ok"
    settings.BROKER_DIR = "/proc/no-such-folder"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "not writable" in response.json()["broker"]
