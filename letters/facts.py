"""Map the core models to the plain dataclasses that letters.compose and letters.checklist work on."""

from collections.abc import Iterable

from followup.models import Contact, Interview, Participant, User
from letters.compose import LetterFacts, Recipient, Sender


def interview_facts(
    interview: Interview, *, participants: Iterable[Participant], for_contact_id: int | None = None
) -> LetterFacts:
    """What was recorded about the interview, dated by its end in the user's own time zone.

    `other_people` names the participants other than the letter's recipient (`for_contact_id`); leave it
    out to name everyone.
    """
    others = [p for p in participants if p.contact_id != for_contact_id]
    return LetterFacts(
        company=interview.company.name,
        role=interview.role,
        date=interview.ends_at.astimezone(interview.user.zone).date(),
        round=interview.round,
        format=interview.format,
        topics=interview.topics,
        missed_point=interview.missed_point,
        why_role=interview.why_role,
        contribution=interview.contribution,
        decision_date=interview.decision_date,
        other_people=tuple(p.contact.name for p in others),
        since_we_spoke=interview.since_we_spoke,
        others_discussed=tuple(p.discussed for p in others),
    )


def recipient_for_contact(contact: Contact, *, discussed: str = "") -> Recipient:
    return Recipient(
        name=contact.name,
        honorific=contact.honorific,
        title=contact.title,
        email=contact.email,
        role=contact.role,
        address_style=contact.address_style,
        discussed=discussed,
    )


def recipient_for(participant: Participant) -> Recipient:
    return recipient_for_contact(participant.contact, discussed=participant.discussed)


def sender_for(user: User) -> Sender:
    return Sender(full_name=user.full_name, email=user.email, signature=user.signature)
