"""Every free-text field has a limit sized to what it feeds: a letter built from all of them at their
longest still fits the editor, and each form says its limits and refuses more with a message."""

import dataclasses
import datetime as dt
import itertools

import pytest
from django.db import models
from django.utils import timezone

from followup.models import Company, Contact, Interview, Participant, User
from letters.compose import FORMAL, FRIENDLY, KINDS, LetterFacts, Recipient, Sender, compose
from letters.forms import BODY_MAX, SUBJECT_MAX
from letters.models import Letter
from letters.services import letter_ensure
from tests.factories import interview_form_data

# Where each input of the composer comes from, when not the field of the same name on the usual model.
SOURCE_MODELS = {LetterFacts: Interview, Recipient: Contact, Sender: User}
SOURCE_FIELDS = {
    (LetterFacts, "company"): Company._meta.get_field("name"),
    (LetterFacts, "other_people"): Contact._meta.get_field("name"),
    (Recipient, "discussed"): Participant._meta.get_field("discussed"),
}


def source_field(cls, name: str) -> models.Field:
    return SOURCE_FIELDS.get((cls, name)) or SOURCE_MODELS[cls]._meta.get_field(name)


def longest_text(limit: int, *, lines: bool) -> str:
    """Text of exactly `limit` characters; with `lines`, as many short lines as fit (the most line breaks
    a textarea can post back)."""
    unit = "Ab\n" if lines else "Abcdefg "
    return (unit * (limit // len(unit) + 1))[:limit]


def longest_value(field: models.Field, *, lines: bool = False) -> str:
    if field.choices:
        return max((str(value) for value, _label in field.choices), key=len)
    assert field.max_length, f"{field.model.__name__}.{field.name} feeds letters and needs a max_length"
    return longest_text(field.max_length, lines=lines)


def maximal(cls, *, variant: int = 0, **fixed):
    """An instance of a composer input with every text at its longest; `variant` changes the names so the
    composer's phrasing choices (seeded by them) vary."""
    values = {}
    for f in dataclasses.fields(cls):
        if f.name in fixed or f.type not in (str, "str"):
            continue
        field = source_field(cls, f.name)
        text = longest_value(field, lines=isinstance(field, models.TextField))
        if f.name == "name" and not field.choices:
            text = f"{variant:03d} " + text[4:]
        values[f.name] = text
    return cls(**values, **fixed)


def test_every_text_the_composer_takes_has_a_limit():
    for cls in SOURCE_MODELS:
        for f in dataclasses.fields(cls):
            if f.type in (str, "str"):
                longest_value(source_field(cls, f.name))


def test_the_longest_letter_of_every_kind_fits_the_editor():
    people_field = source_field(LetterFacts, "other_people")
    others = tuple(longest_text(people_field.max_length, lines=False) for _ in range(19))
    sender = maximal(Sender)
    longest_body = longest_subject = 0
    for variant, kind, tone in itertools.product(range(24), KINDS, (FORMAL, FRIENDLY)):
        facts = maximal(
            LetterFacts,
            variant=variant,
            date=dt.date(2026, 9, 30),
            decision_date=dt.date(2026, 9, 30),
            other_people=others,
        )
        draft = compose(
            kind=kind,
            interview=facts,
            recipient=maximal(Recipient, variant=variant),
            sender=sender,
            tone=tone,
        )
        # A browser posts a textarea's line breaks as two characters each.
        longest_body = max(longest_body, len(draft.body.replace("\n", "\r\n")))
        longest_subject = max(longest_subject, len(draft.subject))
    assert longest_body <= BODY_MAX
    assert longest_subject <= SUBJECT_MAX
    assert Letter._meta.get_field("subject").max_length == SUBJECT_MAX


@pytest.mark.django_db
def test_the_longest_interview_drafts_letters_the_editor_saves_and_marks_sent(signed_in, user):
    User.objects.filter(pk=user.pk).update(
        full_name=longest_value(User._meta.get_field("full_name")),
        signature=longest_value(User._meta.get_field("signature"), lines=True),
    )
    text = {
        name: longest_value(field, lines=isinstance(field, models.TextField))
        for name in ("role", "topics", "missed_point", "why_role", "contribution", "notes")
        for field in [Interview._meta.get_field(name)]
    }
    company = longest_value(Company._meta.get_field("name"))
    person = {
        "name": longest_value(Contact._meta.get_field("name")),
        "title": longest_value(Contact._meta.get_field("title")),
        "discussed": longest_value(Participant._meta.get_field("discussed"), lines=True),
    }
    ended = timezone.localtime(timezone.now() - dt.timedelta(days=2))
    data = interview_form_data(
        company_name=company,
        starts_at=(ended - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        ends_at=ended.strftime("%Y-%m-%dT%H:%M"),
        decision_date=ended.date().isoformat(),
        people=[person],
        **{name: value.replace("\n", "\r\n") for name, value in text.items()},
    )
    assert signed_in.post("/interviews/new/", data).status_code == 302
    interview = Interview.objects.get(user=user)
    contact = interview.participants.get().contact
    for kind in Letter.Kind.values:
        letter = letter_ensure(interview=interview, contact=contact, kind=kind)
        assert signed_in.get(f"/letters/{letter.pk}/").status_code == 200
        posted = {
            "subject": letter.subject,
            "body": letter.body.replace("\n", "\r\n") + "\r\nP.S.",
            "version": letter.version,
        }
        response = signed_in.post(f"/letters/{letter.pk}/", posted)
        assert response.status_code == 302, kind
        letter.refresh_from_db()
        assert letter.body.endswith("P.S.")
        today = timezone.localdate().isoformat()
        assert signed_in.post(f"/letters/{letter.pk}/sent/", {"sent_on": today}).status_code == 302
        letter.refresh_from_db()
        assert letter.is_sent


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/settings/", "/welcome/"])
def test_a_signature_too_long_for_a_letter_is_refused_with_the_limit_stated(signed_in, user, url):
    limit = User._meta.get_field("signature").max_length
    page = signed_in.get(url).content.decode()
    assert f"Up to {limit:,} characters" in page
    data = {
        "full_name": "Ada Lovelace",
        "time_zone": "Europe/London",
        "country": "",
        "signature": "x" * 100_000,
        "reminders_enabled": "on",
        "thank_you_delay_minutes": "120",
        "follow_up_after_decision_days": "3",
        "follow_up_after_interview_days": "7",
        "second_follow_up_days": "5",
        "reminder_hour": "9",
    }
    response = signed_in.post(url, data)
    assert response.status_code == 200
    assert f"at most {limit:,} characters" in response.content.decode()
    user.refresh_from_db()
    assert len(user.signature) < limit


@pytest.mark.django_db
def test_a_signature_at_the_limit_with_windows_line_breaks_is_accepted(signed_in, user):
    limit = User._meta.get_field("signature").max_length
    signature = longest_text(limit, lines=True)
    data = {
        "full_name": "Ada Lovelace",
        "time_zone": "Europe/London",
        "signature": signature.replace("\n", "\r\n"),
        "next": "/",
    }
    user.onboarded_at = None
    user.save()
    assert signed_in.post("/welcome/", data).status_code == 302
    user.refresh_from_db()
    assert user.signature == signature.strip()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "field", "model_field"),
    [
        ("/interviews/new/", "topics", Interview._meta.get_field("topics")),
        ("/interviews/new/", "people-0-discussed", Participant._meta.get_field("discussed")),
        ("/contacts/new/", "notes", Contact._meta.get_field("notes")),
        ("/companies/new/", "notes", Company._meta.get_field("notes")),
    ],
)
def test_each_text_box_states_its_limit(signed_in, url, field, model_field):
    page = signed_in.get(url).content.decode()
    limit = model_field.max_length
    assert f'name="{field}"' in page
    assert f'maxlength="{limit}"' in page
    assert f"Up to {limit:,} characters" in page


def test_text_stored_before_the_limits_still_makes_a_letter_the_editor_takes():
    huge = "Priya showed the billing rewrite " * 3_000
    facts = LetterFacts(
        company="Acme", role="Backend Engineer", date=dt.date(2026, 9, 30), topics=huge, contribution=huge
    )
    recipient = Recipient(name="Priya Singh", discussed=huge)
    sender = Sender(full_name="Ada Lovelace", signature="+1 555 0100\n" * 10_000)
    for kind in KINDS:
        draft = compose(kind=kind, interview=facts, recipient=recipient, sender=sender)
        assert len(draft.body.replace("\n", "\r\n")) <= BODY_MAX
        assert draft.body.endswith("+1 555 0100")
