"""Celery tasks of the core app."""

from celery import shared_task

from followup.health import heartbeat_record


@shared_task(name="followup.tasks.record_heartbeat")
def record_heartbeat() -> None:
    heartbeat_record()
