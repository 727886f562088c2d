"""The interviews list, the detail page, one-click status, deleting, and who may see what."""

import datetime as dt
import re

import pytest
import time_machine

from followup.models import Interview, Participant
from tests.factories import (
    CompanyFactory,
    ContactFactory,
    InterviewFactory,
    ParticipantFactory,
    bulk_interviews,
    interview_form_data,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def at(days: float, hour: int = 14) -> dt.datetime:
    return (NOW + dt.timedelta(days=days)).replace(hour=hour, minute=0)


def roles_in_order(page: str) -> list[str]:
    return re.findall(r'<a class="fw-semibold" href="/interviews/\d+/">([^<]*)</a>', page)


def test_the_list_shows_upcoming_soonest_first_then_past_latest_first(signed_in, user, frozen):
    for role, days in [("Past old", -20), ("Next week", 7), ("Past recent", -1), ("Tomorrow", 1)]:
        InterviewFactory(user=user, role=role, starts_at=at(days))

    page = signed_in.get("/interviews/").content.decode()

    assert roles_in_order(page) == ["Tomorrow", "Next week", "Past recent", "Past old"]
    assert page.index("Upcoming") < page.index("Tomorrow") < page.index(">Past<") < page.index("Past recent")
    assert "4 interviews." in page


def test_the_list_shows_times_in_the_users_zone(signed_in, user, frozen):
    user.time_zone = "Asia/Tokyo"
    user.save()
    InterviewFactory(user=user, starts_at=dt.datetime(2026, 3, 3, 5, 0, tzinfo=dt.UTC))

    page = signed_in.get("/interviews/").content.decode()

    assert "Tue 3 Mar, 14:00" in page
    assert "15:00</time>" in page


def test_a_past_year_is_shown_with_the_date(signed_in, user, frozen):
    InterviewFactory(user=user, starts_at=dt.datetime(2025, 12, 30, 9, 0, tzinfo=dt.UTC))

    assert "Tue 30 Dec 2025, 09:00" in signed_in.get("/interviews/").content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("backend", ["Backend Engineer"]),
        ("GLOBEX", ["Data Analyst"]),
        ("priya", ["Backend Engineer"]),
        ("acme singh", ["Backend Engineer"]),
        ("nobody", []),
    ],
)
def test_search_matches_role_company_and_people(signed_in, user, frozen, query, expected):
    acme = InterviewFactory(
        user=user, role="Backend Engineer", company=CompanyFactory(user=user, name="Acme")
    )
    ParticipantFactory(
        interview=acme, contact=ContactFactory(user=user, company=acme.company, name="Priya Singh")
    )
    ParticipantFactory(
        interview=acme, contact=ContactFactory(user=user, company=acme.company, name="Sam Singh")
    )
    InterviewFactory(user=user, role="Data Analyst", company=CompanyFactory(user=user, name="Globex"))

    page = signed_in.get("/interviews/", {"q": query}).content.decode()

    assert roles_in_order(page) == expected
    if not expected:
        assert "No interviews match." in page


def test_status_filter_counts_an_ended_scheduled_interview_as_awaiting_reply(signed_in, user, frozen):
    InterviewFactory(user=user, role="Ended", starts_at=at(-1))
    InterviewFactory(user=user, role="Ahead", starts_at=at(2))
    InterviewFactory(user=user, role="Marked", starts_at=at(-3), status="awaiting_reply")
    InterviewFactory(user=user, role="Offer", starts_at=at(-5), status="offer")

    def roles(status):
        return roles_in_order(signed_in.get("/interviews/", {"status": status}).content.decode())

    assert roles("awaiting_reply") == ["Ended", "Marked"]
    assert roles("scheduled") == ["Ahead"]
    assert roles("offer") == ["Offer"]


def test_company_and_date_filters_use_the_users_zone(signed_in, user, frozen):
    user.time_zone = "America/New_York"
    user.save()
    acme = CompanyFactory(user=user, name="Acme")
    # 02:00 UTC on 5 March is still 4 March in New York.
    InterviewFactory(
        user=user, company=acme, role="Late on the 4th", starts_at=dt.datetime(2026, 3, 5, 2, tzinfo=dt.UTC)
    )
    InterviewFactory(
        user=user, company=acme, role="On the 5th", starts_at=dt.datetime(2026, 3, 5, 15, tzinfo=dt.UTC)
    )
    InterviewFactory(user=user, role="Elsewhere", starts_at=dt.datetime(2026, 3, 5, 15, tzinfo=dt.UTC))

    page = signed_in.get(
        "/interviews/", {"company": acme.pk, "date_from": "2026-03-05", "date_to": "2026-03-05"}
    ).content.decode()

    assert roles_in_order(page) == ["On the 5th"]
    assert "1 interview matches." in page
    assert "Clear search and filters" in page


@pytest.mark.parametrize(
    "params",
    [
        {"company": "99999999999999999999999"},
        {"company": "abc"},
        {"status": "<b>"},
        {"date_from": "2026-02-31", "date_to": "tomorrow"},
        {"date_from": "2026-03-09", "date_to": "2026-03-01"},
        {"page": "99"},
        {"page": "-1"},
        {"page": "x"},
        {"q": "\x00 %_ ' \" <script>"},
    ],
)
def test_bad_filter_values_show_the_page_with_every_interview(signed_in, user, frozen, params):
    InterviewFactory(user=user, role="Still listed")

    response = signed_in.get("/interviews/", params)

    assert response.status_code == 200
    if "q" not in params:
        assert roles_in_order(response.content.decode()) == ["Still listed"]


def test_another_users_company_is_not_a_filter(signed_in, user, other_user, frozen):
    theirs = InterviewFactory(user=other_user, role="Theirs")
    InterviewFactory(user=user, role="Mine")

    page = signed_in.get("/interviews/", {"company": theirs.company_id}).content.decode()

    assert roles_in_order(page) == ["Mine"]
    assert "Pick a company from the list." in page
    assert "Theirs" not in page


def test_the_list_is_paginated_by_25_keeping_the_filters(signed_in, user, frozen):
    bulk_interviews(user=user, count=30, start=at(-40), step=dt.timedelta(days=1), people=0)

    first = signed_in.get("/interviews/", {"q": "role"}).content.decode()
    second = signed_in.get("/interviews/", {"q": "role", "page": 2}).content.decode()

    assert len(roles_in_order(first)) == 25
    assert len(roles_in_order(second)) == 5
    assert '<nav aria-label="Pages"' in first
    assert 'href="?q=role&amp;page=2"' in first
    assert "30 interviews match." in first


def test_a_page_that_spans_upcoming_and_past_continues_each_in_order(signed_in, user, frozen):
    # 20 upcoming (Role 0 tomorrow, Role 19 in 20 days) and 20 past (Role 0 yesterday, going back).
    ahead = bulk_interviews(user=user, count=20, start=at(1), step=dt.timedelta(days=1), people=1)
    behind = bulk_interviews(user=user, count=20, start=at(-1), step=-dt.timedelta(days=1), people=1)
    # One past interview still under way counts as upcoming until it ends.
    under_way = InterviewFactory(user=user, role="Under way", starts_at=NOW - dt.timedelta(minutes=30))

    first = signed_in.get("/interviews/").content.decode()
    second = signed_in.get("/interviews/", {"page": 2}).content.decode()

    expected = [under_way.role] + [i.role for i in ahead] + [i.role for i in behind]
    assert roles_in_order(first) + roles_in_order(second) == expected
    assert len(roles_in_order(first)) == 25
    assert first.index("Upcoming") < first.index(">Past<")
    assert ">Past<" in second and "Upcoming" not in second
    assert "41 interviews." in first


def test_an_empty_list_says_what_to_do_next(signed_in):
    page = signed_in.get("/interviews/").content.decode()

    assert "You have not recorded any interviews yet." in page
    assert "Record your first interview" in page


def test_the_list_never_shows_another_users_interviews(signed_in, other_user):
    InterviewFactory(user=other_user, role="Secret role")

    assert "Secret role" not in signed_in.get("/interviews/").content.decode()


@pytest.mark.parametrize("count", [5, 500])
def test_the_list_runs_the_same_queries_for_5_or_500_interviews(
    signed_in, user, frozen, django_assert_max_num_queries, count
):
    bulk_interviews(user=user, count=count // 2, start=at(1), step=dt.timedelta(hours=3))
    bulk_interviews(user=user, count=count - count // 2, start=at(-1), step=-dt.timedelta(hours=3))

    # Three more on a first visit: the data stamp and the next change (page_cache).
    with django_assert_max_num_queries(11):
        response = signed_in.get("/interviews/", {"q": "role", "status": "scheduled"})
    with django_assert_max_num_queries(11):
        signed_in.get("/interviews/", {"page": 2})

    assert response.status_code == 200


def test_the_detail_page_ties_the_interview_together(signed_in, user, frozen):
    interview = InterviewFactory(
        user=user,
        role="Backend Engineer",
        company=CompanyFactory(user=user, name="Acme"),
        starts_at=dt.datetime(2026, 3, 3, 14, 0, tzinfo=dt.UTC),
        decision_date=dt.date(2026, 3, 20),
        location="https://meet.example/abc",
        missed_point="my open-source work",
    )
    priya = ParticipantFactory(interview=interview, discussed="the on-call rota", position=0).contact
    sam = ParticipantFactory(interview=interview, discussed="", position=1).contact

    page = signed_in.get(f"/interviews/{interview.pk}/").content.decode()

    assert page.count("<h1") == 1
    assert f'href="/companies/{interview.company_id}/">Acme</a>' in page
    assert f'href="/contacts/{priya.pk}/">{priya.name}</a>' in page
    assert f'href="/contacts/{sam.pk}/">{sam.name}</a>' in page
    assert page.index(priya.name) < page.index(sam.name)
    assert "the on-call rota" in page
    assert "Nothing noted about what you discussed." in page
    assert "Tue 3 Mar, 14:00" in page
    assert "Decision expected by Fri 20 Mar 2026" in page
    assert '<a href="https://meet.example/abc"' in page
    assert "my open-source work" in page
    assert "Awaiting reply" in page
    assert f'href="/interviews/{interview.pk}/edit/"' in page


def test_status_is_one_click_and_goes_back(signed_in, user):
    interview = InterviewFactory(user=user)

    response = signed_in.post(f"/interviews/{interview.pk}/status/", {"status": "next_round", "next": "/"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    interview.refresh_from_db()
    assert interview.status == "next_round"
    assert "marked “Next round”" in signed_in.get("/").content.decode()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""])
def test_status_never_redirects_off_the_site(signed_in, user, target):
    interview = InterviewFactory(user=user)

    response = signed_in.post(f"/interviews/{interview.pk}/status/", {"status": "offer", "next": target})

    assert response["Location"] == f"/interviews/{interview.pk}/"


def test_an_unknown_status_changes_nothing(signed_in, user):
    interview = InterviewFactory(user=user)

    response = signed_in.post(f"/interviews/{interview.pk}/status/", {"status": "hired"})

    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.status == "scheduled"
    assert "That status was not recognised" in signed_in.get(response["Location"]).content.decode()


def test_status_needs_a_post(signed_in, user):
    interview = InterviewFactory(user=user)

    assert signed_in.get(f"/interviews/{interview.pk}/status/?status=offer").status_code == 405
    interview.refresh_from_db()
    assert interview.status == "scheduled"


def test_delete_asks_first_then_deletes(signed_in, user):
    participant = ParticipantFactory(interview=InterviewFactory(user=user, role="Backend Engineer"))
    interview = participant.interview
    path = f"/interviews/{interview.pk}/delete/"

    page = signed_in.get(path).content.decode()
    assert "Delete this interview?" in page
    assert "its letter drafts and reminders will be deleted too." in page.lower()
    assert Interview.objects.filter(pk=interview.pk).exists()

    response = signed_in.post(path)

    assert response.status_code == 302
    assert response["Location"] == "/interviews/"
    assert not Interview.objects.filter(pk=interview.pk).exists()
    assert not Participant.objects.filter(pk=participant.pk).exists()
    assert "Deleted the interview for Backend Engineer" in signed_in.get("/interviews/").content.decode()


@pytest.mark.parametrize("action", ["", "edit/", "delete/", "status/"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_users_interview_is_not_found_and_unchanged(signed_in, other_user, action, method):
    theirs = InterviewFactory(user=other_user, role="Their role", topics="their notes")
    ParticipantFactory(interview=theirs)
    path = f"/interviews/{theirs.pk}/{action}"
    data = interview_form_data(role="Hijacked", status="offer") if method == "post" else {}
    if action == "status/":
        data = {"status": "offer"}

    response = getattr(signed_in, method)(path, data)

    assert response.status_code == 404
    assert "Their role" not in response.content.decode()
    theirs.refresh_from_db()
    assert (theirs.role, theirs.status, theirs.topics) == ("Their role", "scheduled", "their notes")
    assert theirs.participants.count() == 1


def test_a_missing_interview_is_not_found(signed_in):
    assert signed_in.get("/interviews/99999999999999999999/").status_code == 404
