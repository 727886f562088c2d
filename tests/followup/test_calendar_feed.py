"""The private calendar feed: its address on the settings page, what calendar apps read from it (checked
with icalendar and with vobject), who may read it, its cost, and one interview's .ics download."""

import datetime as dt
import gzip
import re

import icalendar
import pytest
import time_machine
import vobject
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from followup.models import Interview, User
from followup.services.calendar import calendar_token_renew, feed_uid
from followup.services.companies import company_update
from followup.services.contacts import contact_delete
from letters.models import Letter
from letters.services import letter_mark_sent
from tests.factories import InterviewFactory, UserFactory, interview_form_data
from tests.followup.test_interview_form import field_value
from tests.reminders.helpers import announce, record_interview

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 9, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def berliner(frozen, user):
    user.time_zone = "Europe/Berlin"
    user.save()
    return user


def feed_path(user: User) -> str:
    return f"/calendar/{user.calendar_token}.ics"


def read_feed(client, user) -> icalendar.Calendar:
    response = client.get(feed_path(user))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events_by_uid(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


# The settings page ---------------------------------------------------------------------------------------


def test_turning_the_feed_on_shows_its_address_a_copy_button_and_a_qr_code(signed_in, user):
    page = signed_in.get("/settings/").content.decode()
    assert "Turn on the calendar feed" in page
    assert "webcal://" not in page

    response = signed_in.post("/settings/calendar/", {"action": "renew"}, follow=True)

    user.refresh_from_db()
    page = response.content.decode()
    assert len(user.calendar_token) >= 40
    site = django_settings.SITE_URL.split("://", 1)[1]
    assert f'value="webcal://{site}/calendar/{user.calendar_token}.ics"' in page
    assert 'data-copy-target="calendar-url"' in page
    assert "<svg" in page and "QR code" in page
    assert "Your calendar feed is on" in page


def test_a_new_address_retires_the_old_one(signed_in, user, client):
    calendar_token_renew(user=user)
    old = feed_path(user)

    signed_in.post("/settings/calendar/", {"action": "renew"})

    user.refresh_from_db()
    assert Client().get(old).status_code == 404
    assert Client().get(feed_path(user)).status_code == 200


def test_turning_the_feed_off_makes_its_address_404(signed_in, user):
    calendar_token_renew(user=user)
    path = feed_path(user)

    signed_in.post("/settings/calendar/", {"action": "revoke"})

    user.refresh_from_db()
    assert user.calendar_token is None
    assert Client().get(path).status_code == 404
    assert "Turn on the calendar feed" in signed_in.get("/settings/").content.decode()


def test_the_settings_buttons_are_post_only(signed_in):
    assert signed_in.get("/settings/calendar/").status_code == 405


def test_unknown_tokens_are_404(client):
    assert client.get("/calendar/" + "x" * 43 + ".ics").status_code == 404
    assert client.get("/calendar/short.ics").status_code == 404


# What calendar apps read -----------------------------------------------------------------------------------


def test_interviews_appear_with_their_link_people_and_zone(client, berliner):
    interview = record_interview(
        user=berliner,
        ends_at=NOW + dt.timedelta(days=2),
        people=2,
        round="Final round",
        location="https://meet.google.com/abc-defg-hij",
    )
    calendar_token_renew(user=berliner)

    event = events_by_uid(read_feed(client, berliner))[feed_uid(interview.pk)]

    assert str(event["SUMMARY"]) == f"Interview: Backend Engineer at {interview.company.name} (Final round)"
    assert event["DTSTART"].dt == interview.starts_at
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert str(event["LOCATION"]) == "https://meet.google.com/abc-defg-hij"
    description = str(event["DESCRIPTION"])
    assert "Join: https://meet.google.com/abc-defg-hij" in description
    assert "Priya Singh" in description and "Sam O'Neill" in description
    assert f"/interviews/{interview.pk}/" in description


def test_the_feed_reads_the_same_in_vobject(client, berliner):
    interview = record_interview(user=berliner, ends_at=NOW - dt.timedelta(hours=5), people=1)
    calendar_token_renew(user=berliner)
    body = client.get(feed_path(berliner)).content.decode()

    parsed = vobject.readOne(body)

    events = {e.uid.value: e for e in parsed.vevent_list}
    seen = events[feed_uid(interview.pk)]
    assert seen.dtstart.value == interview.starts_at
    assert seen.dtstart.value.utcoffset() == dt.timedelta(hours=1)  # Berlin in March, before the change
    assert seen.summary.value.startswith("Interview: Backend Engineer at ")
    thank_you = [e for uid, e in events.items() if uid.startswith("reminder-")]
    assert thank_you and thank_you[0].summary.value.startswith("Send thank-yous: Priya Singh")


def test_reminder_events_name_only_the_people_still_to_write_to(client, berliner):
    interview = record_interview(user=berliner, ends_at=NOW - dt.timedelta(hours=5), people=2)
    calendar_token_renew(user=berliner)
    summaries = [str(e["SUMMARY"]) for e in read_feed(client, berliner).walk("VEVENT")]
    assert f"Send thank-yous: Priya Singh, Sam O'Neill ({interview.company.name})" in summaries

    priya = Letter.objects.get(interview=interview, contact__name="Priya Singh", kind=Letter.Kind.THANK_YOU)
    letter_mark_sent(letter=priya, sent_on=NOW.date())

    summaries = [str(e["SUMMARY"]) for e in read_feed(client, berliner).walk("VEVENT")]
    assert f"Send thank-yous: Sam O'Neill ({interview.company.name})" in summaries
    assert not any("Priya Singh" in s for s in summaries if s.startswith("Send"))


def test_follow_ups_appear_at_the_reminder_hour_on_the_day_they_are_due(client, berliner):
    interview = record_interview(user=berliner, ends_at=NOW - dt.timedelta(hours=5), people=1)
    for letter in Letter.objects.filter(interview=interview, kind=Letter.Kind.THANK_YOU):
        letter_mark_sent(letter=letter, sent_on=NOW.date())
    calendar_token_renew(user=berliner)

    follow_ups = [
        e for e in read_feed(client, berliner).walk("VEVENT") if str(e["SUMMARY"]).startswith("Follow up")
    ]

    assert len(follow_ups) == 1
    start = follow_ups[0]["DTSTART"].dt
    assert (start.hour, start.minute) == (9, 0)
    assert start.weekday() < 5
    assert follow_ups[0]["DTEND"].dt - start == dt.timedelta(minutes=15)


def test_a_change_moves_the_events_sequence_and_shows_at_once(client, berliner):
    interview = record_interview(user=berliner, ends_at=NOW + dt.timedelta(days=3), people=1)
    calendar_token_renew(user=berliner)
    uid = feed_uid(interview.pk)
    before = events_by_uid(read_feed(client, berliner))[uid]

    with time_machine.travel(NOW + dt.timedelta(minutes=5), tick=False):
        Interview.objects.filter(pk=interview.pk).update(
            starts_at=interview.starts_at + dt.timedelta(hours=2),
            ends_at=interview.ends_at + dt.timedelta(hours=2),
            updated_at=timezone.now(),
        )
        announce(interview, "times")
        after = events_by_uid(read_feed(client, berliner))[uid]

    assert after["DTSTART"].dt == before["DTSTART"].dt + dt.timedelta(hours=2)
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])


def test_a_renamed_company_and_a_person_who_left_show_in_the_feed_at_once(client, berliner):
    interview = record_interview(user=berliner, ends_at=NOW + dt.timedelta(days=3), people=2)
    calendar_token_renew(user=berliner)
    uid = feed_uid(interview.pk)
    before = events_by_uid(read_feed(client, berliner))[uid]
    leaving = interview.participants.order_by("position").last().contact

    company_update(
        company=interview.company,
        name="Renamed Industries",
        website="",
        notes="",
        expected_version=interview.company.version,
    )
    contact_delete(contact=leaving)
    after = events_by_uid(read_feed(client, berliner))[uid]

    assert "Renamed Industries" in str(after["SUMMARY"])
    assert leaving.name in str(before["DESCRIPTION"]) and leaving.name not in str(after["DESCRIPTION"])
    assert int(after["SEQUENCE"]) >= int(before["SEQUENCE"])


def test_the_feed_holds_nothing_of_anyone_else(client, berliner, other_user):
    record_interview(user=other_user, ends_at=NOW - dt.timedelta(hours=5), people=2, role="Secret Role")
    mine = record_interview(user=berliner, ends_at=NOW - dt.timedelta(hours=5), people=1)
    calendar_token_renew(user=berliner)

    body = client.get(feed_path(berliner)).content.decode()

    assert "Secret Role" not in body
    assert set(events_by_uid(icalendar.Calendar.from_ical(body))) >= {feed_uid(mine.pk)}
    assert all(
        f"/interviews/{mine.pk}/" in str(e["DESCRIPTION"])
        for e in icalendar.Calendar.from_ical(body).walk("VEVENT")
    )


def test_cancelled_interviews_are_cancelled_events(client, berliner):
    interview = InterviewFactory(user=berliner, status=Interview.Status.CANCELLED)
    calendar_token_renew(user=berliner)

    event = events_by_uid(read_feed(client, berliner))[feed_uid(interview.pk)]

    assert str(event["STATUS"]) == "CANCELLED"


# Cost: cached, conditional, constant queries, rate-limited --------------------------------------------------


def feed_queries(client, user) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(feed_path(user)).status_code == 200
    return len(captured)


def test_the_feed_runs_a_constant_number_of_queries(client, frozen):
    small, large = UserFactory(), UserFactory()
    for user, count in ((small, 1), (large, 12)):
        for n in range(count):
            record_interview(user=user, ends_at=NOW - dt.timedelta(days=n, hours=3), people=2)
        calendar_token_renew(user=user)

    built = [feed_queries(client, small), feed_queries(client, large)]
    cached = [feed_queries(client, small), feed_queries(client, large)]

    assert built[0] == built[1]
    assert cached[0] == cached[1] < built[0]
    assert built[1] <= 12


def test_an_unchanged_feed_answers_not_modified(client, berliner):
    record_interview(user=berliner, ends_at=NOW - dt.timedelta(hours=5), people=1)
    calendar_token_renew(user=berliner)
    first = client.get(feed_path(berliner))

    again = client.get(feed_path(berliner), headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 304


def test_calendar_apps_that_ask_for_gzip_get_the_same_feed_compressed(client, berliner):
    record_interview(user=berliner, ends_at=NOW - dt.timedelta(hours=5), people=1, role="Compressed Role")
    calendar_token_renew(user=berliner)

    plain = client.get(feed_path(berliner))
    packed = client.get(feed_path(berliner), headers={"Accept-Encoding": "gzip, deflate"})
    refused = client.get(feed_path(berliner), headers={"Accept-Encoding": "gzip;q=0, identity"})

    assert "Compressed Role" in plain.content.decode()
    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content)
    assert not refused.has_header("Content-Encoding") and refused.content == plain.content


def test_the_feed_is_rate_limited(client, user, settings):
    settings.CALENDAR_FEED_RATE_LIMIT = 3
    calendar_token_renew(user=user)

    codes = [client.get(feed_path(user)).status_code for _ in range(4)]

    assert codes == [200, 200, 200, 429]


def test_guessing_tokens_is_rate_limited_too(client, settings):
    settings.CALENDAR_FEED_RATE_LIMIT = 2

    codes = [client.get(f"/calendar/{n:043d}.ics").status_code for n in range(6)]

    assert codes[:2] == [404, 404] and codes[-1] == 429


# One interview's download, and the round trip back in ---------------------------------------------------------


def test_an_interview_downloads_as_one_ics_event(signed_in, berliner):
    interview = record_interview(user=berliner, ends_at=NOW + dt.timedelta(days=1), people=1)

    response = signed_in.get(f"/interviews/{interview.pk}/calendar.ics")

    assert response["Content-Disposition"] == f'attachment; filename="interview-{interview.pk}.ics"'
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [feed_uid(interview.pk)]
    assert (
        f'href="/interviews/{interview.pk}/calendar.ics"'
        in signed_in.get(f"/interviews/{interview.pk}/").content.decode()
    )


def test_an_event_from_the_feed_imports_into_a_new_account_as_the_same_interview(client, berliner):
    interview = record_interview(
        user=berliner,
        ends_at=NOW + dt.timedelta(days=2),
        people=1,
        round="Second round",
        location="https://us02web.zoom.us/j/81234567890",
    )
    calendar_token_renew(user=berliner)
    feed = client.get(feed_path(berliner)).content
    newcomer = UserFactory(time_zone="Europe/Berlin")
    client.force_login(newcomer)

    page = client.post(
        "/interviews/new/",
        {**interview_form_data(), "import_invite": "1", "invite_file": SimpleUploadedFile("f.ics", feed)},
    ).content.decode()
    # The feed holds the interview and its thank-you day: pick the interview.
    if 'name="invite_choice"' in page:
        page = client.post(
            "/interviews/new/",
            {
                **interview_form_data(),
                "import_invite": "1",
                "invite_saved": feed.decode(),
                "invite_choice": feed_uid(interview.pk),
            },
        ).content.decode()

    assert field_value(page, "role") == "Backend Engineer"
    assert field_value(page, "company_name") == interview.company.name
    assert field_value(page, "round") == "Second round"
    assert field_value(page, "location") == "https://us02web.zoom.us/j/81234567890"
    local = timezone.localtime(interview.starts_at, timezone=newcomer.zone)
    assert field_value(page, "starts_at") == local.strftime("%Y-%m-%dT%H:%M")


def test_an_event_from_the_feed_opens_the_owners_interview(client, berliner):
    interview = record_interview(user=berliner, ends_at=NOW + dt.timedelta(days=2), people=0)
    client.force_login(berliner)
    download = client.get(f"/interviews/{interview.pk}/calendar.ics").content

    response = client.post(
        "/interviews/new/",
        {**interview_form_data(), "import_invite": "1", "invite_file": SimpleUploadedFile("i.ics", download)},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/interviews/{interview.pk}/"


def test_the_address_on_the_settings_page_is_the_feed(signed_in, user):
    calendar_token_renew(user=user)
    page = signed_in.get("/settings/").content.decode()

    address = re.search(r'id="calendar-url" type="text" value="([^"]+)"', page).group(1)

    assert address.startswith("webcal://")
    path = "/" + address.split("://", 1)[1].split("/", 1)[1]
    assert Client().get(path).status_code == 200


def test_calendar_apps_may_ask_with_head(client, user):
    calendar_token_renew(user=user)

    assert client.head(feed_path(user)).status_code == 200
    assert client.post(feed_path(user)).status_code == 405


def test_a_letter_marked_sent_rebuilds_only_the_reminder_days(client, berliner):
    interview = record_interview(user=berliner, ends_at=NOW - dt.timedelta(hours=5), people=2)
    calendar_token_renew(user=berliner)
    built = feed_queries(client, berliner)
    cached = feed_queries(client, berliner)

    letter = Letter.objects.filter(interview=interview, kind=Letter.Kind.THANK_YOU).first()
    letter_mark_sent(letter=letter, sent_on=NOW.date())
    after_sending = feed_queries(client, berliner)

    assert cached < after_sending < built
