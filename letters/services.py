"""Letter drafts: writing them for an interview's people, saving edits safely, regenerating, marking sent."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from followup.models import Contact, Interview, Participant
from letters import checklist, compose
from letters.facts import interview_facts, recipient_for_contact, sender_for
from letters.models import Letter, LetterKey
from letters.selectors import LetterStatus
from letters.signals import letter_sent, letter_unsent

SUBJECT_MAX = Letter._meta.get_field("subject").max_length


class LetterError(Exception):
    """A letter change that cannot be made as asked; the message is fit to show the user."""


class LetterConflict(LetterError):
    """The letter changed since the caller read it; `current` is the row as it stands now."""

    def __init__(self, current: Letter):
        super().__init__("This letter changed in another tab or window since you opened it.")
        self.current = current


class LetterGone(LetterError):
    """The draft was deleted (its person left the interview) while the user had it open."""

    def __init__(self) -> None:
        super().__init__("This draft no longer exists: its person was removed from the interview.")


class LetterIsSent(LetterError):
    """A sent letter is the record of what went out; it is marked not sent before its text changes."""

    def __init__(self) -> None:
        super().__init__("This letter is marked sent. Mark it as not sent to change it.")


class NeedsConfirmation(LetterError):
    """Regenerating would replace text the user wrote; they are asked first."""

    def __init__(self, *, letter: Letter, draft: compose.Draft, tone: str):
        super().__init__("Writing a new draft replaces your edits.")
        self.letter = letter
        self.draft = draft
        self.tone = tone


# --- Composing ----------------------------------------------------------------------------------------


def _participants(interview: Interview) -> list[Participant]:
    return list(interview.participants.select_related("contact"))


def letter_draft_for_person(
    *,
    interview: Interview,
    participants: Sequence[Participant],
    contact: Contact,
    kind: str,
    tone: str | None,
) -> tuple[compose.Draft, str]:
    """A fresh draft for one person, and the tone it was written in."""
    participant = next((p for p in participants if p.contact_id == contact.pk), None)
    # A person removed from the interview keeps their letter; it is written without what was discussed.
    recipient = recipient_for_contact(contact, discussed=participant.discussed if participant else "")
    if tone not in Letter.Tone.values:
        tone = compose.default_tone(recipient)
    draft = compose.compose(
        kind=kind,
        interview=interview_facts(interview, participants=participants, for_contact_id=contact.pk),
        recipient=recipient,
        sender=sender_for(interview.user),
        tone=tone,
    )
    # A long role and company name can make the subject outgrow its column.
    subject = draft.subject[:SUBJECT_MAX].rstrip()
    return compose.Draft(subject=subject, body=draft.body), tone


def letter_compose(*, letter: Letter, tone: str | None = None) -> compose.Draft:
    """What the composer writes for this letter now, in `tone` (the letter's own by default)."""
    draft, _ = letter_draft_for_person(
        interview=letter.interview,
        participants=_participants(letter.interview),
        contact=letter.contact,
        kind=letter.kind,
        tone=tone or letter.tone,
    )
    return draft


def _refused(letter: Letter) -> LetterError:
    """Why a conditional update on `letter` matched no row."""
    current = Letter.objects.filter(pk=letter.pk).select_related("interview", "contact").first()
    if current is None:
        return LetterGone()
    if current.is_sent:
        return LetterIsSent()
    return LetterConflict(current)


def _refresh(letter: Letter, draft: compose.Draft) -> None:
    """Bring an untouched draft in step with the interview's facts."""
    if (letter.subject, letter.body) == (draft.subject, draft.body):
        return
    text = {
        "subject": draft.subject,
        "body": draft.body,
        "generated_subject": draft.subject,
        "generated_body": draft.body,
    }
    # Compare-and-set on the version read a moment ago: if the user saved an edit in between, their text
    # wins and this refresh matches nothing.
    updated = Letter.objects.filter(pk=letter.pk, version=letter.version, status=Letter.Status.DRAFT).update(
        **text, version=F("version") + 1, updated_at=timezone.now()
    )
    if updated:
        for field, value in text.items():
            setattr(letter, field, value)
        letter.version += 1


def _get_or_create(
    *, interview: Interview, contact: Contact, kind: str, draft: compose.Draft, tone: str
) -> Letter:
    # The unique (interview, contact, kind) constraint settles a race between two requests: the loser's
    # INSERT fails inside get_or_create's savepoint and it reads the winner's row instead.
    letter, _ = Letter.objects.get_or_create(
        interview=interview,
        contact=contact,
        kind=kind,
        defaults={
            "user_id": interview.user_id,
            "tone": tone,
            "subject": draft.subject,
            "body": draft.body,
            "generated_subject": draft.subject,
            "generated_body": draft.body,
        },
    )
    return letter


# --- Drafts for an interview --------------------------------------------------------------------------


def _untouched(letters: QuerySet[Letter]) -> QuerySet[Letter]:
    """Drafts that hold nothing of the user's: never edited, not sent, no replaced text to bring back."""
    # The test sits in the query itself, so used in a DELETE it never drops an edit saved a moment ago.
    return letters.filter(
        status=Letter.Status.DRAFT,
        subject=F("generated_subject"),
        body=F("generated_body"),
        previous_body="",
    )


def letters_draft_for_interview(*, interview: Interview, now: dt.datetime | None = None) -> list[Letter]:
    """Keep an interview's drafts in step with it; return each person's thank-you, in the people's order.

    Once the interview has ended, every person met gets a thank-you draft; before `now` reaches its end
    there are none, because a thank-you is written about a meeting that happened, and untouched drafts
    of an interview moved into the future are taken away (they are written again when it ends). Drafts
    nobody has edited follow the interview's details. Untouched drafts of people no longer on the
    interview are deleted. A draft the user edited, and a sent letter, are never changed or deleted here.
    """
    now = now or timezone.now()
    ended = interview.has_ended(now)
    with transaction.atomic():
        participants = _participants(interview)
        contact_ids = [p.contact_id for p in participants]
        mine = Letter.objects.filter(interview=interview)
        if ended:
            _untouched(mine).exclude(contact_id__in=contact_ids).delete()
        else:
            _untouched(mine).delete()

        existing = {
            (letter.contact_id, letter.kind): letter
            for letter in Letter.objects.filter(interview=interview, contact_id__in=contact_ids)
        }
        thank_yous = []
        for participant in participants:
            contact = participant.contact
            for kind in Letter.Kind.values:
                letter = existing.get((contact.pk, kind))
                if letter is None and (kind != Letter.Kind.THANK_YOU or not ended):
                    continue  # a thank-you waits for the end; other kinds are written when due or asked for
                if letter is None or not (letter.is_sent or letter.is_edited):
                    draft, tone = letter_draft_for_person(
                        interview=interview,
                        participants=participants,
                        contact=contact,
                        kind=kind,
                        tone=letter.tone if letter else None,
                    )
                    if letter is None:
                        letter = _get_or_create(
                            interview=interview, contact=contact, kind=kind, draft=draft, tone=tone
                        )
                    else:
                        _refresh(letter, draft)
                if kind == Letter.Kind.THANK_YOU:
                    thank_yous.append(letter)
        return thank_yous


def letters_draft_due(
    *, interviews: Sequence[Interview], letter_status: LetterStatus, now: dt.datetime
) -> LetterStatus:
    """Write the thank-you drafts of ended interviews that have none yet; letter_status with them added.

    Drafts are written when the interview ends, but nothing runs at that moment: a page that shows the
    interview (or the reminder email, through letters_ensure_batch) writes the missing ones as it is opened.
    `interviews` carry their participants (prefetched, with contacts) and `letter_status` is
    letters.selectors.letters_status_for_interviews for them, so this costs no query when nothing is
    missing and two when something is.
    """
    wanted = []
    for interview in interviews:
        if not interview.has_ended(now):
            continue
        participants = list(interview.participants.all())
        for participant in participants:
            letters = letter_status.get((interview.pk, participant.contact_id), {})
            if Letter.Kind.THANK_YOU not in letters:
                wanted.append(
                    DraftWanted(
                        interview=interview,
                        participants=participants,
                        contact=participant.contact,
                        kind=Letter.Kind.THANK_YOU,
                    )
                )
    if not wanted:
        return letter_status
    merged = {key: dict(letters) for key, letters in letter_status.items()}
    for key, letter in letters_ensure_batch(wanted=wanted).items():
        merged.setdefault((key.interview_id, key.contact_id), {})[key.kind] = letter
    return merged


def letter_ensure(*, interview: Interview, contact: Contact, kind: str) -> Letter:
    """The person's letter of this kind for the interview, drafted now if there is none yet."""
    if kind not in Letter.Kind.values:
        raise ValueError(f"Unknown letter kind: {kind!r}")
    if contact.user_id != interview.user_id:
        raise ValueError("The contact and the interview belong to different users.")
    letter = Letter.objects.filter(interview=interview, contact=contact, kind=kind).first()
    if letter is not None:
        return letter
    with transaction.atomic():
        draft, tone = letter_draft_for_person(
            interview=interview, participants=_participants(interview), contact=contact, kind=kind, tone=None
        )
        return _get_or_create(interview=interview, contact=contact, kind=kind, draft=draft, tone=tone)


@dataclass(frozen=True)
class DraftWanted:
    """One person's letter of one kind, for letters_ensure_batch; `participants` are the interview's people."""

    interview: Interview
    participants: Sequence[Participant]
    contact: Contact
    kind: str


def letters_ensure_batch(*, wanted: Sequence[DraftWanted]) -> dict[LetterKey, Letter]:
    """letter_ensure for many letters at once, each found by its LetterKey.

    Missing drafts are written as letter_ensure writes them and inserted together; where a concurrent
    request inserted the same letter first, its row is kept (the unique constraint settles it) and
    returned, as get_or_create would. Two queries, however many letters.
    """
    if not wanted:
        return {}
    for item in wanted:
        if item.kind not in Letter.Kind.values:
            raise ValueError(f"Unknown letter kind: {item.kind!r}")
        if item.contact.user_id != item.interview.user_id:
            raise ValueError("The contact and the interview belong to different users.")
    drafts = []
    for item in wanted:
        draft, tone = letter_draft_for_person(
            interview=item.interview,
            participants=item.participants,
            contact=item.contact,
            kind=item.kind,
            tone=None,
        )
        drafts.append(
            Letter(
                user_id=item.interview.user_id,
                interview=item.interview,
                contact=item.contact,
                kind=item.kind,
                tone=tone,
                subject=draft.subject,
                body=draft.body,
                generated_subject=draft.subject,
                generated_body=draft.body,
            )
        )
    Letter.objects.bulk_create(drafts, ignore_conflicts=True)
    keys = {LetterKey(item.interview.pk, item.contact.pk, item.kind) for item in wanted}
    found = Letter.objects.filter(
        interview_id__in={k.interview_id for k in keys},
        contact_id__in={k.contact_id for k in keys},
        kind__in={k.kind for k in keys},
    ).order_by()
    return {letter.key: letter for letter in found if letter.key in keys}


# --- Editing ------------------------------------------------------------------------------------------


def letter_save(*, letter: Letter, subject: str, body: str, tone: str | None = None, version: int) -> Letter:
    """Save the user's text, provided the letter is still at the `version` their editor was opened with.

    Raises LetterConflict (with the current row) when it changed meanwhile, LetterIsSent for a sent
    letter, LetterGone when the draft was deleted.
    """
    tone = tone if tone in Letter.Tone.values else letter.tone
    # Compare-and-set on the version: of two tabs saving over the same text, the second is refused and
    # shown both texts instead of silently overwriting the first.
    updated = Letter.objects.filter(pk=letter.pk, version=version, status=Letter.Status.DRAFT).update(
        subject=subject, body=body, tone=tone, version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise _refused(letter)
    letter.refresh_from_db()
    return letter


def letter_regenerate(
    *, letter: Letter, tone: str | None = None, confirmed: bool = False, version: int | None = None
) -> Letter:
    """Write the letter afresh from the interview, in `tone` (its own by default).

    Text the user edited is replaced only when `confirmed`; otherwise NeedsConfirmation is raised. The
    replaced text is kept in previous_subject/previous_body for letter_restore_previous. `version` is the
    one the user saw when confirming (default: the letter's as read).
    """
    if letter.is_sent:
        raise LetterIsSent()
    tone = tone if tone in Letter.Tone.values else letter.tone
    draft = letter_compose(letter=letter, tone=tone)
    if letter.is_edited and not confirmed:
        raise NeedsConfirmation(letter=letter, draft=draft, tone=tone)
    changes = {
        "tone": tone,
        "subject": draft.subject,
        "body": draft.body,
        "generated_subject": draft.subject,
        "generated_body": draft.body,
    }
    if (letter.subject, letter.body) != (draft.subject, draft.body):
        changes.update(previous_subject=letter.subject, previous_body=letter.body)
    expected = letter.version if version is None else version
    # Compare-and-set: what the user agreed to replace is exactly the text at this version; an edit saved
    # since then (another tab) is not overwritten.
    updated = Letter.objects.filter(pk=letter.pk, version=expected, status=Letter.Status.DRAFT).update(
        **changes, version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise _refused(letter)
    letter.refresh_from_db()
    return letter


def letter_restore_previous(*, letter: Letter, version: int | None = None) -> Letter:
    """Bring back the text the last regenerate replaced; the text it replaces becomes the previous one."""
    if letter.is_sent:
        raise LetterIsSent()
    if not letter.can_restore:
        raise LetterError("There is no earlier text to bring back.")
    expected = letter.version if version is None else version
    # Compare-and-set, as in letter_save: the swap applies to the text the user was looking at.
    updated = Letter.objects.filter(pk=letter.pk, version=expected, status=Letter.Status.DRAFT).update(
        subject=F("previous_subject"),
        body=F("previous_body"),
        previous_subject=F("subject"),
        previous_body=F("body"),
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        raise _refused(letter)
    letter.refresh_from_db()
    return letter


# --- Sent or not --------------------------------------------------------------------------------------


def letter_today(*, letter: Letter) -> dt.date:
    """Today in the letter's owner's time zone: the default sent date and the latest allowed."""
    return timezone.now().astimezone(letter.user.zone).date()


def letter_mark_sent(*, letter: Letter, sent_on: dt.date) -> Letter:
    """Record that the letter went out on `sent_on`; sends letters.signals.letter_sent once.

    Marking an already sent letter again only corrects its date.
    """
    if sent_on > letter_today(letter=letter):
        raise LetterError("The date it was sent can't be in the future.")
    with transaction.atomic():
        # Only a draft turns into a sent letter, so a double click or a second tab signals once.
        updated = Letter.objects.filter(pk=letter.pk, status=Letter.Status.DRAFT).update(
            status=Letter.Status.SENT, sent_on=sent_on, version=F("version") + 1, updated_at=timezone.now()
        )
        if not updated:
            Letter.objects.filter(pk=letter.pk).update(sent_on=sent_on, updated_at=timezone.now())
        letter.refresh_from_db()
        if updated:
            letter_sent.send(sender=Letter, letter=letter)
    return letter


def letter_mark_unsent(*, letter: Letter) -> Letter:
    """Undo marking sent: the letter is a draft again; sends letters.signals.letter_unsent once."""
    with transaction.atomic():
        # Only a sent letter turns back into a draft, so the signal goes once however often it is asked.
        updated = Letter.objects.filter(pk=letter.pk, status=Letter.Status.SENT).update(
            status=Letter.Status.DRAFT, sent_on=None, version=F("version") + 1, updated_at=timezone.now()
        )
        letter.refresh_from_db()
        if updated:
            letter_unsent.send(sender=Letter, letter=letter)
    return letter


# --- The checklist ------------------------------------------------------------------------------------


def letter_checklist(*, letter: Letter, subject: str, body: str) -> list[checklist.Check]:
    """The checklist for `subject` and `body` as typed (saved or not) in this letter's editor."""
    interview = letter.interview
    participants = _participants(interview)
    participant = next((p for p in participants if p.contact_id == letter.contact_id), None)
    # Interviewers compare notes: the same kind of letter to the others of this interview counts as a copy,
    # and a sentence found in any other letter of it (a follow-up repeating the thank-you) is pointed out.
    others = [
        checklist.OtherLetter(kind=kind, name=name, body=text)
        for kind, name, text in Letter.objects.filter(interview_id=letter.interview_id)
        .exclude(pk=letter.pk)
        .order_by("kind", "id")
        .values_list("kind", "contact__name", "body")
    ]
    return checklist.check_letter(
        kind=letter.kind,
        subject=subject,
        body=body,
        interview=interview_facts(interview, participants=participants, for_contact_id=letter.contact_id),
        recipient=recipient_for_contact(
            letter.contact, discussed=participant.discussed if participant else ""
        ),
        sender=sender_for(letter.user),
        other_bodies=tuple(other.body for other in others if other.kind == letter.kind),
        other_letters=tuple(others),
    )
