"""Tasks that exist only for tests; a worker started by tests/processes.py imports them."""

from celery import shared_task
from django.core.cache import cache


@shared_task(name="tests.tasks.echo")
def echo(value: str) -> str:
    """Returns its argument and leaves it in the cache: proof that a worker consumes from the broker."""
    cache.set(f"echo:{value}", value, 60)
    return value
