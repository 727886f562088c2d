"""Random input to every form page never causes a server error: bad values become field errors.

Each page is fetched once to learn its field names (and the options of its lists); hypothesis then
posts random values for them: any unicode text (emoji, HTML, control characters), huge numbers,
malformed dates and addresses, empty values, valid options, or nothing at all.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ContactFactory, InterviewFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

# (url name, which of the user's objects it takes). A name that does not resolve fails the test.
FORM_PAGES = [
    ("companies:new", None),
    ("companies:edit", "company"),
    ("contacts:new", None),
    ("contacts:edit", "contact"),
    ("settings:profile", None),
    ("settings:delete_account", None),
    ("welcome", None),
    ("interviews:new", None),
    ("interviews:edit", "interview"),
]

NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "NaN",
    "-0",
    "99999999999999999999999999999999",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "\x00",
    "a\x00b",
    "\r\n\t",
    "🎉" * 60,
    "Zoë O'Brien-Nakamura",
    "x" * 5000,
    "2026-02-30",
    "2026-13-01T25:61",
    "9999-12-31T23:59",
    "0001-01-01T00:00",
    "javascript:alert(1)",
    "//evil.example/",
    "https://",
    "mailto:a@b",
    "Europe/London",
    "on",
    "true",
]
VALUES = st.one_of(
    st.text(max_size=300),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.sampled_from(NASTY),
)


class FormFields(HTMLParser):
    """Names of the fields in the page's forms, with the option values of select lists."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, list[str]] = {}
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag in ("input", "textarea", "select") and name and name != "csrfmiddlewaretoken":
            self.fields.setdefault(name, [])
            if attrs.get("value") is not None and tag == "input":
                self.fields[name].append(attrs["value"])
        if tag == "select":
            self._select = name
        elif tag == "option" and self._select and attrs.get("value") is not None:
            self.fields[self._select].append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


@pytest.fixture
def world(signed_in, user):
    contact = ContactFactory(user=user)
    interview = InterviewFactory(user=user, company=contact.company)
    ParticipantFactory(interview=interview, contact=contact)
    return {"company": contact.company, "contact": contact, "interview": interview, "pages": {}}


def page_fields(client, world, url_name, takes) -> tuple[str, dict[str, list[str]]]:
    if url_name not in world["pages"]:
        args = [world[takes].pk] if takes else []
        url = reverse(url_name, args=args)  # fails the test when the page does not exist
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        parser = FormFields()
        parser.feed(response.content.decode())
        assert parser.fields, f"{url} has no form fields"
        world["pages"][url_name] = (url, parser.fields)
    return world["pages"][url_name]


@pytest.mark.parametrize("url_name, takes", FORM_PAGES)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_input_never_causes_a_server_error(signed_in, world, url_name, takes, data):
    url, fields = page_fields(signed_in, world, url_name, takes)
    payload = {}
    for name, options in fields.items():
        choices = [st.none(), VALUES]
        if options:
            choices.append(st.sampled_from(options))
        value = data.draw(st.one_of(*choices), label=name)
        if value is not None:
            payload[name] = value
    response = signed_in.post(url, payload)
    assert response.status_code < 500


LIST_PAGES = ["companies:list", "contacts:list", "interviews:list"]


@pytest.mark.parametrize("url_name", LIST_PAGES)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    params=st.dictionaries(st.sampled_from(["q", "role", "company", "status", "page"]), VALUES, max_size=5)
)
def test_random_search_and_filters_never_cause_a_server_error(signed_in, world, url_name, params):
    response = signed_in.get(reverse(url_name), params)
    assert response.status_code < 500


# Every letter and reminder action, with the fields their forms send (plus a confirmation flag).
ACTION_URLS = [
    "letters:edit",
    "letters:checklist",
    "letters:regenerate",
    "letters:restore",
    "letters:mark_sent",
    "letters:mark_unsent",
    "reminders:snooze",
    "reminders:dismiss",
    "reminders:retry",
]
ACTION_FIELDS = ["subject", "body", "tone", "version", "sent_on", "confirmed", "choice"]


@pytest.fixture
def letter_world(world, user):
    from followup.models import Interview
    from followup.signals import interview_changed

    interview = world["interview"]
    interview_changed.send(sender=Interview, interview=interview, created=True, changes={"people", "times"})
    world["letters"] = interview.letters.first()
    world["reminders"] = interview.reminders.first()
    return world


@pytest.mark.parametrize("url_name", ACTION_URLS)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.dictionaries(st.sampled_from(ACTION_FIELDS), VALUES, max_size=len(ACTION_FIELDS)))
def test_random_input_to_letter_and_reminder_actions_never_causes_a_server_error(
    signed_in, letter_world, url_name, payload
):
    target = letter_world[url_name.split(":")[0]]
    response = signed_in.post(reverse(url_name, args=[target.pk]), payload)
    assert response.status_code < 500
