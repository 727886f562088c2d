"""The Celery app: configured from Django settings, with the one beat schedule of the project."""

import os

from celery import Celery
from celery.signals import beat_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "followup.settings")

app = Celery("followup")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    # Acknowledge after the task ran, and give the message back if the worker dies mid-task:
    # every task is safe to run twice because it acts through conditional updates.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_ignore_result=True,
    broker_connection_retry_on_startup=True,
    task_time_limit=300,
    task_soft_time_limit=240,
    worker_hijack_root_logger=False,
    timezone="UTC",
)
app.autodiscover_tasks()


@app.on_after_finalize.connect
def declare_beat_schedule(sender, **kwargs):
    """Every periodic task of the project, in one place."""
    from django.conf import settings

    interval = settings.SCHEDULER_INTERVAL
    sender.conf.beat_schedule = {
        "scheduler-heartbeat": {"task": "followup.tasks.record_heartbeat", "schedule": interval},
        "reminders-sweep": {"task": "reminders.tasks.sweep_due_reminders", "schedule": interval},
    }


@beat_init.connect
def heartbeat_on_start(sender=None, **kwargs):
    # The first scheduled heartbeat comes one interval after start; recording one now lets /healthz
    # report a freshly started scheduler as alive straight away.
    from followup.health import heartbeat_record

    heartbeat_record()
