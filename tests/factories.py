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
