"""Recording an interview from a calendar invite: each calendar's invite gives the expected form, and an
invite seen before, updated or cancelled leads to the interview already recorded."""

import datetime as dt
import pathlib

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from followup.models import Interview
from reminders.models import Reminder
from tests.factories import CompanyFactory, ContactFactory, InterviewFactory, interview_form_data
from tests.followup.test_interview_form import chosen_contact, field_value, textarea_text

pytestmark = pytest.mark.django_db

NEW = "/interviews/new/"
INVITES = pathlib.Path(__file__).parent / "invites"


@pytest.fixture
def seeker(user):
    """Jordan, in Berlin, with the addresses the fixtures invite."""
    from allauth.account.models import EmailAddress

    user.email = "jordan.seeker@gmail.com"
    user.time_zone = "Europe/Berlin"
    user.save()
    for address in ("jordan@seeker.example", "jordan@icloud.com"):
        EmailAddress.objects.create(user=user, email=address, verified=True)
    return user


@pytest.fixture
def client_of(seeker):
    client = Client()
    client.force_login(seeker)
    return client


def import_file(client, name: str, content: bytes | None = None, **typed):
    data = interview_form_data(**typed) if typed else {}
    upload = SimpleUploadedFile(name, content if content is not None else (INVITES / name).read_bytes())
    return client.post(NEW, {**data, "import_invite": "1", "invite_file": upload})


def import_text(client, text: str, **typed):
    data = interview_form_data(**typed) if typed else {}
    return client.post(NEW, {**data, "import_invite": "1", "invite_text": text})


def shown(page: str) -> dict:
    """What the filled-in form shows, field by field, as the user sees it."""
    return {
        "company": field_value(page, "company_name"),
        "role": field_value(page, "role"),
        "round": field_value(page, "round"),
        "format": _checked(page, "format"),
        "start": field_value(page, "starts_at"),
        "end": field_value(page, "ends_at"),
        "location": field_value(page, "location"),
    }


def _checked(page: str, name: str) -> str:
    import re

    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"[^>]*checked', page)
    return match.group(1) if match else ""


def people_shown(page: str) -> list[tuple[str, str, str]]:
    """(picked contact id, typed name, typed email) of each person row."""
    rows = []
    for index in range(30):
        name = field_value(page, f"people-{index}-name")
        if name is None:
            break
        rows.append(
            (
                chosen_contact(page, f"people-{index}-contact"),
                name,
                field_value(page, f"people-{index}-email"),
            )
        )
    return [row for row in rows if row[0] or row[1]]


# Each calendar's invite gives the expected form -------------------------------------------------------


def test_google_calendar_invite(client_of):
    page = import_file(client_of, "google.ics").content.decode()

    assert "Filled in from the invite" in page
    # 15:00 UTC is 16:00 in Berlin (before the clocks change there).
    assert shown(page) == {
        "company": "Acme Robotics",
        "role": "Senior Backend Engineer",
        "round": "Final round",
        "format": "video",
        "start": "2026-03-10T16:00",
        "end": "2026-03-10T17:00",
        "location": "https://meet.google.com/abc-defg-hij",
    }
    # The organizer and the attendee who accepted; not Jordan, the declined one or the meeting room.
    assert people_shown(page) == [
        ("", "Priya Singh", "priya.singh@acme-robotics.com"),
        ("", "Marcus Webb", "marcus.webb@acme-robotics.com"),
    ]


def test_outlook_invitation_email_with_a_windows_time_zone(client_of):
    page = import_file(client_of, "outlook.eml").content.decode()

    assert shown(page) == {
        "company": "Contoso",
        "role": "Product Designer",
        "round": "On-site interview",
        "format": "onsite",
        "start": "2026-03-12T10:00",  # "W. Europe Standard Time" is Berlin's zone
        "end": "2026-03-12T11:30",
        "location": "Contoso Berlin HQ, Room 4.12, Friedrichstraße 68, 10117 Berlin",
    }
    # No room, no mailing list, not the user (under another of their addresses).
    assert people_shown(page) == [
        ("", "Lena Vogel", "lena.vogel@contoso.de"),
        ("", "Tobias Kramer", "tobias.kramer@contoso.de"),
    ]


def test_teams_invite_from_exchange_in_pacific_time(client_of):
    page = import_file(client_of, "teams.ics").content.decode()

    form = shown(page)
    # 09:00 Pacific (daylight time from 8 March) is 17:00 in Berlin (still on winter time).
    assert (form["start"], form["end"]) == ("2026-03-17T17:00", "2026-03-17T17:45")
    assert form["location"].startswith("https://teams.microsoft.com/l/meetup-join/19%3ameeting_")
    assert form["location"].endswith("%7d")
    assert (form["company"], form["role"], form["round"], form["format"]) == (
        "Fabrikam",
        "Data Engineer",
        "Hiring manager interview",
        "video",
    )
    assert people_shown(page) == [
        ("", "Alex Morgan", "alex.morgan@fabrikam.com"),
        ("", "Chen Wei", "chen.wei@fabrikam.com"),
        ("", "Ravi Patel", "ravi.patel@fabrikam.com"),
    ]


def test_apple_calendar_invite(client_of):
    page = import_file(client_of, "apple.ics").content.decode()

    assert shown(page) == {
        "company": "Globex",
        "role": "Data Analyst",
        "round": "Second round",
        "format": "onsite",
        "start": "2026-04-02T15:00",  # 14:00 in London is 15:00 in Berlin
        "end": "2026-04-02T16:00",
        "location": "Globex, 221B Baker Street, London NW1 6XE, England",
    }
    assert people_shown(page) == [
        ("", "Sam Lee", "sam@globex.co.uk"),
        ("", "Aisha Khan", "aisha.khan@globex.co.uk"),
    ]


def test_zoom_invite(client_of):
    page = import_file(client_of, "zoom.ics").content.decode()

    assert shown(page) == {
        "company": "Initech",
        "role": "Staff Software Engineer",
        "round": "Technical interview",
        "format": "video",
        "start": "2026-03-19T18:00",  # 13:00 in New York
        "end": "2026-03-19T19:00",
        "location": "https://us02web.zoom.us/j/81234567890?pwd=aBcDeFgHiJkLmNoPqRsTuVwXyZ.1",
    }
    assert people_shown(page) == []


def test_pasted_invite_text_works_like_the_file(client_of):
    text = (INVITES / "google.ics").read_text()
    page = import_text(client_of, text).content.decode()

    assert shown(page)["role"] == "Senior Backend Engineer"
    assert len(people_shown(page)) == 2


def test_existing_company_and_contacts_are_matched_by_email(client_of, seeker):
    acme = CompanyFactory(user=seeker, name="ACME Robotics Inc.", website="https://www.acme-robotics.com/")
    priya = ContactFactory(
        user=seeker, company=acme, name="Priya Singh", email="Priya.Singh@acme-robotics.com"
    )

    page = import_file(client_of, "google.ics").content.decode()

    assert shown(page)["company"] == "ACME Robotics Inc."
    assert people_shown(page) == [
        (str(priya.pk), "", ""),
        ("", "Marcus Webb", "marcus.webb@acme-robotics.com"),
    ]


def test_company_matched_by_a_contacts_email_domain(client_of, seeker):
    contoso = CompanyFactory(user=seeker, name="Contoso GmbH")
    ContactFactory(user=seeker, company=contoso, name="Someone Else", email="someone@contoso.de")

    page = import_file(client_of, "outlook.eml").content.decode()

    assert shown(page)["company"] == "Contoso GmbH"


def test_saving_the_filled_form_records_the_interview_with_its_invite(client_of, seeker):
    page = import_file(client_of, "google.ics").content.decode()
    data = interview_form_data(
        company_name=field_value(page, "company_name"),
        role=field_value(page, "role"),
        round=field_value(page, "round"),
        starts_at=field_value(page, "starts_at"),
        ends_at=field_value(page, "ends_at"),
        location=field_value(page, "location"),
        invite_uid=field_value(page, "invite_uid"),
        invite_sequence=field_value(page, "invite_sequence"),
        people=[{"name": name, "email": email} for _, name, email in people_shown(page)],
    )

    response = client_of.post(NEW, data)

    interview = Interview.objects.get(user=seeker)
    assert response.status_code == 302
    assert interview.invite_uid == "4k2m9q8v1r7t3s5p0n6l@google.com"
    assert interview.starts_at == dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC)
    assert [p.contact.email for p in interview.participants.all()] == [
        "priya.singh@acme-robotics.com",
        "marcus.webb@acme-robotics.com",
    ]


# The same invite again, an update, a cancellation ------------------------------------------------------


def _recorded_from(seeker, name: str, **fields) -> Interview:
    from followup.calendar_import import invite_events

    event = invite_events(
        (INVITES / name).read_bytes(), own_emails=[], zone=dt.UTC, now=dt.datetime.now(dt.UTC)
    )[0]
    values = {"starts_at": event.starts_at, "ends_at": event.ends_at, "invite_uid": event.key}
    return InterviewFactory(user=seeker, **{**values, **fields})


def test_importing_the_same_invite_again_opens_the_interview(client_of, seeker):
    interview = _recorded_from(seeker, "google.ics")

    response = import_file(client_of, "google.ics")

    assert response.status_code == 302
    assert response["Location"] == interview.get_absolute_url()
    page = client_of.get(response["Location"]).content.decode()
    assert "You recorded this interview already" in page
    assert Interview.objects.filter(user=seeker).count() == 1


def _updated(name: str, *, sequence: int, old: str, new: str) -> bytes:
    text = (INVITES / name).read_text()
    return text.replace("SEQUENCE:0", f"SEQUENCE:{sequence}").replace(old, new).encode()


def test_an_updated_invite_offers_to_move_the_interview(client_of, seeker):
    interview = _recorded_from(seeker, "google.ics")
    update = _updated("google.ics", sequence=2, old="20260310T1", new="20260311T1")

    page = import_file(client_of, "google.ics", update)

    assert page.status_code == 200
    assert "This invite moves your interview" in page.content.decode()
    reminder_before = Reminder.objects.filter(interview=interview).values_list("due_at", flat=True).first()

    moved = client_of.post(
        f"/interviews/{interview.pk}/invite/move/",
        {
            "starts_at": "2026-03-11T15:00:00+00:00",
            "ends_at": "2026-03-11T16:00:00+00:00",
            "sequence": "2",
        },
    )

    interview.refresh_from_db()
    assert moved.status_code == 302
    assert interview.starts_at == dt.datetime(2026, 3, 11, 15, 0, tzinfo=dt.UTC)
    assert interview.invite_sequence == 2
    reminder_after = Reminder.objects.filter(interview=interview).values_list("due_at", flat=True).first()
    assert reminder_before != reminder_after
    # The same update again: the interview is where the invite says, so it simply opens.
    again = import_file(client_of, "google.ics", update)
    assert again.status_code == 302


def test_an_older_update_never_moves_the_interview_back(client_of, seeker):
    interview = _recorded_from(seeker, "google.ics", invite_sequence=5)

    client_of.post(
        f"/interviews/{interview.pk}/invite/move/",
        {"starts_at": "2026-03-12T15:00:00+00:00", "ends_at": "2026-03-12T16:00:00+00:00", "sequence": "3"},
    )

    interview.refresh_from_db()
    assert interview.starts_at == dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC)


def test_a_cancelled_invite_offers_to_mark_the_interview_cancelled(client_of, seeker):
    interview = _recorded_from(seeker, "teams.ics")
    cancel = (INVITES / "teams.ics").read_text().replace("METHOD:REQUEST", "METHOD:CANCEL").encode()

    page = import_file(client_of, "cancel.ics", cancel)

    assert "This invite was cancelled" in page.content.decode()
    response = client_of.post(f"/interviews/{interview.pk}/invite/cancel/")
    interview.refresh_from_db()
    assert response.status_code == 302
    assert interview.status == Interview.Status.CANCELLED
    assert not Reminder.objects.filter(interview=interview, state=Reminder.State.PENDING).exists()


def test_a_cancelled_invite_for_nothing_recorded_says_so(client_of, seeker):
    cancel = (
        (INVITES / "zoom.ics")
        .read_text()
        .replace("BEGIN:VEVENT", "BEGIN:VEVENT\r\nSTATUS:CANCELLED")
        .encode()
    )

    response = import_file(client_of, "cancel.ics", cancel)

    assert response.status_code == 400
    assert "cancels an event you have not recorded" in response.content.decode()
    assert not Interview.objects.exists()


def test_another_users_interview_cannot_be_moved_or_cancelled(client_of, other_user):
    theirs = InterviewFactory(user=other_user)

    assert client_of.post(f"/interviews/{theirs.pk}/invite/cancel/").status_code == 404
    assert client_of.post(f"/interviews/{theirs.pk}/invite/move/", {}).status_code == 404
    assert client_of.get(f"/interviews/{theirs.pk}/calendar.ics").status_code == 404


def test_an_invite_with_several_events_asks_which_one(client_of, seeker):
    original = (INVITES / "zoom.ics").read_text()
    head, event = original.split("BEGIN:VEVENT", 1)
    second = event.replace("20260319T1", "20260326T1").replace("UID:2026", "UID:other-2026")
    two = f"{head}BEGIN:VEVENT{event.replace('END:VCALENDAR', '')}BEGIN:VEVENT{second}"

    page = import_text(client_of, two).content.decode()

    assert "This invite holds 2 events" in page
    assert page.count('name="invite_choice"') == 2
    saved = field_value(page, "invite_saved")
    import html

    chosen = client_of.post(
        NEW,
        {
            **interview_form_data(),
            "import_invite": "1",
            "invite_saved": html.unescape(saved),
            "invite_choice": "other-20260305T144408Z-81234567890@fe80:0:0:0:1c4f:9bff:fe1e:2b3c%ens5",
        },
    ).content.decode()
    assert shown(chosen)["start"] == "2026-03-26T18:00"


@time_machine.travel(dt.datetime(2026, 3, 20, 12, 0, tzinfo=dt.UTC), tick=False)
def test_a_weekly_series_offers_its_occurrences_from_last_week_on(client_of, seeker):
    series = (INVITES / "zoom.ics").read_text().replace("SUMMARY:", "RRULE:FREQ=WEEKLY\r\nSUMMARY:")

    page = import_text(client_of, series).content.decode()

    # From a week before "now": 19 March (13:00 New York, 18:00 Berlin) is the first of ten offered.
    assert "This invite holds 10 events" in page
    assert "Thu 19 Mar, 18:00" in page
    assert "Thu 12 Mar" not in page


@time_machine.travel(dt.datetime(2026, 3, 20, 12, 0, tzinfo=dt.UTC), tick=False)
def test_a_series_leaves_out_the_weeks_it_skips(client_of, seeker):
    # The 26 March meeting (13:00 New York, 17:00 UTC) is taken out of the series with EXDATE.
    series = (
        (INVITES / "zoom.ics")
        .read_text()
        .replace("SUMMARY:", "RRULE:FREQ=WEEKLY\r\nEXDATE:20260326T170000Z\r\nSUMMARY:")
    )

    page = import_text(client_of, series).content.decode()

    assert "Thu 19 Mar, 18:00" in page and "Thu 2 Apr" in page
    assert "Thu 26 Mar" not in page


@time_machine.travel(dt.datetime(2027, 1, 5, 12, 0, tzinfo=dt.UTC), tick=False)
def test_a_series_that_has_ended_offers_its_last_occurrences(client_of, seeker):
    series = (INVITES / "zoom.ics").read_text().replace("SUMMARY:", "RRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:")
    client_of.force_login(seeker)  # a session from before the travel would have expired

    page = import_text(client_of, series).content.decode()

    assert "This invite holds 3 events" in page


# Bad input: one clear sentence, a 4xx, and nothing typed is lost ----------------------------------------

BAD = [
    (b"", "The invite is empty"),
    (b"Dear Jordan, see you on Tuesday!", "This is not a calendar invite"),
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "holds no event"),
    (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026\xff\xfe\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "garbled",
    ),
    (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20260310\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "all-day event",
    ),
    (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Mars/Olympus:20260310T100000\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n",
        "Mars/Olympus",
    ),
    (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\n", "cut short"),
    (b"x" * 1_000_001, "over 1 MB"),
]


@pytest.mark.parametrize(("content", "message"), BAD, ids=[m for _, m in BAD])
def test_bad_invites_say_why_and_keep_what_was_typed(client_of, content, message):
    response = import_file(
        client_of,
        "invite.ics",
        content,
        company_name="Typed Co",
        role="Typed role",
        topics="what I typed before",
        people=[{"name": "Typed Person", "discussed": "typed notes"}],
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert field_value(page, "company_name") == "Typed Co"
    assert field_value(page, "role") == "Typed role"
    assert textarea_text(page, "topics") == "what I typed before"
    assert field_value(page, "people-0-name") == "Typed Person"
    assert not Interview.objects.exists()


def test_nothing_chosen_says_what_to_do(client_of):
    response = client_of.post(NEW, {**interview_form_data(role="Kept"), "import_invite": "1"})

    assert response.status_code == 400
    assert "Choose an invite file" in response.content.decode()
    assert field_value(response.content.decode(), "role") == "Kept"


def test_an_import_keeps_typed_notes_the_invite_does_not_fill(client_of):
    page = import_file(client_of, "zoom.ics", topics="the billing rewrite").content.decode()

    assert textarea_text(page, "topics") == "the billing rewrite"
    assert shown(page)["role"] == "Staff Software Engineer"


def test_signed_out_import_goes_to_sign_in(client):
    response = client.post(NEW, {"import_invite": "1"})

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_import_runs_a_constant_number_of_queries(client_of, seeker, django_assert_max_num_queries):
    for n in range(15):
        company = CompanyFactory(user=seeker, name=f"Company {n}", website=f"https://company{n}.example")
        ContactFactory(user=seeker, company=company, email=f"person{n}@company{n}.example")

    with django_assert_max_num_queries(12):
        response = import_file(client_of, "google.ics")

    assert response.status_code == 200
