"""Export archives waiting to be downloaded, and contact imports between upload and confirmation."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse

# How long a finished archive can be downloaded; the beat task portability.tasks.purge removes it after.
EXPORT_LIFETIME = dt.timedelta(days=1)
# A build not finished by then was lost (a worker killed, the broker flushed): longer than the task's time
# limit, so a running build is never taken for a lost one.
EXPORT_STALE_AFTER = dt.timedelta(minutes=35)
# An upload left unconfirmed this long is removed by the same task.
IMPORT_LIFETIME = dt.timedelta(days=1)


class DataExport(models.Model):
    """One "Download my data" request. The archive lives in the row: web and worker processes share the
    database on every deployment, while they may not share a disk (separate containers)."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting for a worker"
        BUILDING = "building", "Building"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    percent = models.PositiveSmallIntegerField(default=0)
    # The archive; deferred wherever a page only needs the state.
    archive = models.BinaryField(null=True, editable=False)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return f"Export {self.pk} of {self.user} ({self.state})"

    def get_absolute_url(self):
        return reverse("portability:download", args=[self.pk])

    def is_running(self, now: dt.datetime) -> bool:
        return (
            self.state in (self.State.PENDING, self.State.BUILDING)
            and now - self.created_at < EXPORT_STALE_AFTER
        )

    def is_downloadable(self, now: dt.datetime) -> bool:
        return self.state == self.State.READY and self.expires_at is not None and self.expires_at > now


class ContactImport(models.Model):
    """An uploaded contacts file, read into records, waiting for the user's mapping and confirmation."""

    class Kind(models.TextChoices):
        LINKEDIN = "linkedin", "LinkedIn connections"
        VCARD = "vcard", "vCard address book"
        CSV = "csv", "CSV file"

    class State(models.TextChoices):
        MAPPING = "mapping", "Choosing columns"
        PREVIEW = "preview", "Waiting for confirmation"
        IMPORTING = "importing", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed"

    class Existing(models.TextChoices):
        KEEP = "keep", "Leave them as they are"
        FILL = "fill", "Fill in only what they are missing"
        REPLACE = "replace", "Replace their details with the file's"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_imports"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    filename = models.CharField(max_length=255, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PREVIEW)
    # A generic CSV keeps its text and header until the user has said which column holds what.
    text = models.TextField(blank=True)
    headers = models.JSONField(default=list, blank=True)
    records = models.JSONField(default=list, blank=True)
    existing = models.CharField(max_length=10, choices=Existing.choices, default=Existing.KEEP)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} import {self.pk} of {self.user}"
