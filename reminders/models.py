"""Reminder rows: the truth about what email is due when; Celery only carries the work."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from followup.models import Interview
from letters.kinds import LetterKind


class Reminder(models.Model):
    # Named after the letter kinds they carry, with the same values.
    class Kind(models.TextChoices):
        THANK_YOU = LetterKind.THANK_YOU.value, "Thank-you reminder"
        FOLLOW_UP_1 = LetterKind.FOLLOW_UP_1.value, "First follow-up"
        FOLLOW_UP_2 = LetterKind.FOLLOW_UP_2.value, "Second follow-up"

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        CANCELLED = "cancelled", "Cancelled"
        FAILED = "failed", "Failed"

    FOLLOW_UP_KINDS = (Kind.FOLLOW_UP_1, Kind.FOLLOW_UP_2)
    # Why a reminder was cancelled; only the user's own dismissal is final, the rest undo themselves
    # when the reason goes away (a status set back, reminders turned on again).
    DISMISSED = "dismissed"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # When the reminder is meant to go out (what the user sees); next_attempt_at is when the sweeper
    # may next pick it up, later than due_at after a temporary failure.
    due_at = models.DateTimeField()
    next_attempt_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    cancelled_reason = models.CharField(max_length=100, blank=True)
    # Bumped each time a sent reminder is armed again (a snooze), so each email gets its own Message-ID
    # while every retry of one email keeps the same.
    sequence = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "kind"], name="reminder_once_per_interview_and_kind"
            ),
        ]
        indexes = [
            # The sweeper (reminders.tasks.sweep_due_reminders) asks for pending rows whose next attempt
            # has come; only pending rows are ever in this index, so it stays small.
            models.Index(
                fields=["next_attempt_at"], condition=Q(state="pending"), name="reminder_pending_due_idx"
            ),
            # The sweeper also reclaims rows left in "sending" past their lease (by claimed_at), and every
            # step of a send acts on one row only while its claim holds (id, state and claimed_at). Rows
            # claimed together share claimed_at: without id here, PostgreSQL answered each of those
            # single-row updates by reading the whole claim (2,000 rows) through this index.
            models.Index(
                fields=["claimed_at", "id"], condition=Q(state="sending"), name="reminder_sending_claim_idx"
            ),
            models.Index(fields=["user", "state", "due_at"]),
            # The reminders page and the dashboard read a user's next reminders (pending or sending) in
            # due order, a page at a time: read in index order, never sorted from all of them.
            models.Index(
                fields=["user", "due_at"],
                condition=Q(state__in=["pending", "sending"]),
                name="reminder_upcoming_idx",
            ),
            # The reminders page's history of sent reminders, newest first, a page at a time.
            models.Index(
                fields=["user", "-sent_at"],
                condition=Q(sent_at__isnull=False),
                name="reminder_sent_history_idx",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.interview_id} ({self.state})"

    def get_absolute_url(self) -> str:
        return reverse("reminders:list")

    @property
    def is_follow_up(self) -> bool:
        return self.kind in self.FOLLOW_UP_KINDS

    @property
    def letter_kind(self) -> str:
        """The kind of letter this reminder asks for: a thank-you, or the matching follow-up."""
        return self.kind  # the reminder kinds are named after the letter kinds they carry

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING

    def is_due(self, now: dt.datetime) -> bool:
        return self.state == self.State.PENDING and self.next_attempt_at <= now

    def lateness(self, now: dt.datetime) -> dt.timedelta:
        return max(now - self.due_at, dt.timedelta(0))

    @property
    def message_id(self) -> str:
        """The same for every attempt, so a resend after a crash is recognisably the same message."""
        domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "followup.local"
        return f"<reminder-{self.pk}-{self.kind}-{self.sequence}@{domain}>"


class UsedLink(models.Model):
    """A one-time link from a reminder email that has done its action, so the same link does nothing again.

    Only a digest of the link is kept, tied to nobody: links expire after 30 days, and rows older than
    that are deleted whenever a link is used.
    """

    digest = models.CharField(max_length=64, primary_key=True)
    used_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"link used at {self.used_at:%Y-%m-%d %H:%M:%S}"
