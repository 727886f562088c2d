"""Letters leaving Followup: the .eml draft, the mailto: link and the printed business letter."""

import datetime as dt
import html
import re
from email import message_from_bytes, policy
from urllib.parse import unquote, urlsplit

import pytest
import time_machine

from letters.models import Letter
from letters.services import letter_ensure, letter_mark_sent, letter_save
from tests.factories import InterviewFactory
from tests.letters.conftest import announce, person

pytestmark = pytest.mark.django_db

HOSTILE_NAME = 'Priya "P" Singh, PhD <script>alert(1)</script>\r\nBcc: eve@example.com'


@pytest.fixture
def letter(drafted, singh) -> Letter:
    return Letter.objects.get(contact=singh.contact, kind="thank_you")


@pytest.fixture
def hostile(user) -> Letter:
    """Names typed with a line break, a comma and markup, as a careless paste might."""
    interview = InterviewFactory(
        user=user, company__user=user, company__name="Evil\r\nX-Injected: 1 <b>Corp</b>"
    )
    participant = person(interview, HOSTILE_NAME, email="priya@evil.example")
    announce(interview, created=True)
    return Letter.objects.get(contact=participant.contact, kind="thank_you")


def parse_eml(response):
    return message_from_bytes(response.content, policy=policy.default)


def mailto_of(page: str) -> str:
    return html.unescape(re.search(r'href="(mailto:[^"]*)"', page).group(1))


def split_mailto(href: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    fields = dict(pair.split("=", 1) for pair in parts.query.split("&"))
    return unquote(parts.path), {key: unquote(value) for key, value in fields.items()}


# --- .eml ------------------------------------------------------------------------------------------------------


def test_the_eml_is_an_unsent_draft_to_the_person(signed_in, letter, user):
    response = signed_in.get(f"/letters/{letter.pk}/eml/")
    assert response.status_code == 200
    assert response["Content-Type"] == "message/rfc822"
    assert (
        response["Content-Disposition"] == 'attachment; filename="northwind-labs-priya-singh-thank-you.eml"'
    )
    message = parse_eml(response)
    [to] = message["To"].addresses
    assert (to.display_name, to.addr_spec) == ("Priya Singh", "priya@northwind.example")
    assert message["From"].addresses[0].addr_spec == user.email
    assert message["Subject"] == letter.subject
    assert message["X-Unsent"] == "1"
    assert message["Date"].datetime is not None
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message.get_content().replace("\r\n", "\n").rstrip("\n") == letter.body


def test_the_eml_carries_the_saved_edits(signed_in, letter):
    letter_save(
        letter=letter,
        subject="Thanks — and one more thing",
        body="Dear Dr. Singh,\n\nÉdité à la main.",
        version=1,
    )
    message = parse_eml(signed_in.get(f"/letters/{letter.pk}/eml/"))
    assert message["Subject"] == "Thanks — and one more thing"
    assert message.get_content().replace("\r\n", "\n").rstrip("\n") == "Dear Dr. Singh,\n\nÉdité à la main."


def test_the_eml_date_is_in_the_users_zone(signed_in, letter, user):
    user.time_zone = "Asia/Tokyo"
    user.save()
    with time_machine.travel(dt.datetime(2026, 3, 3, 20, 0, tzinfo=dt.UTC), tick=False):
        message = parse_eml(signed_in.get(f"/letters/{letter.pk}/eml/"))
    assert message["Date"].datetime == dt.datetime(
        2026, 3, 4, 5, 0, tzinfo=dt.timezone(dt.timedelta(hours=9))
    )


def test_hostile_names_cannot_add_or_break_eml_headers(signed_in, hostile):
    response = signed_in.get(f"/letters/{hostile.pk}/eml/")
    raw_headers = response.content.split(b"\r\n\r\n", 1)[0]
    assert b"\nBcc" not in raw_headers and b"\nX-Injected" not in raw_headers
    message = parse_eml(response)
    assert message["Bcc"] is None and message["X-Injected"] is None
    [to] = message["To"].addresses
    assert to.addr_spec == "priya@evil.example"
    assert to.display_name == 'Priya "P" Singh, PhD <script>alert(1)</script> Bcc: eve@example.com'
    assert "\n" not in response["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename="[a-z0-9-]+\.eml"', response["Content-Disposition"])


def test_a_person_without_an_address_gets_an_eml_without_to(signed_in, drafted):
    nobody = person(drafted, "Lee Park", email="")
    announce(drafted, changes={"people"})
    letter = Letter.objects.get(contact=nobody.contact)
    message = parse_eml(signed_in.get(f"/letters/{letter.pk}/eml/"))
    assert message["To"] is None
    assert message["X-Unsent"] == "1"


# --- mailto: ----------------------------------------------------------------------------------------------------


def test_the_mailto_link_round_trips_the_letter(signed_in, letter):
    letter = letter_save(
        letter=letter,
        subject="Thanks & more? 100% = yes #1",
        body="Dear Dr. Singh,\n\nA+B & C=D? 50% #done\n\nBest,\nJordan",
        version=1,
    )
    href = mailto_of(signed_in.get(f"/letters/{letter.pk}/").content.decode())
    assert "\n" not in href and "\r" not in href
    assert "%0D%0A" in href
    address, fields = split_mailto(href)
    assert address == "priya@northwind.example"
    assert set(fields) == {"subject", "body"}
    assert fields["subject"] == letter.subject
    assert fields["body"].replace("\r\n", "\n") == letter.body


@pytest.mark.parametrize("kind", ["thank_you", "follow_up_1"])
def test_hostile_names_cannot_break_the_mailto_link_or_the_subject(signed_in, hostile, kind):
    letter = letter_ensure(interview=hostile.interview, contact=hostile.contact, kind=kind)
    page = signed_in.get(f"/letters/{letter.pk}/").content.decode()
    address, fields = split_mailto(mailto_of(page))
    assert address == "priya@evil.example"
    assert set(fields) == {"subject", "body"}
    assert fields["subject"] == letter.subject
    assert fields["body"].replace("\r\n", "\n") == letter.body
    assert "<script>alert(1)</script>" not in page
    message = parse_eml(signed_in.get(f"/letters/{letter.pk}/eml/"))
    assert message["X-Injected"] is None and message["Bcc"] is None
    assert message["Subject"] == letter.subject


def test_without_an_address_the_link_opens_a_blank_email_and_says_so(signed_in, drafted):
    nobody = person(drafted, "Lee Park", email="")
    announce(drafted, changes={"people"})
    letter = Letter.objects.get(contact=nobody.contact)
    page = signed_in.get(f"/letters/{letter.pk}/").content.decode()
    assert mailto_of(page).startswith("mailto:?subject=")
    assert "There is no email address for Lee Park yet" in page


# --- Print ---------------------------------------------------------------------------------------------------------


def test_the_print_view_is_a_business_letter(signed_in, letter):
    with time_machine.travel(dt.datetime(2026, 3, 4, 12, 0, tzinfo=dt.UTC), tick=False):
        response = signed_in.get(f"/letters/{letter.pk}/print/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dear Dr. Singh:" in page
    assert "Dear Dr. Singh," not in page  # the email greeting is not printed twice
    assert "Jordan Rivera<br>12 Harbour Street<br>Leeds LS1 4AB" in page  # the sender's address block
    assert "March 4, 2026" in page
    assert "Dr. Priya Singh<br>Engineering Manager<br>Northwind Labs" in page
    assert "Best regards" in page
    assert "css/print.css" in page and "js/letters.js" in page
    assert "data-print" in page
    assert page.count("<h1") == 1
    assert "<script>" not in page and "onclick" not in page


def test_the_print_view_dates_a_sent_letter_by_its_sent_day(signed_in, letter):
    letter_mark_sent(letter=letter, sent_on=dt.date(2026, 3, 3))
    assert "March 3, 2026" in signed_in.get(f"/letters/{letter.pk}/print/").content.decode()


def test_a_first_name_contact_is_greeted_with_a_comma(signed_in, drafted, amara):
    letter = Letter.objects.get(contact=amara.contact)
    page = signed_in.get(f"/letters/{letter.pk}/print/").content.decode()
    assert "Dear Amara," in page
    assert page.count("Dear Amara") == 1


def test_the_print_view_keeps_a_greeting_the_user_wrote(signed_in, letter):
    letter_save(letter=letter, subject=letter.subject, body="Hello Priya and team,\n\nThanks.", version=1)
    page = signed_in.get(f"/letters/{letter.pk}/print/").content.decode()
    assert "Hello Priya and team," in page
    assert "Dear Dr. Singh" not in page


def test_the_print_view_invents_nothing(signed_in, user, drafted):
    user.signature = ""
    user.save()
    bare = person(drafted, "Lee Park", email="")
    bare.contact.title = ""
    bare.contact.save()
    announce(drafted, changes={"people"})
    letter = Letter.objects.get(contact=bare.contact)
    page = signed_in.get(f"/letters/{letter.pk}/print/").content.decode()
    # Without a signature block the letterhead is the writer's name alone: no address is made up.
    assert f'<address class="printed-sender">{user.full_name}</address>' in page
    assert "Lee Park<br>Northwind Labs" in page


def test_the_letterhead_starts_with_the_writers_name(signed_in, user, letter):
    user.signature = "+44 113 496 0000\nleeds@example.com"
    user.save()
    page = signed_in.get(f"/letters/{letter.pk}/print/").content.decode()
    assert f"{user.full_name}<br>+44 113 496 0000<br>leeds@example.com" in page
