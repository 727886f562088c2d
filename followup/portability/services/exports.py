"""Building the "Download my data" archive in the background, handing it to its owner, and clearing it away."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from followup.emails import email_render
from followup.models import User
from followup.portability.files import archive_files, zip_bytes
from followup.portability.models import (
    EXPORT_LIFETIME,
    EXPORT_STALE_AFTER,
    IMPORT_LIFETIME,
    ContactImport,
    DataExport,
)
from followup.portability.services.dump import account_dump

logger = logging.getLogger(__name__)


def export_latest(*, user: User) -> DataExport | None:
    return DataExport.objects.filter(user=user).defer("archive").first()


def export_request(*, user: User) -> DataExport:
    """Starts an archive, or returns the one already being built: a second click never builds twice."""
    from followup.portability.tasks import build_export

    with transaction.atomic():
        # Serialises two requests of the same user, so only one of them creates a row.
        User.objects.select_for_update().filter(pk=user.pk).first()
        running = (
            DataExport.objects.filter(
                user=user,
                state__in=[DataExport.State.PENDING, DataExport.State.BUILDING],
                created_at__gt=timezone.now() - EXPORT_STALE_AFTER,
            )
            .defer("archive")
            .first()
        )
        if running:
            return running
        export = DataExport.objects.create(user=user)
        transaction.on_commit(lambda: build_export.delay(export.pk))
    return export


def export_build(*, export_id: int, now: dt.datetime | None = None) -> None:
    """Builds the archive of a pending export. Safe to run twice: only the run that claims the row works."""
    # The claim: of two deliveries of the same task, exactly one moves the row from pending.
    if not DataExport.objects.filter(pk=export_id, state=DataExport.State.PENDING).update(
        state=DataExport.State.BUILDING, percent=1
    ):
        return
    export = DataExport.objects.select_related("user").defer("archive").get(pk=export_id)
    now = now or timezone.now()

    def progress(percent: int) -> None:
        DataExport.objects.filter(pk=export_id).update(percent=percent)

    try:
        data = account_dump(user=export.user, now=now, progress=progress)
        files = archive_files(data)
        progress(90)
        archive = zip_bytes(files, folder=f"followup-{now:%Y-%m-%d}")
    except Exception:
        logger.exception("Building export %s failed", export_id)
        DataExport.objects.filter(pk=export_id).update(
            state=DataExport.State.FAILED, finished_at=timezone.now()
        )
        return
    finished = timezone.now()
    DataExport.objects.filter(pk=export_id).update(
        state=DataExport.State.READY,
        percent=100,
        archive=archive,
        size=len(archive),
        finished_at=finished,
        expires_at=finished + EXPORT_LIFETIME,
    )
    # Older archives of the same user are of no more use once a newer one is ready.
    DataExport.objects.filter(user=export.user, created_at__lt=export.created_at).delete()
    export.expires_at = finished + EXPORT_LIFETIME
    export_email_ready(export=export)


def export_email_ready(*, export: DataExport) -> None:
    user = export.user
    context = {
        "user": user,
        "link": settings.SITE_URL + reverse("portability:export"),
        "expires_at": export.expires_at,
    }
    # Templates show times in the active zone: the user's, not the worker's.
    with timezone.override(user.zone):
        message = email_render(template="export_ready", context=context, to=[user.email])
    message.send()


def export_for_download(*, user: User, export_id: int, now: dt.datetime) -> DataExport | None:
    """The user's own ready archive, or None (which the view turns into a 404)."""
    return DataExport.objects.filter(
        pk=export_id, user=user, state=DataExport.State.READY, expires_at__gt=now
    ).first()


def portability_purge(*, now: dt.datetime) -> tuple[int, int]:
    """Removes expired archives, builds stuck for a day, and uploads nobody confirmed."""
    exports, _ = DataExport.objects.filter(expires_at__lte=now).delete()
    stale, _ = DataExport.objects.filter(
        expires_at__isnull=True, created_at__lte=now - EXPORT_LIFETIME
    ).delete()
    imports, _ = ContactImport.objects.filter(created_at__lte=now - IMPORT_LIFETIME).delete()
    return exports + stale, imports
