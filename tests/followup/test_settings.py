"""The settings page: profile and reminder preferences, the change they announce, deleting the account."""

import html
import re

import pytest
from allauth.account.models import EmailAddress

from followup import signals
from followup.models import Company, Contact, Interview, Participant, User
from followup.services.accounts import user_update_preferences
from tests.factories import ContactFactory, InterviewFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def settings_data(user, **overrides) -> dict:
    data = {
        "full_name": user.full_name,
        "time_zone": user.time_zone,
        "country": user.country,
        "signature": user.signature,
        "thank_you_delay_minutes": user.thank_you_delay_minutes,
        "follow_up_after_decision_days": user.follow_up_after_decision_days,
        "follow_up_after_interview_days": user.follow_up_after_interview_days,
        "second_follow_up_days": user.second_follow_up_days,
        "reminder_hour": user.reminder_hour,
    }
    if user.reminders_enabled:
        data["reminders_enabled"] = "on"
    if user.follow_up_digest:
        data["follow_up_digest"] = "on"
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


@pytest.fixture
def announcements():
    received = []

    def listener(sender, user, changes, **kwargs):
        received.append((sender, user.pk, changes))

    signals.preferences_changed.connect(listener)
    yield received
    signals.preferences_changed.disconnect(listener)


# --- the page ---------------------------------------------------------------------------------------


def test_page_labels_every_field_and_links_to_password_and_email(signed_in):
    response = signed_in.get("/settings/")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<h1") == 1
    for name in settings_data(User(), reminders_enabled="on", follow_up_digest="on"):
        assert f'for="id_{name}"' in body, name
    assert 'href="/accounts/password/change/"' in body
    assert 'href="/accounts/email/"' in body
    assert 'href="/settings/delete/"' in body


def test_time_zone_is_a_text_box_with_a_list_of_every_zone(signed_in):
    body = signed_in.get("/settings/").content.decode()
    assert 'list="time-zone-options"' in body
    assert '<datalist id="time-zone-options">' in body
    assert '<option value="Europe/Berlin">' in body
    assert '<option value="America/Argentina/Buenos_Aires">' in body


def test_country_is_a_list_of_names_with_no_country_first(signed_in):
    body = page_text(signed_in.get("/settings/"))
    assert '<option value="" selected>No country (weekends only)</option>' in body
    assert '<option value="DE">Germany</option>' in body
    assert '<option value="GB">United Kingdom</option>' in body
    assert '<option value="UK">' not in body  # an alias of GB, not a country of its own


# --- saving -----------------------------------------------------------------------------------------


def test_saving_changes_stores_them_and_announces_exactly_what_changed(signed_in, user, announcements):
    data = settings_data(
        user,
        time_zone="europe/berlin",  # any case: stored as the zone's own spelling
        country="DE",
        reminder_hour="7",
        follow_up_digest="on",
        thank_you_delay_minutes="0",
    )
    data.pop("reminders_enabled")
    response = signed_in.post("/settings/", data)
    assert response.status_code == 302
    assert response["Location"] == "/settings/"
    user.refresh_from_db()
    assert user.time_zone == "Europe/Berlin"
    assert user.country == "DE"
    assert user.reminder_hour == 7
    assert user.follow_up_digest is True
    assert user.reminders_enabled is False
    assert user.thank_you_delay_minutes == 0
    assert announcements == [
        (
            User,
            user.pk,
            {
                "time_zone",
                "country",
                "reminder_hour",
                "follow_up_digest",
                "reminders_enabled",
                "thank_you_delay_minutes",
            },
        )
    ]
    assert "Saved your settings." in page_text(signed_in.get("/settings/"))


def test_saving_without_changes_announces_nothing(signed_in, user, announcements):
    response = signed_in.post("/settings/", settings_data(user), follow=True)
    assert "Nothing changed." in page_text(response)
    assert announcements == []


def test_a_profile_only_change_is_announced_too(signed_in, user, announcements):
    signed_in.post("/settings/", settings_data(user, signature="Jordan\n+44 20 7946 0000"))
    assert announcements == [(User, user.pk, {"signature"})]


@pytest.mark.parametrize(
    "field, value",
    [
        ("full_name", ""),
        ("time_zone", "Mars/Olympus_Mons"),
        ("time_zone", ""),
        ("country", "XX"),
        ("thank_you_delay_minutes", "1441"),
        ("thank_you_delay_minutes", "-1"),
        ("follow_up_after_decision_days", "0"),
        ("follow_up_after_interview_days", "31"),
        ("second_follow_up_days", "99999999999999999999999"),
        ("reminder_hour", "24"),
        ("reminder_hour", "nine"),
    ],
)
def test_out_of_range_values_are_field_errors_and_nothing_is_saved(
    signed_in, user, announcements, field, value
):
    typed = {"signature": "Typed signature"} if field == "full_name" else {"full_name": "Typed Name"}
    data = settings_data(user, **typed, **{field: value})
    response = signed_in.post("/settings/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert next(iter(typed.values())) in page_text(response)
    user.refresh_from_db()
    assert user.full_name != "Typed Name" and user.signature != "Typed signature"
    assert announcements == []


def test_an_unknown_time_zone_says_so_in_plain_words(signed_in, user):
    response = signed_in.post("/settings/", settings_data(user, time_zone="Atlantis/Capital"))
    assert "“Atlantis/Capital” is not a time zone we know" in page_text(response)
    assert 'value="Atlantis/Capital"' in response.content.decode()


def test_the_announcement_is_part_of_the_transaction(user):
    """A listener that fails takes the change down with it: nothing half-saved."""

    def failing_listener(sender, **kwargs):
        raise RuntimeError("listener failed")

    signals.preferences_changed.connect(failing_listener)
    try:
        with pytest.raises(RuntimeError):
            user_update_preferences(user=user, data={"reminder_hour": 6})
    finally:
        signals.preferences_changed.disconnect(failing_listener)
    assert User.objects.get(pk=user.pk).reminder_hour == 9


def test_the_service_returns_what_changed(user, announcements):
    assert user_update_preferences(user=user, data={"reminder_hour": 9, "second_follow_up_days": 8}) == {
        "second_follow_up_days"
    }
    assert announcements == [(User, user.pk, {"second_follow_up_days"})]
    with pytest.raises(ValueError):
        user_update_preferences(user=user, data={"is_staff": True})


# --- deleting the account ---------------------------------------------------------------------------


@pytest.fixture
def user_with_data(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    contact = ContactFactory(user=user)
    interview = InterviewFactory(user=user, company=contact.company)
    ParticipantFactory(interview=interview, contact=contact)
    signals.interview_changed.send(
        sender=Interview, interview=interview, created=True, changes={"people", "times", "details"}
    )
    return user


def test_delete_page_says_what_goes_and_asks_for_the_email(signed_in, user_with_data):
    response = signed_in.get("/settings/delete/")
    text = page_text(response)
    assert response.status_code == 200
    assert re.search(
        r"This deletes your account with 1 interview, 1 contact, 1 company, \d+ letters? and \d+ reminders?\.",
        text,
    ), text
    assert f"Type {user_with_data.email} to confirm" in text
    assert 'for="id_email"' in text


def test_the_wrong_email_is_a_field_error_and_nothing_goes(signed_in, user_with_data):
    response = signed_in.post("/settings/delete/", {"email": "someone-else@example.com"})
    assert response.status_code == 200
    assert "That is not the email address of this account" in page_text(response)
    assert User.objects.filter(pk=user_with_data.pk).exists()
    assert Interview.objects.filter(user=user_with_data).exists()
    assert signed_in.get("/settings/").status_code == 200  # still signed in


def test_a_get_never_deletes(signed_in, user_with_data):
    signed_in.get("/settings/delete/", {"email": user_with_data.email})
    assert User.objects.filter(pk=user_with_data.pk).exists()


def test_deleting_removes_every_row_signs_out_and_says_so(signed_in, user_with_data, other_user):
    from django.apps import apps

    theirs = ContactFactory(user=other_user)
    user_id = user_with_data.pk
    response = signed_in.post("/settings/delete/", {"email": "  " + user_with_data.email.upper() + " "})
    assert response.status_code == 302
    assert response["Location"] == "/"

    assert not User.objects.filter(pk=user_id).exists()
    assert not EmailAddress.objects.filter(user_id=user_id).exists()
    for model in (Company, Contact, Interview):
        assert not model.objects.filter(user_id=user_id).exists()
    assert not Participant.objects.filter(interview__user_id=user_id).exists()
    for app_label in ("letters", "reminders"):
        for model in apps.get_app_config(app_label).get_models():
            if any(f.name == "user" for f in model._meta.fields):
                assert not model.objects.filter(user_id=user_id).exists(), model
    assert Contact.objects.filter(pk=theirs.pk).exists()

    landing = signed_in.get("/")
    assert not landing.wsgi_request.user.is_authenticated
    assert "Your account and everything in it have been deleted." in page_text(landing)
