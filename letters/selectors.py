"""Reads about letters: the editor's, and what pages showing many interviews need in one query."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet

from followup.models import Interview, User
from letters.models import Letter

LetterStatus = dict[tuple[int, int], dict[str, Letter]]


def letters_status_for_interviews(*, interviews: Iterable[Interview | int]) -> LetterStatus:
    """{(interview_id, contact_id): {kind: Letter}} for every letter of these interviews, in one query.

    The letters carry only what a status badge needs (kind, status, sent date, ids); their text is not
    loaded.
    """
    ids = [i if isinstance(i, int) else i.pk for i in interviews]
    status: LetterStatus = defaultdict(dict)
    if not ids:
        return {}
    letters = Letter.objects.filter(interview_id__in=ids).only(
        "id", "user_id", "interview_id", "contact_id", "kind", "status", "sent_on", "tone"
    )
    for letter in letters:
        status[(letter.interview_id, letter.contact_id)][letter.kind] = letter
    return dict(status)


def letters_for_editor(*, user: User) -> QuerySet[Letter]:
    """The user's letters with what the editor shows beside one: its interview, company and person."""
    return Letter.objects.filter(user=user).select_related(
        "user", "interview__company", "interview__user", "contact"
    )


def letters_of_interview(*, interview_id: int) -> list[Letter]:
    """Every letter of one interview, with only what the editor's list of them shows."""
    return list(
        Letter.objects.filter(interview_id=interview_id)
        .select_related("contact")
        .only("id", "interview_id", "contact__name", "kind", "status", "sent_on")
    )
