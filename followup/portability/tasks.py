"""Celery tasks of the portability app: each loads ids and calls a service."""

from celery import shared_task
from django.utils import timezone

from followup.portability.services.contact_imports import contact_import_apply
from followup.portability.services.exports import export_build, portability_purge


@shared_task(name="portability.tasks.build_export", soft_time_limit=1500, time_limit=1800)
def build_export(export_id: int) -> None:
    export_build(export_id=export_id)


@shared_task(name="portability.tasks.apply_contact_import", soft_time_limit=600, time_limit=900)
def apply_contact_import(import_id: int) -> None:
    contact_import_apply(import_id=import_id)


@shared_task(name="portability.tasks.purge")
def purge() -> None:
    portability_purge(now=timezone.now())
