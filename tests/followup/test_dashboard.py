"""The signed-in home page: today's and upcoming interviews, recent ones to thank people for, status."""

import datetime as dt

import pytest
import time_machine

from followup.selectors import dashboard_data
from tests.factories import InterviewFactory, ParticipantFactory, bulk_interviews

pytestmark = pytest.mark.django_db

# A Tuesday, 15:00 in Berlin.
NOW = dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def berliner(user):
    user.time_zone = "Europe/Berlin"
    user.save()
    return user


def test_an_empty_dashboard_says_to_record_the_first_interview(signed_in):
    page = signed_in.get("/").content.decode()

    assert page.count("<h1") == 1
    assert "Record your first interview" in page
    assert 'href="/interviews/new/"' in page


def test_the_dashboard_sorts_interviews_into_today_recent_and_coming_up(signed_in, berliner, frozen):
    def hours(n):
        return NOW + dt.timedelta(hours=n)

    InterviewFactory(user=berliner, role="Later today", starts_at=hours(3))  # 18:00 Berlin
    InterviewFactory(user=berliner, role="Under way", starts_at=hours(-0.5))
    InterviewFactory(user=berliner, role="Tomorrow morning", starts_at=hours(18))  # 09:00 Berlin
    InterviewFactory(user=berliner, role="Too old", starts_at=NOW - dt.timedelta(days=15))
    recent = InterviewFactory(user=berliner, role="This morning", starts_at=hours(-5))
    ParticipantFactory(interview=recent, contact__name="Priya Singh", position=0)
    ParticipantFactory(interview=recent, contact__name="Sam O'Neil", position=1)
    InterviewFactory(user=berliner, role="Last week", starts_at=NOW - dt.timedelta(days=6))

    data = dashboard_data(user=berliner, now=NOW)
    page = signed_in.get("/").content.decode()

    assert [i.role for i in data.today] == ["Under way", "Later today"]
    assert [i.role for i in data.upcoming] == ["Tomorrow morning"]
    assert [i.role for i in data.recent] == ["This morning", "Last week"]
    assert "Too old" not in page
    assert page.index("Today") < page.index("Under way") < page.index("Later today")
    recent = page.index("send your thank-yous")
    assert recent < page.index("This morning", recent) < page.index("Last week", recent)
    assert page.index("Coming up") < page.index("Tomorrow morning")
    assert "Thank-you to:" in page
    assert "Priya Singh" in page
    assert "Sam O&#x27;Neil" in page
    assert "Wed 11 Mar, 09:00" in page  # Berlin time
    assert "Add the people you met" in page  # "Last week" has nobody yet


def test_status_buttons_on_the_dashboard_change_the_status_and_come_back(signed_in, user, frozen):
    interview = InterviewFactory(user=user, role="This morning", starts_at=NOW - dt.timedelta(hours=4))

    page = signed_in.get("/").content.decode()
    assert f'action="/interviews/{interview.pk}/status/"' in page
    assert 'name="status" value="reply_received"' in page
    # It has ended, so it already awaits a reply: no button for what it already is.
    assert 'name="status" value="awaiting_reply"' not in page

    response = signed_in.post(f"/interviews/{interview.pk}/status/", {"status": "rejected", "next": "/"})

    assert response["Location"] == "/"
    interview.refresh_from_db()
    assert interview.status == "rejected"


def test_only_old_interviews_still_offer_the_next_step(signed_in, user, frozen):
    InterviewFactory(user=user, role="Long ago", starts_at=NOW - dt.timedelta(days=60))

    page = signed_in.get("/").content.decode()

    assert "Record your first interview" not in page
    assert "No interviews in the last two weeks." in page
    assert "Record an interview" in page


def test_the_dashboard_never_shows_another_users_interviews(signed_in, other_user, frozen):
    InterviewFactory(user=other_user, role="Secret role", starts_at=NOW - dt.timedelta(hours=3))

    page = signed_in.get("/").content.decode()

    assert "Secret role" not in page
    assert "Record your first interview" in page


@pytest.mark.parametrize("count", [5, 500])
def test_the_dashboard_runs_the_same_queries_for_5_or_500_interviews(
    signed_in, user, frozen, django_assert_max_num_queries, count
):
    bulk_interviews(
        user=user, count=count // 2, start=NOW + dt.timedelta(hours=1), step=dt.timedelta(hours=2)
    )
    bulk_interviews(
        user=user, count=count - count // 2, start=NOW - dt.timedelta(hours=2), step=-dt.timedelta(hours=1)
    )

    # Three more on a first visit: the data stamp and the next change (page_cache).
    with django_assert_max_num_queries(13):
        response = signed_in.get("/")

    assert response.status_code == 200
    assert "Thank-you to:" in response.content.decode()


def test_the_dashboard_lists_thank_yous_still_to_send_and_marks_overdue_ones(signed_in, user):
    import datetime as dt

    from django.utils import timezone

    from letters.models import Letter
    from letters.services import letter_mark_sent
    from tests.reminders.helpers import record_interview

    fresh = record_interview(user=user, ends_at=timezone.now() - dt.timedelta(hours=1), people=1)
    old = record_interview(user=user, ends_at=timezone.now() - dt.timedelta(days=2), people=2)
    sent = Letter.objects.filter(interview=old, kind="thank_you").first()
    letter_mark_sent(letter=sent, sent_on=timezone.localdate())

    page = signed_in.get("/").content.decode()
    to_send = page[page.index("To send") : page.index('id="today-heading"')]
    assert to_send.count("Thank-you to") == 2  # one for the fresh interview, one left from the old
    assert to_send.count("Overdue") == 1
    assert "Sam O&#x27;Neill" in to_send  # the old interview's other person, still waiting
    assert f"/letters/{Letter.objects.get(interview=fresh).pk}/" in to_send
