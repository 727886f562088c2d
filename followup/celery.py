"""The Celery app: configured from Django settings, with the one beat schedule of the project."""

import os

from celery import Celery
from celery.signals import beat_init, task_postrun, task_prerun

from followup.env import settings_loaded_or_exit, started_by_celery_command

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "followup.settings")
if started_by_celery_command():
    # Check the settings before Celery starts, so a bad value is one line instead of a traceback. Not
    # on other imports of the package: Django loads the settings itself there, and reports the same way.
    settings_loaded_or_exit()

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
    # Celery's Django fixup closes every database connection before and after each task unless this is
    # set, so each reminder email paid for two fresh PostgreSQL connections. With it, connections are
    # kept; close_old_connections below applies Django's own CONN_MAX_AGE and health checks instead,
    # as at the start and end of a web request.
    CELERY_DB_REUSE_MAX=1_000_000,
)
app.autodiscover_tasks()


@task_prerun.connect
@task_postrun.connect
def close_old_database_connections(sender=None, **kwargs):
    # Not for a task run eagerly in the caller's process: that connection is the caller's own.
    if sender is not None and getattr(sender.request, "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()


@app.on_after_finalize.connect
def declare_beat_schedule(sender, **kwargs):
    """Every periodic task of the project, in one place."""
    from django.conf import settings

    interval = settings.SCHEDULER_INTERVAL
    sender.conf.beat_schedule = {
        "scheduler-heartbeat": {"task": "followup.tasks.record_heartbeat", "schedule": interval},
        "reminders-sweep": {"task": "reminders.tasks.sweep_due_reminders", "schedule": interval},
        # Expired export archives and unconfirmed contact uploads.
        "portability-purge": {"task": "portability.tasks.purge", "schedule": 3600},
    }


@beat_init.connect
def heartbeat_on_start(sender=None, **kwargs):
    # The first scheduled heartbeat comes one interval after start; recording one now lets /healthz
    # report a freshly started scheduler as alive straight away.
    from followup.health import heartbeat_record

    heartbeat_record()
