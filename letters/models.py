"""Letter drafts: one per (interview, person, kind), editable, with the text last generated kept aside."""

from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.urls import reverse

from followup.models import Contact, Interview
from letters.kinds import LetterKind


class LetterKey(NamedTuple):
    """Which letter: its interview, its person and its kind. Letters read into a dict are keyed by it."""

    interview_id: int
    contact_id: int
    kind: str


class Letter(models.Model):
    class Kind(models.TextChoices):
        THANK_YOU = LetterKind.THANK_YOU.value, "Thank-you"
        FOLLOW_UP_1 = LetterKind.FOLLOW_UP_1.value, "First follow-up"
        FOLLOW_UP_2 = LetterKind.FOLLOW_UP_2.value, "Second follow-up"
        ANOTHER_CONVERSATION = LetterKind.ANOTHER_CONVERSATION.value, "Request for another conversation"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENT = "sent", "Sent"

    class Tone(models.TextChoices):
        FORMAL = "formal", "Formal"
        FRIENDLY = "friendly", "Friendly"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="letters")
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="letters")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.THANK_YOU)
    tone = models.CharField(max_length=10, choices=Tone.choices, default=Tone.FORMAL)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    # What the composer produced last; a draft whose text differs holds the user's edits.
    generated_subject = models.CharField(max_length=300, blank=True)
    generated_body = models.TextField(blank=True)
    # The text a regenerate replaced, so it can be brought back.
    previous_subject = models.CharField(max_length=300, blank=True)
    previous_body = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    sent_on = models.DateField(null=True, blank=True)
    # Bumped on every save of the text, so an edit made from a stale page is refused, never lost.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["interview", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "contact", "kind"], name="letter_once_per_person_and_kind"
            ),
        ]
        indexes = [models.Index(fields=["user", "status"])]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.contact}"

    def get_absolute_url(self) -> str:
        return reverse("letters:edit", args=[self.pk])

    @property
    def key(self) -> LetterKey:
        return LetterKey(self.interview_id, self.contact_id, self.kind)

    @property
    def is_sent(self) -> bool:
        return self.status == self.Status.SENT

    @property
    def is_edited(self) -> bool:
        return (self.subject, self.body) != (self.generated_subject, self.generated_body)

    @property
    def can_restore(self) -> bool:
        return bool(self.previous_body)
