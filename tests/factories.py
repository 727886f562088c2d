"""factory-boy factories for the project's models."""

import datetime as dt

import factory
from django.utils import timezone

from followup.models import Company, Contact, Interview, Participant, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"seeker{n}@example.com")
    full_name = factory.Sequence(lambda n: f"Jordan Seeker{n}")
    time_zone = "UTC"
    signature = "Jordan Seeker\n+1 555 0100"
    onboarded_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Acme {n}")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    user = factory.SubFactory(UserFactory)
    company = factory.SubFactory(CompanyFactory, user=factory.SelfAttribute("..user"))
    name = factory.Sequence(lambda n: f"Priya Singh{n}")
    title = "Engineering Manager"
    email = factory.Sequence(lambda n: f"contact{n}@acme.example")


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interview

    user = factory.SubFactory(UserFactory)
    company = factory.SubFactory(CompanyFactory, user=factory.SelfAttribute("..user"))
    role = "Backend Engineer"
    starts_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=3))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=1))
    topics = "scaling the billing service"


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    interview = factory.SubFactory(InterviewFactory)
    contact = factory.SubFactory(
        ContactFactory,
        user=factory.SelfAttribute("..interview.user"),
        company=factory.SelfAttribute("..interview.company"),
    )
    discussed = "how the team ships small changes daily"


# --- Interview form and list helpers (interview pages) ---------------------------------------------


def interview_form_data(*, people: list[dict] | None = None, initial_people: int = 0, **fields) -> dict:
    """POST data for the interview form: a complete interview, then `fields` on top, then people rows.

    Each person is a dict of row fields (contact, name, title, email, discussed, DELETE).
    """
    data = {
        "company_name": "Acme",
        "role": "Backend Engineer",
        "round": "First round",
        "format": "video",
        "starts_at": "2026-03-03T14:00",
        "ends_at": "2026-03-03T15:00",
        "location": "",
        "topics": "",
        "missed_point": "",
        "why_role": "",
        "contribution": "",
        "decision_date": "",
        "status": "scheduled",
        "notes": "",
    }
    data.update(fields)
    people = people or []
    data.update(
        {
            "people-TOTAL_FORMS": str(len(people)),
            "people-INITIAL_FORMS": str(initial_people),
            "people-MIN_NUM_FORMS": "0",
            "people-MAX_NUM_FORMS": "20",
        }
    )
    for index, row in enumerate(people):
        for key in ("contact", "name", "title", "email", "discussed"):
            data[f"people-{index}-{key}"] = str(row.get(key, ""))
        if row.get("DELETE"):
            data[f"people-{index}-DELETE"] = "on"
    return data


def bulk_interviews(*, user, count: int, start: dt.datetime, step: dt.timedelta, people: int = 2) -> list:
    """`count` interviews one `step` apart from `start`, each with `people` participants: fast, for
    query-count tests (bulk_create, no signals)."""
    company = CompanyFactory(user=user)
    contacts = Contact.objects.bulk_create(
        Contact(user=user, company=company, name=f"Person {n}") for n in range(people)
    )
    interviews = Interview.objects.bulk_create(
        Interview(
            user=user,
            company=company,
            role=f"Role {n}",
            starts_at=start + n * step,
            ends_at=start + n * step + dt.timedelta(hours=1),
        )
        for n in range(count)
    )
    Participant.objects.bulk_create(
        Participant(interview=interview, contact=contact, position=position)
        for interview in interviews
        for position, contact in enumerate(contacts)
    )
    return interviews
