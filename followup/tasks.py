"""Celery tasks of the core app."""

from celery import shared_task

from followup.health import heartbeat_record


@shared_task(name="followup.tasks.record_heartbeat")
def record_heartbeat() -> None:
    heartbeat_record()


@shared_task(name="followup.tasks.echo")
def echo(value: str) -> str:
    """Returns its argument; used to prove a worker is consuming from the broker."""
    from django.core.cache import cache

    cache.set(f"echo:{value}", value, 60)
    return value
