"""Listeners that keep letter drafts in step with what the core domain announces."""

from django.dispatch import receiver
from django.utils import timezone

from followup.signals import interview_changed, interview_opened
from letters.selectors import letters_status_for_interviews
from letters.services import letters_draft_due, letters_draft_for_interview

# Changes that alter who gets a letter or what a draft says; a status change alone does neither.
DRAFT_CHANGES = frozenset({"people", "details", "times", "decision_date"})


@receiver(interview_changed, dispatch_uid="letters.draft_for_interview")
def draft_letters_when_interview_changes(sender, *, interview, created=False, changes=(), **kwargs):
    if created or DRAFT_CHANGES.intersection(changes or ()):
        letters_draft_for_interview(interview=interview, now=timezone.now())


@receiver(interview_opened, dispatch_uid="letters.draft_when_opened")
def draft_due_letters_when_interview_opened(sender, *, interview, now, **kwargs):
    # Nothing runs at the moment an interview ends, so its thank-yous are written when it is next seen.
    if interview.has_ended(now):
        status = letters_status_for_interviews(interviews=[interview])
        letters_draft_due(interviews=[interview], letter_status=status, now=now)
