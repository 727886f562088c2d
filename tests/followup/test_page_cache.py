"""Signed-in pages kept whole in the cache: never outdated, never another user's, and their forms still work."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from followup.data_stamp import data_stamp
from followup.models import Company, Contact, DataStamp, Interview, Participant
from letters.models import Letter
from reminders.models import Reminder
from tests.factories import ContactFactory, InterviewFactory, ParticipantFactory, UserFactory
from tests.reminders.helpers import record_interview

pytestmark = pytest.mark.django_db

# A Tuesday, 15:00 in Berlin.
NOW = dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC)


@pytest.fixture
def berliner(user):
    user.time_zone = "Europe/Berlin"
    user.save()
    return user


def visit(client, path="/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def without_tokens(page: str) -> str:
    return re.sub(r'(name="csrfmiddlewaretoken" value=|"X-CSRFToken": )"[^"]+"', r"\1", page)


def queries_for(client, path) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        page = visit(client, path)
    return len(captured), page


@pytest.mark.parametrize("page", ["/", "/interviews/", "/reminders/", "interview", "letter"])
def test_a_second_visit_shows_the_same_page_from_the_session_the_user_and_the_stamp(signed_in, user, page):
    interview = record_interview(user=user, ends_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=3))
    path = {
        "interview": f"/interviews/{interview.pk}/",
        "letter": f"/letters/{Letter.objects.filter(interview=interview).first().pk}/",
    }.get(page, page)

    rendered, first = queries_for(signed_in, path)
    served, again = queries_for(signed_in, path)

    assert served == 3 < rendered
    assert without_tokens(again) == without_tokens(first)


def test_an_edit_shows_at_once_whatever_wrote_it(signed_in, user):
    interview = InterviewFactory(user=user, role="Data Analyst")
    assert "Data Analyst" in visit(signed_in, "/interviews/")

    # A bulk update sends no signal: the database's trigger still moves the stamp.
    Interview.objects.filter(pk=interview.pk).update(role="Senior Data Analyst")
    assert "Senior Data Analyst" in visit(signed_in, "/interviews/")

    Company.objects.filter(pk=interview.company_id).update(name="Renamed Ltd")
    assert "Renamed Ltd" in visit(signed_in, "/interviews/")

    ParticipantFactory(interview=interview, contact__name="Noor Haddad")
    assert "Noor Haddad" in visit(signed_in, f"/interviews/{interview.pk}/")
    Contact.objects.filter(name="Noor Haddad").update(name="Noor Haddad-Lee")
    assert "Noor Haddad-Lee" in visit(signed_in, f"/interviews/{interview.pk}/")

    Interview.objects.filter(pk=interview.pk).delete()
    assert "Senior Data Analyst" not in visit(signed_in, "/interviews/")


def test_a_status_click_shows_on_the_page_it_returns_to(signed_in, user):
    interview = InterviewFactory(
        user=user, starts_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=2), role="Platform Engineer"
    )
    before = visit(signed_in, "/interviews/")
    assert "Awaiting reply" in before

    response = signed_in.post(
        f"/interviews/{interview.pk}/status/", {"status": "offer", "next": "/interviews/"}, follow=True
    )

    page = response.content.decode()
    assert "marked “Offer”" in page  # the message is shown, though the page was cached before
    assert re.search(r"badge[^>]*>\s*Offer", page)
    assert re.search(r"badge[^>]*>\s*Offer", visit(signed_in, "/interviews/"))


def test_a_status_turns_as_the_interview_ends_without_any_write(signed_in, berliner):
    with time_machine.travel(NOW, tick=False):
        interview = record_interview(user=berliner, ends_at=NOW + dt.timedelta(minutes=30), role="QA Lead")
        assert "data-drafts-later" in visit(signed_in, f"/interviews/{interview.pk}/")
        assert "data-drafts-later" in visit(signed_in, f"/interviews/{interview.pk}/")  # from the cache

    with time_machine.travel(NOW + dt.timedelta(minutes=31), tick=False):
        page = visit(signed_in, f"/interviews/{interview.pk}/")
        dashboard = visit(signed_in, "/")

    assert "data-drafts-later" not in page
    assert "Awaiting reply" in page
    assert "Open draft" in dashboard  # the thank-you drafts were written as the page was rendered again


def test_a_reminder_coming_due_shows_as_due_now(signed_in, berliner):
    with time_machine.travel(NOW, tick=False):
        interview = record_interview(user=berliner, ends_at=NOW - dt.timedelta(days=6))
        Reminder.objects.filter(interview=interview).update(
            due_at=NOW + dt.timedelta(minutes=10), next_attempt_at=NOW + dt.timedelta(minutes=10)
        )
        assert "Due now" not in visit(signed_in, "/reminders/")
        assert "Due now" not in visit(signed_in, "/reminders/")

    with time_machine.travel(NOW + dt.timedelta(minutes=11), tick=False):
        assert "Due now" in visit(signed_in, "/reminders/")


def test_at_midnight_tomorrows_interview_moves_to_today(signed_in, berliner):
    with time_machine.travel(NOW, tick=False):
        InterviewFactory(user=berliner, role="Morning Chat", starts_at=NOW + dt.timedelta(hours=19))  # 10:00
        page = visit(signed_in, "/")
        assert page.index("Coming up") < page.index("Morning Chat")

    with time_machine.travel(dt.datetime(2026, 3, 10, 23, 1, tzinfo=dt.UTC), tick=False):  # 00:01 Berlin
        page = visit(signed_in, "/")
        assert page.index("Today") < page.index("Morning Chat") < page.index("Coming up")


def test_one_users_page_never_serves_another(client, user, other_user):
    InterviewFactory(user=user, role="Mine Only")
    InterviewFactory(user=other_user, role="Theirs Only")
    client.force_login(user)
    assert "Mine Only" in visit(client, "/interviews/")

    client.force_login(other_user)
    page = visit(client, "/interviews/")

    assert "Theirs Only" in page and "Mine Only" not in page


def test_forms_on_a_cached_page_carry_a_token_that_works_after_signing_in_again(user):
    interview = InterviewFactory(user=user, starts_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=2))
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    visit(browser, "/interviews/")
    browser.logout()
    browser.force_login(user)  # a new session: a new CSRF secret

    page = visit(browser, "/interviews/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    response = browser.post(
        f"/interviews/{interview.pk}/status/",
        {"csrfmiddlewaretoken": token.group(1), "status": "offer", "next": "/interviews/"},
    )

    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.status == Interview.Status.OFFER


def test_pages_render_without_redis(signed_in, user, settings):
    InterviewFactory(user=user, role="Still Here")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
        }
    }

    assert "Still Here" in visit(signed_in, "/interviews/")


def test_each_kind_of_row_moves_only_its_owners_stamp(user, other_user):
    def moves(change) -> bool:
        before = data_stamp(user_id=user.pk), data_stamp(user_id=other_user.pk)
        change()
        after = data_stamp(user_id=user.pk), data_stamp(user_id=other_user.pk)
        assert after[1] == before[1], "another user's stamp moved"
        return after[0] > before[0]

    interview = record_interview(user=user, ends_at=NOW, people=1)
    participant = Participant.objects.get(interview=interview)
    assert moves(lambda: ContactFactory(user=user, company=interview.company))
    assert moves(lambda: Company.objects.filter(pk=interview.company_id).update(website="https://x.example"))
    assert moves(lambda: Participant.objects.filter(pk=participant.pk).update(discussed="the roadmap"))
    assert moves(lambda: Letter.objects.filter(interview=interview).update(subject="Thank you"))
    assert moves(lambda: Reminder.objects.filter(interview=interview).update(attempts=1))
    assert moves(lambda: type(user).objects.filter(pk=user.pk).update(time_zone="Asia/Tokyo"))
    assert moves(lambda: Participant.objects.filter(pk=participant.pk).delete())
    assert moves(lambda: Interview.objects.filter(pk=interview.pk).delete())


@pytest.mark.django_db(transaction=True)
def test_the_stamp_moves_when_the_change_commits():
    user = UserFactory()
    interview = InterviewFactory(user=user)
    before = data_stamp(user_id=user.pk)

    with transaction.atomic():
        Interview.objects.filter(pk=interview.pk).update(role="Changed")
        # Deferred to commit: the stamp's row is locked only as the transaction ends.
        assert data_stamp(user_id=user.pk) == before

    assert data_stamp(user_id=user.pk) > before


def test_every_user_has_a_stamp_from_the_start_for_the_sweeper_to_hold():
    user = UserFactory()

    assert DataStamp.objects.filter(user_id=user.pk).exists()
