"""Listeners that keep letter drafts in step with what the core domain announces."""

from django.dispatch import receiver

from followup.signals import interview_changed
from letters.services import letters_draft_for_interview

# Changes that alter who gets a letter or what a draft says; a status change alone does neither.
DRAFT_CHANGES = frozenset({"people", "details", "times", "decision_date"})


@receiver(interview_changed, dispatch_uid="letters.draft_for_interview")
def draft_letters_when_interview_changes(sender, *, interview, created=False, changes=(), **kwargs):
    if created or DRAFT_CHANGES.intersection(changes or ()):
        letters_draft_for_interview(interview=interview)
