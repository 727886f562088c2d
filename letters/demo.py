"""Letter drafts for bulk demo interviews: an extension the demo command hands to followup.demo.build_demo."""

import random
from collections import defaultdict
from collections.abc import Sequence

from django.utils import timezone

from followup.models import Interview, Participant, User
from letters.models import Letter
from letters.services import letter_draft_for_person

BATCH_SIZE = 1000


def build_bulk_letters(users: Sequence[User], interviews: Sequence[Interview]) -> None:
    """Once an interview is over, a thank-you and a first follow-up for each person met; none before.

    Most past thank-yous are marked sent, as a real job search's would be.
    """
    now = timezone.now()
    rng = random.Random(len(interviews))
    by_interview: dict[int, list[Participant]] = defaultdict(list)
    for participant in Participant.objects.filter(interview__in=[i.pk for i in interviews]).select_related(
        "contact"
    ):
        by_interview[participant.interview_id].append(participant)
    users_by_pk = {user.pk: user for user in users}
    companies = {}
    letters = []
    for interview in interviews:
        interview.user = users_by_pk.get(interview.user_id) or interview.user
        if interview.company_id not in companies:
            companies[interview.company_id] = interview.company
        interview.company = companies[interview.company_id]
        participants = by_interview.get(interview.pk, [])
        ended = interview.ends_at < now
        # A thank-you is about a meeting that happened: interviews still ahead get their drafts at the end.
        kinds = [Letter.Kind.THANK_YOU, Letter.Kind.FOLLOW_UP_1] if ended else []
        for participant in participants:
            for kind in kinds:
                draft, tone = letter_draft_for_person(
                    interview=interview,
                    participants=participants,
                    contact=participant.contact,
                    kind=kind,
                    tone=None,
                )
                sent = ended and kind == Letter.Kind.THANK_YOU and rng.random() < 0.7
                letters.append(
                    Letter(
                        user_id=interview.user_id,
                        interview=interview,
                        contact=participant.contact,
                        kind=kind,
                        tone=tone,
                        subject=draft.subject,
                        body=draft.body,
                        generated_subject=draft.subject,
                        generated_body=draft.body,
                        status=Letter.Status.SENT if sent else Letter.Status.DRAFT,
                        sent_on=interview.ends_at.date() if sent else None,
                    )
                )
    Letter.objects.bulk_create(letters, batch_size=BATCH_SIZE)
