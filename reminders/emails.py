"""Builds reminder emails: who still needs a letter, each draft inline, and the signed links."""

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from followup.emails import email_render
from followup.models import Participant, User
from letters.models import Letter, LetterKey
from letters.services import DraftWanted, letter_ensure, letters_ensure_batch
from reminders import links, schedule
from reminders.models import Reminder


@dataclass(frozen=True)
class PersonDraft:
    name: str
    title: str
    email: str
    subject: str
    body: str
    editor_url: str
    mark_sent_url: str


@dataclass(frozen=True)
class InterviewSection:
    reminder: Reminder
    people: list[PersonDraft]
    snooze_links: list[tuple[str, str]]  # (label, url)
    interview_url: str
    unsubscribe_url: str


def sections_for(reminders: Sequence[Reminder]) -> list[InterviewSection]:
    """For each reminder, the people still owed its letter, each with a draft (written now if missing);
    the people met and their letters are read once for all of them."""
    interview_ids = {r.interview_id for r in reminders}
    people: dict[int, list[Participant]] = defaultdict(list)
    for participant in Participant.objects.filter(interview_id__in=interview_ids).select_related("contact"):
        people[participant.interview_id].append(participant)  # in the order entered (Meta.ordering)
    # Every letter of the kinds asked for: who is thanked already, and the drafts the emails carry.
    # (Unordered: the default ordering would join the interviews only to sort rows read into a dict.)
    letters = {
        letter.key: letter
        for letter in Letter.objects.filter(
            interview_id__in=interview_ids, kind__in={r.letter_kind for r in reminders}
        ).order_by()
    }
    # Drafts not written yet (a follow-up's, when its reminder comes due) are written together.
    missing = [
        DraftWanted(
            interview=r.interview, participants=people[r.interview_id], contact=p.contact, kind=r.letter_kind
        )
        for r in reminders
        for p in people[r.interview_id]
        if LetterKey(r.interview_id, p.contact_id, r.letter_kind) not in letters
    ]
    letters.update(letters_ensure_batch(wanted=missing))
    urls = links.EmailLinks()
    unsubscribe = {user_id: urls.unsubscribe(user_id=user_id) for user_id in {r.user_id for r in reminders}}
    return [_section(r, people[r.interview_id], letters, urls, unsubscribe[r.user_id]) for r in reminders]


def _section(
    reminder: Reminder,
    participants: list[Participant],
    letters: dict[LetterKey, Letter],
    urls: links.EmailLinks,
    unsubscribe_url: str,
) -> InterviewSection:
    interview = reminder.interview
    kind = reminder.letter_kind
    people = []
    for participant in participants:
        letter = letters.get(LetterKey(interview.pk, participant.contact_id, kind))
        if letter is not None and letter.is_sent:
            continue
        if letter is None:  # deleted since it was read; write it again
            letter = letter_ensure(interview=interview, contact=participant.contact, kind=kind)
        people.append(
            PersonDraft(
                name=participant.contact.name,
                title=participant.contact.title,
                email=participant.contact.email,
                subject=letter.subject,
                body=letter.body,
                editor_url=urls.letter(letter.pk),
                mark_sent_url=urls.mark_sent(reminder_id=reminder.pk, contact_id=participant.contact_id),
            )
        )
    snooze = urls.snooze(reminder_id=reminder.pk, sequence=reminder.sequence)
    return InterviewSection(
        reminder=reminder,
        people=people,
        snooze_links=[(label, f"{snooze}{key}/") for key, (label, _d) in schedule.SNOOZE_CHOICES.items()],
        interview_url=urls.interview(interview.pk),
        unsubscribe_url=unsubscribe_url,
    )


def _names(people: list[PersonDraft]) -> str:
    names = [p.name for p in people]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + f" and {names[-1]}"


def _headers(unsubscribe: str, message_id: str) -> dict[str, str]:
    return {
        "Message-ID": message_id,
        "List-Unsubscribe": f"<{unsubscribe}>",
        # RFC 8058 one-click: mail clients POST this body to the URL above.
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "X-Auto-Response-Suppress": "All",
    }


def _common_context(user: User, unsubscribe: str) -> dict:
    return {
        "user": user,
        "site_url": settings.SITE_URL,
        "settings_url": links.absolute("/settings/"),
        "reminders_url": links.absolute("/reminders/"),
        "unsubscribe_url": unsubscribe,
    }


def reminder_email(*, reminder: Reminder, section: InterviewSection) -> EmailMultiAlternatives:
    """One reminder, one email: the thank-you after an interview, or a follow-up."""
    user = reminder.user
    interview = reminder.interview
    unsubscribe = section.unsubscribe_url
    context = {
        **_common_context(user, unsubscribe),
        "reminder": reminder,
        "interview": interview,
        "company": interview.company.name,
        "section": section,
        "names": _names(section.people),
        "is_thank_you": reminder.kind == Reminder.Kind.THANK_YOU,
    }
    # Times in the email read in the user's own zone, whatever zone the worker runs in.
    with timezone.override(user.zone):
        return email_render(
            template="reminder",
            context=context,
            to=[user.email],
            headers=_headers(unsubscribe, reminder.message_id),
        )


def digest_message_id(reminders: list[Reminder]) -> str:
    """The same set of reminders always yields the same Message-ID, so a resent digest is the same message."""
    key = ",".join(f"{r.pk}.{r.sequence}" for r in sorted(reminders, key=lambda r: r.pk))
    digest = hashlib.sha256(key.encode()).hexdigest()[:24]
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "followup.local"
    return f"<digest-{reminders[0].user_id}-{digest}@{domain}>"


def digest_email(*, user: User, sections: list[InterviewSection], now: dt.datetime) -> EmailMultiAlternatives:
    unsubscribe = sections[0].unsubscribe_url  # every section is this user's
    context = {**_common_context(user, unsubscribe), "sections": sections, "now": now}
    with timezone.override(user.zone):
        return email_render(
            template="digest",
            context=context,
            to=[user.email],
            headers=_headers(unsubscribe, digest_message_id([s.reminder for s in sections])),
        )
