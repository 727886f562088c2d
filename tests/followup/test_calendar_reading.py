"""The invite reader on its own (no database): zones, lengths, people and what a title says."""

import datetime as dt
import zoneinfo

import pytest

from followup.calendar_import import InviteError, company_name_from_domain, invite_events, summary_parts

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def calendar(*lines: str, head: tuple[str, ...] = ()) -> bytes:
    return "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            *head,
            "BEGIN:VEVENT",
            "UID:u1",
            *lines,
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    ).encode()


def one(data: bytes, own=()):
    (event,) = invite_events(data, own_emails=own, zone=BERLIN, now=NOW)
    return event


def test_a_floating_time_is_taken_in_the_users_zone():
    event = one(calendar("DTSTART:20260310T100000", "DTEND:20260310T110000"))

    assert event.starts_at == dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)


def test_outlooks_customised_zone_is_read_from_its_vtimezone():
    zone = (
        "BEGIN:VTIMEZONE",
        "TZID:Customized Time Zone",
        "BEGIN:STANDARD",
        "DTSTART:16010101T000000",
        "TZOFFSETFROM:+0530",
        "TZOFFSETTO:+0530",
        "END:STANDARD",
        "END:VTIMEZONE",
    )
    event = one(calendar("DTSTART;TZID=Customized Time Zone:20260310T100000", "DURATION:PT45M", head=zone))

    assert event.starts_at == dt.datetime(2026, 3, 10, 4, 30, tzinfo=dt.UTC)
    assert event.ends_at - event.starts_at == dt.timedelta(minutes=45)


def test_no_end_and_no_duration_gives_an_hour():
    event = one(calendar("DTSTART:20260310T100000Z"))

    assert event.ends_at - event.starts_at == dt.timedelta(hours=1)


def test_an_unknown_zone_is_refused_by_name():
    with pytest.raises(InviteError, match="Nowhere/Special"):
        one(calendar("DTSTART;TZID=Nowhere/Special:20260310T100000"))


def test_the_organizer_listed_again_as_attendee_is_one_person_and_services_are_nobody():
    event = one(
        calendar(
            "DTSTART:20260310T100000Z",
            "ORGANIZER;CN=Priya Singh:mailto:priya@acme.com",
            "ATTENDEE;CN=Priya Singh;PARTSTAT=ACCEPTED:mailto:priya@acme.com",
            "ATTENDEE;CN=Scheduling:mailto:no-reply@acme.com",
            "ATTENDEE;CN=Calendly:mailto:notifications@calendly.com",
            "ATTENDEE:mailto:ME@Example.com",
            "ATTENDEE:mailto:sam_lee@acme.com",
        ),
        own=["me@example.com"],
    )

    assert [(p.name, p.email, p.organizer) for p in event.people] == [
        ("Priya Singh", "priya@acme.com", True),
        ("Sam Lee", "sam_lee@acme.com", False),
    ]


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ("Interview: Backend Engineer at Acme (Final round)", ("Backend Engineer", "Final round", "Acme")),
        ("Phone screen - Jordan Seeker / Product Manager", ("Product Manager", "Phone screen", "")),
        (
            "Acme <> Jordan: 2nd round interview for the Data Scientist role",
            ("Data Scientist", "2nd round", "Acme"),
        ),
        ("Coffee with Priya", ("", "", "")),
    ],
)
def test_what_a_title_says(summary, expected):
    assert summary_parts(summary, people=["Jordan Seeker", "Priya Singh"]) == expected


@pytest.mark.parametrize(
    ("domain", "name"),
    [
        ("acme-robotics.com", "Acme Robotics"),
        ("globex.co.uk", "Globex"),
        ("eu.initech.io", "Initech"),
        ("gmail.com", ""),
    ],
)
def test_a_company_name_from_a_domain(domain, name):
    assert company_name_from_domain(domain) == name


def test_a_windows_zone_name_needs_no_vtimezone_and_webex_is_found_in_conference():
    event = one(
        calendar(
            'DTSTART;TZID="Pacific Standard Time":20260317T090000',
            "CONFERENCE;VALUE=URI;FEATURE=VIDEO:https://acme.webex.com/acme/j.php?MTID=m123",
        )
    )

    assert event.starts_at == dt.datetime(2026, 3, 17, 16, 0, tzinfo=dt.UTC)
    assert event.meeting_link == "https://acme.webex.com/acme/j.php?MTID=m123"
    assert event.format == "video"


def test_a_cancelled_event_and_a_phone_call():
    event = one(
        calendar(
            "DTSTART:20260310T100000Z",
            "STATUS:CANCELLED",
            "SUMMARY:Phone screen",
            "LOCATION:+1 (555) 010-0199",
        )
    )

    assert event.cancelled
    assert event.format == "phone"
    assert event.round == "Phone screen"
