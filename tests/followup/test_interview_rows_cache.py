"""The interviews page keeps its rows in the cache: every change shows at once, and no user sees another's."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.cache import cache

from followup.models import Company, Contact, Interview
from tests.factories import InterviewFactory, ParticipantFactory, interview_form_data

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def listed(client) -> str:
    return client.get("/interviews/").content.decode()


def test_an_edit_shows_at_once(signed_in, user, frozen):
    interview = InterviewFactory(user=user, role="Backend Engineer", starts_at=NOW + dt.timedelta(days=2))
    person = ParticipantFactory(interview=interview).contact
    assert "Backend Engineer" in listed(signed_in)  # the row is cached now

    data = interview_form_data(
        company_name=interview.company.name,
        role="Staff Engineer",
        starts_at="2026-03-12T14:00",
        ends_at="2026-03-12T15:00",
        people=[{"contact": person.pk, "discussed": ""}],
        initial_people=1,
    )
    assert signed_in.post(f"/interviews/{interview.pk}/edit/", data).status_code == 302

    page = listed(signed_in)
    assert "Staff Engineer" in page and "Backend Engineer" not in page


def test_a_one_click_status_shows_at_once(signed_in, user, frozen):
    interview = InterviewFactory(user=user, starts_at=NOW - dt.timedelta(days=2))
    assert ">Awaiting reply</span>" in listed(signed_in)

    signed_in.post(f"/interviews/{interview.pk}/status/", {"status": Interview.Status.OFFER})

    page = listed(signed_in)
    assert ">Offer</span>" in page and ">Awaiting reply</span>" not in page


def test_a_renamed_company_or_person_shows_at_once_even_without_a_new_version(signed_in, user, frozen):
    interview = InterviewFactory(user=user, starts_at=NOW - dt.timedelta(days=2))
    person = ParticipantFactory(interview=interview).contact
    assert person.name in listed(signed_in)

    # Written behind the pages' backs (as a bulk update would): the rows still cannot be stale.
    Company.objects.filter(pk=interview.company_id).update(name="Renamed Corp")
    Contact.objects.filter(pk=person.pk).update(name="Renamed Person")

    page = listed(signed_in)
    assert "Renamed Corp" in page and "Renamed Person" in page


def test_a_scheduled_interview_turns_to_awaiting_reply_when_it_ends(signed_in, user, frozen):
    InterviewFactory(
        user=user,
        status=Interview.Status.SCHEDULED,
        starts_at=NOW + dt.timedelta(minutes=30),
        ends_at=NOW + dt.timedelta(minutes=90),
    )
    before = listed(signed_in)
    assert ">Scheduled</span>" in before and ">Awaiting reply</span>" not in before

    frozen.shift(dt.timedelta(hours=2))

    page = listed(signed_in)
    assert ">Awaiting reply</span>" in page and ">Scheduled</span>" not in page


def test_a_new_time_zone_shows_at_once(signed_in, user, frozen):
    InterviewFactory(user=user, starts_at=dt.datetime(2026, 3, 3, 5, 0, tzinfo=dt.UTC))
    assert "Tue 3 Mar, 05:00" in listed(signed_in)

    user.time_zone = "Asia/Tokyo"
    user.save()

    assert "Tue 3 Mar, 14:00" in listed(signed_in)


def test_no_user_is_shown_another_users_cached_rows(client, user, other_user, frozen):
    # Two interviews alike in every field shown, one each.
    when = NOW - dt.timedelta(days=1)
    mine = InterviewFactory(user=user, role="Same role", starts_at=when)
    theirs = InterviewFactory(user=other_user, role="Same role", starts_at=when)
    Company.objects.filter(pk__in=[mine.company_id, theirs.company_id]).update(name="Same company")

    client.force_login(other_user)
    their_page = listed(client)
    client.force_login(user)
    my_page = listed(client)

    assert f"/interviews/{mine.pk}/" in my_page and f"/interviews/{theirs.pk}/" not in my_page
    assert f"/interviews/{theirs.pk}/" in their_page and f"/interviews/{mine.pk}/" not in their_page


def test_cached_rows_keep_the_page_to_the_same_queries(
    signed_in, user, frozen, django_assert_max_num_queries
):
    for days in range(-3, 3):
        ParticipantFactory(
            interview=InterviewFactory(user=user, starts_at=NOW + dt.timedelta(days=days, hours=3))
        )

    # Three more on a first visit: the data stamp and the next change (page_cache).
    with django_assert_max_num_queries(11):
        first = listed(signed_in)
    with django_assert_max_num_queries(11):
        again = listed(signed_in)

    rows = re.findall(r'<li class="list-group-item.*?</li>', first, flags=re.S)
    assert len(rows) == 6
    assert rows == re.findall(r'<li class="list-group-item.*?</li>', again, flags=re.S)


def test_the_page_shows_every_row_when_the_cache_cannot_be_reached(signed_in, user, frozen, settings):
    InterviewFactory(user=user, role="Still listed", starts_at=NOW - dt.timedelta(days=1))
    # Nothing listens on port 1: every cache call fails at once.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    response = signed_in.get("/interviews/")

    assert response.status_code == 200
    assert "Still listed" in response.content.decode()
