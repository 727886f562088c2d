"""Fixtures for the letters tests: an interview with people met, announced the way the core announces it."""

import datetime as dt

import pytest
from django.db import transaction

from followup.models import Interview
from followup.signals import interview_changed
from tests.factories import CompanyFactory, ContactFactory, InterviewFactory, ParticipantFactory, UserFactory


def announce(interview, *, created=False, changes=("details",)):
    """What followup's interview service does after a change: the signal, inside the transaction."""
    with transaction.atomic():
        interview_changed.send(sender=Interview, interview=interview, created=created, changes=set(changes))


def person(interview, name, *, honorific="", address_style="formal", discussed="", email=None, position=0):
    contact = ContactFactory(
        user=interview.user,
        company=interview.company,
        name=name,
        honorific=honorific,
        address_style=address_style,
        **({"email": email} if email is not None else {}),
    )
    return ParticipantFactory(interview=interview, contact=contact, discussed=discussed, position=position)


@pytest.fixture
def user(db):
    return UserFactory(full_name="Jordan Rivera", signature="Jordan Rivera\n12 Harbour Street\nLeeds LS1 4AB")


@pytest.fixture
def interview(user):
    ends = dt.datetime(2026, 3, 3, 15, 0, tzinfo=dt.UTC)
    return InterviewFactory(
        user=user,
        company=CompanyFactory(user=user, name="Northwind Labs"),
        role="Backend Engineer",
        starts_at=ends - dt.timedelta(hours=1),
        ends_at=ends,
        topics="the billing migration",
        contribution="I have moved two payment systems to event sourcing without downtime",
    )


@pytest.fixture
def singh(interview):
    return person(
        interview,
        "Priya Singh",
        honorific="Dr.",
        discussed="how the team reviews schema changes",
        email="priya@northwind.example",
    )


@pytest.fixture
def amara(interview):
    return person(
        interview,
        "Amara Okafor",
        address_style="first_name",
        discussed="the on-call rotation",
        email="amara@northwind.example",
        position=1,
    )


@pytest.fixture
def drafted(interview, singh, amara):
    """The interview recorded with two people: a thank-you draft for each."""
    announce(interview, created=True, changes={"people", "details", "times"})
    return interview
