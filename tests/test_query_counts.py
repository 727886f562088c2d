"""Detail pages and the letter editor run as many queries for a small account as for a large one."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from followup.models import Interview, Participant
from letters.models import Letter
from tests.factories import CompanyFactory, ContactFactory, UserFactory
from tests.reminders.helpers import announce, record_interview

pytestmark = pytest.mark.django_db


def grow(user, *, interviews: int, people: int) -> Interview:
    """An account whose first company has `interviews` interviews of `people` people each; returns one."""
    company = CompanyFactory(user=user, name="Growing Co")
    contacts = [ContactFactory(user=user, company=company, name=f"Person {i}") for i in range(people)]
    first = None
    for n in range(interviews):
        interview = record_interview(
            user=user, ends_at=timezone.now() - dt.timedelta(days=n + 1), people=0, company=company
        )
        for position, contact in enumerate(contacts):
            Participant.objects.create(interview=interview, contact=contact, position=position, discussed="x")
        announce(interview, "people")
        first = first or interview
    return first


def pages(interview: Interview) -> list[str]:
    contact = interview.participants.first().contact
    letter = Letter.objects.filter(interview=interview).first()
    return [
        f"/interviews/{interview.pk}/",
        f"/contacts/{contact.pk}/",
        f"/companies/{interview.company_id}/",
        f"/letters/{letter.pk}/",
        f"/letters/{letter.pk}/print/",
    ]


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_detail_pages_and_the_editor_do_not_grow_with_data(client):
    small_user, large_user = UserFactory(), UserFactory()
    small = grow(small_user, interviews=2, people=2)
    large = grow(large_user, interviews=25, people=6)
    counts = {}
    for user, interview in ((small_user, small), (large_user, large)):
        client.force_login(user)
        counts[user.pk] = [count_queries(client, url) for url in pages(interview)]
    assert counts[small_user.pk] == counts[large_user.pk], dict(
        zip(pages(small), counts[small_user.pk], strict=True)
    )
    for url, n in zip(pages(large), counts[large_user.pk], strict=True):
        assert n <= 15, f"{url} ran {n} queries"
