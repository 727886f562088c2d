"""Letter composition and the checklist, the pure functions, on the heavy user's data.

Every (interview, person met) of the heavy user gets a draft of every kind; each draft is then checked
against its interview's other drafts of the same kind, as the editor does. The models are mapped to the
composer's dataclasses first (not timed): what is timed is letters.compose and letters.checklist alone.
"""

from __future__ import annotations

import statistics
import time
from collections import defaultdict

REPEATS = 3


def measure(email: str) -> dict:
    from django.db.models import Prefetch

    from followup.models import Interview, Participant, User
    from letters import checklist, compose
    from letters.facts import interview_facts, recipient_for, sender_for
    from letters.models import Letter

    user = User.objects.get(email=email)
    interviews = (
        Interview.objects.filter(user=user)
        .select_related("company", "user")
        .prefetch_related(
            Prefetch(
                "participants", queryset=Participant.objects.select_related("contact").order_by("position")
            )
        )
    )
    sender = sender_for(user)
    jobs = []  # (interview id, kind, facts, recipient)
    for interview in interviews:
        people = list(interview.participants.all())
        for participant in people:
            facts = interview_facts(interview, participants=people, for_contact_id=participant.contact_id)
            recipient = recipient_for(participant)
            for kind in Letter.Kind.values:
                jobs.append((interview.pk, kind, facts, recipient))

    compose_times, check_times = [], []
    for _ in range(REPEATS):
        started = time.perf_counter()
        drafts = [
            compose.compose(kind=kind, interview=facts, recipient=recipient, sender=sender)
            for _i, kind, facts, recipient in jobs
        ]
        compose_times.append(time.perf_counter() - started)

        bodies: dict[tuple[int, str], list[str]] = defaultdict(list)
        for (interview_id, kind, _f, _r), draft in zip(jobs, drafts, strict=True):
            bodies[(interview_id, kind)].append(draft.body)
        started = time.perf_counter()
        for (interview_id, kind, facts, recipient), draft in zip(jobs, drafts, strict=True):
            others = tuple(b for b in bodies[(interview_id, kind)] if b is not draft.body)
            checklist.check_letter(
                kind=kind,
                subject=draft.subject,
                body=draft.body,
                interview=facts,
                recipient=recipient,
                sender=sender,
                other_bodies=others,
            )
        check_times.append(time.perf_counter() - started)

    compose_s = statistics.median(compose_times)
    both_s = statistics.median(c + k for c, k in zip(compose_times, check_times, strict=True))
    count = len(jobs)
    return {
        "drafts": count,
        "people": count // len(Letter.Kind.values),
        "kinds": list(Letter.Kind.values),
        "repeats": REPEATS,
        "compose_seconds": round(compose_s, 3),
        "compose_per_second": round(count / compose_s),
        "compose_and_check_seconds": round(both_s, 3),
        "compose_and_check_per_second": round(count / both_s),
        "compose_us_per_draft": round(compose_s / count * 1e6, 1),
        "check_us_per_draft": round((both_s - compose_s) / count * 1e6, 1),
    }
