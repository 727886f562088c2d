"""`manage.py demo` and followup.demo: the demo account, refreshing it, and bulk benchmark data."""

import datetime as dt
import io

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db.models import Count, F

from followup import demo, signals
from followup.management.commands.demo import DEMO_EXTENSIONS
from followup.models import Company, Contact, Interview, Participant, User
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 4, 15, 30, tzinfo=dt.UTC)
PASSWORD = "demo password 123"


def demo_user() -> User:
    return User.objects.get(email=demo.DEMO_EMAIL)


def test_command_creates_the_account_and_says_how_to_sign_in(client):
    out = io.StringIO()
    call_command("demo", "--password", PASSWORD, stdout=out)
    printed = out.getvalue()
    assert demo.DEMO_EMAIL in printed
    assert PASSWORD in printed
    assert "/accounts/login/" in printed

    user = demo_user()
    assert user.onboarded_at is not None
    assert user.full_name and user.signature and user.time_zone != "UTC"
    assert EmailAddress.objects.get(user=user).verified

    # The printed email and password sign in, straight to the dashboard.
    response = client.post("/accounts/login/", {"login": demo.DEMO_EMAIL, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_command_makes_up_a_password_when_none_is_given():
    out = io.StringIO()
    call_command("demo", stdout=out)
    password = out.getvalue().split("password:")[1].strip()
    assert len(password) >= 12
    assert demo_user().check_password(password)


def test_demo_data_is_realistic_and_covers_every_status():
    demo.build_demo(extensions=DEMO_EXTENSIONS, password=PASSWORD, now=NOW)
    user = demo_user()
    interviews = Interview.objects.filter(user=user)

    assert {i.status for i in interviews} | {i.current_status(NOW) for i in interviews} >= set(
        Interview.Status.values
    )
    assert interviews.filter(starts_at__lt=NOW - dt.timedelta(days=7)).exists()
    assert interviews.filter(starts_at__gt=NOW + dt.timedelta(days=7)).exists()
    assert interviews.filter(ends_at__lte=NOW, ends_at__gt=NOW - dt.timedelta(hours=24)).exists()

    people = interviews.annotate(n=Count("participants")).values_list("n", flat=True)
    assert set(people) <= {1, 2, 3} and min(people) >= 1
    for participant in Participant.objects.filter(interview__user=user).select_related(
        "interview", "contact"
    ):
        assert participant.contact.company_id == participant.interview.company_id
        assert participant.contact.user_id == user.pk
    assert Participant.objects.filter(interview__user=user).exclude(discussed="").exists()

    contacts = Contact.objects.filter(user=user)
    assert len({c.honorific for c in contacts}) >= 5
    assert {c.role for c in contacts} == set(Contact.Role.values)
    assert {c.address_style for c in contacts} == set(Contact.AddressStyle.values)
    assert Company.objects.filter(user=user).count() >= 5


def test_demo_interviews_are_announced_like_recorded_ones():
    announced = []

    def listener(sender, interview, created, changes, **kwargs):
        announced.append((interview.pk, created))

    signals.interview_changed.connect(listener)
    try:
        result = demo.build_demo(extensions=DEMO_EXTENSIONS, password=PASSWORD, now=NOW)
    finally:
        signals.interview_changed.disconnect(listener)
    assert len(announced) == result.interviews
    assert all(created for _, created in announced)


def test_refreshing_is_idempotent_and_keeps_the_account():
    demo.build_demo(extensions=DEMO_EXTENSIONS, password=PASSWORD, now=NOW)
    user = demo_user()
    first = snapshot(user)
    # Someone tries the demo and changes things.
    CompanyFactory(user=user, name="Added while trying it")
    user.reminder_hour = 5
    user.save()

    demo.build_demo(extensions=DEMO_EXTENSIONS, password="another password 456", now=NOW)
    again = demo_user()
    assert again.pk == user.pk
    assert snapshot(again) == first
    assert again.reminder_hour == 9
    assert again.check_password("another password 456")
    assert User.objects.filter(email=demo.DEMO_EMAIL).count() == 1
    assert EmailAddress.objects.filter(user=again).count() == 1


def snapshot(user) -> dict:
    return {
        "companies": sorted(Company.objects.filter(user=user).values_list("name", flat=True)),
        "contacts": sorted(Contact.objects.filter(user=user).values_list("name", "company__name")),
        "interviews": sorted(
            Interview.objects.filter(user=user).values_list("role", "round", "starts_at", "status")
        ),
        "participants": Participant.objects.filter(interview__user=user).count(),
    }


def test_bulk_options_build_users_and_interviews_and_run_the_extensions():
    seen = {}

    def extension(users, interviews):
        seen["users"] = [u.pk for u in users]
        seen["interviews"] = len(interviews)
        seen["have_pks"] = all(i.pk for i in interviews)

    result = demo.build_demo(
        extensions=[extension],
        password=PASSWORD,
        now=NOW,
        users=3,
        interviews_per_user=50,
        heavy_interviews=100,
    )

    bulk_users = list(demo.bulk_users_queryset().order_by("email"))
    assert [u.email for u in bulk_users] == [
        "demo-user-0001@followup.example",
        "demo-user-0002@followup.example",
        "demo-user-0003@followup.example",
    ]
    for user in bulk_users:
        assert Interview.objects.filter(user=user).count() == 50
        assert user.onboarded_at is not None and user.check_password(PASSWORD)
        assert EmailAddress.objects.get(user=user).verified
    assert Interview.objects.filter(user=result.user).count() == result.interviews + 100
    assert result.bulk_interviews == 250

    bulk = Interview.objects.filter(user__in=bulk_users)
    assert set(bulk.values_list("status", flat=True)) == set(Interview.Status.values)
    people = bulk.annotate(n=Count("participants")).values_list("n", flat=True)
    assert min(people) >= 1 and max(people) <= 3
    mismatched = Participant.objects.filter(interview__user__in=bulk_users).exclude(
        contact__company=F("interview__company")
    )
    assert not mismatched.exists()

    assert seen == {
        "users": [result.user.pk] + [u.pk for u in bulk_users],
        "interviews": 250,
        "have_pks": True,
    }


def test_bulk_data_is_deterministic_and_replaced_on_refresh():
    def bulk_rows():
        return sorted(
            Interview.objects.filter(user__in=demo.bulk_users_queryset()).values_list(
                "user__email", "company__name", "role", "starts_at", "status"
            )
        )

    demo.build_demo(
        extensions=DEMO_EXTENSIONS, password=PASSWORD, now=NOW, users=2, interviews_per_user=10, seed=7
    )
    first = bulk_rows()
    demo.build_demo(
        extensions=DEMO_EXTENSIONS, password=PASSWORD, now=NOW, users=2, interviews_per_user=10, seed=7
    )
    assert bulk_rows() == first
    assert demo.bulk_users_queryset().count() == 2

    demo.build_demo(extensions=DEMO_EXTENSIONS, password=PASSWORD, now=NOW)
    assert not demo.bulk_users_queryset().exists()


def test_command_accepts_the_bulk_options():
    out = io.StringIO()
    call_command(
        "demo",
        "--password",
        PASSWORD,
        "--users",
        "2",
        "--interviews-per-user",
        "4",
        "--heavy-interviews",
        "20",
        "--contacts-per-company",
        "2",
        "--companies-per-user",
        "2",
        stdout=out,
    )
    assert "2 light users" in out.getvalue()
    assert Interview.objects.filter(user__in=demo.bulk_users_queryset()).count() == 8
    for user in demo.bulk_users_queryset():
        assert Company.objects.filter(user=user).count() == 2
        assert Contact.objects.filter(user=user).count() == 4
