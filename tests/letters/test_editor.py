"""The letter editor: save, conflicts, regenerate and restore, the live checklist, marking sent, access."""

import datetime as dt
import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letters.models import Letter
from letters.selectors import letters_status_for_interviews
from letters.services import letter_mark_sent, letter_save
from letters.signals import letter_sent, letter_unsent
from tests.factories import InterviewFactory
from tests.letters.conftest import announce, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(drafted, singh) -> Letter:
    return Letter.objects.get(contact=singh.contact, kind="thank_you")


def text(response) -> str:
    return response.content.decode()


def post_text(client, url, letter, **extra):
    data = {"subject": letter.subject, "body": letter.body, "version": letter.version, **extra}
    return client.post(url, data)


def check_states(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-check="(\w+)" data-ok="(\w+)"', html))


# --- The page ----------------------------------------------------------------------------------------------


def test_the_editor_shows_the_person_interview_status_and_what_to_do(signed_in, letter, amara):
    page = text(signed_in.get(f"/letters/{letter.pk}/"))
    assert page.count("<h1") == 1
    assert "Thank-you to Priya Singh" in page
    assert "Backend Engineer at Northwind Labs" in page
    assert ">Draft<" in page
    assert "copy it, send it from your email, and mark it sent" in page
    assert 'aria-live="polite"' in page and 'id="checklist"' in page
    assert "Thank-you to Amara Okafor" in page  # the interview's other letters
    amaras = Letter.objects.get(contact=amara.contact)
    assert f'href="/letters/{amaras.pk}/"' in page
    assert f'hx-post="/letters/{letter.pk}/checklist/"' in page
    assert 'hx-trigger="input changed delay:400ms"' in page
    for label in ('for="id_subject"', 'for="id_body"', 'for="id_sent_on"'):
        assert label in page
    assert "<script>" not in page and "hx-on" not in page and "style=" not in page


def test_a_sent_letter_shows_its_date_and_no_editing(signed_in, letter):
    letter_mark_sent(letter=letter, sent_on=dt.date(2026, 3, 4))
    page = text(signed_in.get(f"/letters/{letter.pk}/"))
    assert "Sent on March 4, 2026" in page
    assert "Mark as not sent" in page
    assert 'name="body"' not in page


def test_names_with_markup_are_escaped_everywhere(signed_in, user):
    interview = InterviewFactory(user=user, company__user=user, company__name="<b>Evil</b>\nCorp")
    participant = person(
        interview, '<script>alert("x")</script>\nBcc: eve@example.com', email="p@example.com"
    )
    announce(interview, created=True)
    letter = Letter.objects.get(contact=participant.contact)
    for url in (f"/letters/{letter.pk}/", f"/letters/{letter.pk}/print/"):
        page = text(signed_in.get(url))
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert" in page
        assert "<b>Evil</b>" not in page


# --- Saving ------------------------------------------------------------------------------------------------


def test_saving_keeps_the_text_and_bumps_the_version(signed_in, letter):
    response = signed_in.post(
        f"/letters/{letter.pk}/",
        {"subject": "Thank you, Dr. Singh", "body": "Dear Dr. Singh,\r\n\r\nMy words.\r\n", "version": 1},
    )
    assert response.status_code == 302 and response["Location"] == f"/letters/{letter.pk}/"
    letter.refresh_from_db()
    assert (letter.subject, letter.body, letter.version) == (
        "Thank you, Dr. Singh",
        "Dear Dr. Singh,\n\nMy words.",
        2,
    )
    assert letter.is_edited


def test_saving_the_untouched_text_from_a_browser_keeps_it_untouched(signed_in, letter):
    signed_in.post(
        f"/letters/{letter.pk}/",
        {"subject": letter.subject, "body": letter.body.replace("\n", "\r\n"), "version": 1},
    )
    letter.refresh_from_db()
    assert not letter.is_edited


def test_a_stale_save_shows_both_texts_and_overwrites_nothing(signed_in, letter):
    letter_save(letter=letter, subject="From the other tab", body="Dear Dr. Singh,\n\nOther tab.", version=1)
    response = signed_in.post(
        f"/letters/{letter.pk}/",
        {"subject": "From this tab", "body": "Dear Dr. Singh,\n\nThis tab.", "version": 1},
    )
    assert response.status_code == 409
    page = text(response)
    assert "This letter changed in another tab or window since you opened it" in page
    assert "Other tab." in page and "This tab." in page
    assert 'name="version" value="2"' in page  # saving again keeps this tab's text, knowingly
    letter.refresh_from_db()
    assert letter.body == "Dear Dr. Singh,\n\nOther tab."


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"subject": ""}, "subject", "This field is required."),
        ({"subject": "x" * 301}, "subject", "at most 300 characters"),
        ({"body": "x" * 20_000}, "body", "at most 10,000 characters"),
        ({"body": "   "}, "body", "This field is required."),
        ({"body": "nul \x00 byte"}, "body", "Null characters are not allowed."),
    ],
)
def test_bad_text_gets_a_field_error_and_keeps_what_was_typed(signed_in, letter, data, field, message):
    posted = {"subject": "My subject", "body": "Dear Dr. Singh,\n\nTyped words.", "version": 1, **data}
    response = signed_in.post(f"/letters/{letter.pk}/", posted)
    assert response.status_code == 400
    page = text(response)
    assert f'id="{field}-errors"' in page and message in page
    if field != "body":
        assert "Typed words." in page
    letter.refresh_from_db()
    assert letter.version == 1 and not letter.is_edited


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(subject=st.text(max_size=400), body=st.text(max_size=600), version=st.text(max_size=5))
def test_no_input_makes_the_editor_fail(signed_in, letter, subject, body, version):
    response = signed_in.post(
        f"/letters/{letter.pk}/", {"subject": subject, "body": body, "version": version}
    )
    assert response.status_code in (302, 400, 409)
    response = signed_in.post(f"/letters/{letter.pk}/checklist/", {"subject": subject, "body": body})
    assert response.status_code == 200


# --- Regenerate, tone and restore ------------------------------------------------------------------------------


def test_regenerating_an_edit_asks_first_and_says_it_can_come_back(signed_in, letter):
    letter = letter_save(
        letter=letter, subject="Mine", body="Dear Dr. Singh,\n\nMy careful words.", version=1
    )
    response = signed_in.post(f"/letters/{letter.pk}/regenerate/")
    assert response.status_code == 200
    page = text(response)
    assert "What will be replaced" in page and "My careful words." in page
    assert "Bring back the previous text" in page
    assert 'name="confirmed" value="1"' in page
    letter.refresh_from_db()
    assert letter.body.endswith("My careful words.")

    response = signed_in.post(
        f"/letters/{letter.pk}/regenerate/",
        {"confirmed": "1", "confirmed_version": letter.version, "tone": "formal"},
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.body == letter.generated_body
    assert letter.previous_body == "Dear Dr. Singh,\n\nMy careful words."

    signed_in.post(f"/letters/{letter.pk}/restore/")
    letter.refresh_from_db()
    assert letter.body == "Dear Dr. Singh,\n\nMy careful words."


def test_text_typed_before_regenerating_is_saved_first_and_kept(signed_in, letter):
    response = post_text(
        signed_in,
        f"/letters/{letter.pk}/regenerate/",
        letter,
        body="Dear Dr. Singh,\n\nJust typed.",
        tone="friendly",
    )
    assert response.status_code == 200
    assert "Just typed." in text(response)  # shown as what would be replaced
    assert "friendly tone" in text(response)
    letter.refresh_from_db()
    assert letter.body == "Dear Dr. Singh,\n\nJust typed."


def test_switching_the_tone_of_an_untouched_draft_rewrites_it(signed_in, letter):
    response = post_text(signed_in, f"/letters/{letter.pk}/regenerate/", letter, tone="friendly")
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.tone == "friendly"
    assert letter.body.startswith("Hi Priya,")
    page = text(signed_in.get(f"/letters/{letter.pk}/"))
    assert "Rewrite in a formal tone" in page
    assert "Bring back the previous text" in page


def test_a_stale_confirmation_replaces_nothing(signed_in, letter):
    letter = letter_save(letter=letter, subject="Mine", body="Dear Dr. Singh,\n\nSeen.", version=1)
    seen = letter.version
    letter_save(letter=letter, subject="Mine", body="Dear Dr. Singh,\n\nNewer.", version=seen)
    response = signed_in.post(
        f"/letters/{letter.pk}/regenerate/", {"confirmed": "1", "confirmed_version": seen}
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.body.endswith("Newer.")
    page = text(signed_in.get(f"/letters/{letter.pk}/"))
    assert "This letter changed in another tab or window since you opened it" in page


# --- The live checklist ------------------------------------------------------------------------------------------


def test_the_checklist_follows_the_typed_text(signed_in, letter):
    url = f"/letters/{letter.pk}/checklist/"
    with_name = signed_in.post(url, {"subject": letter.subject, "body": letter.body})
    assert check_states(text(with_name))["addressed_by_name"] == "true"
    without = signed_in.post(
        url, {"subject": letter.subject, "body": letter.body.replace("Dr. Singh", "there")}
    )
    page = text(without)
    assert check_states(page)["addressed_by_name"] == "false"
    assert "Open with their name, spelled as entered" in page
    assert "To do:" in page and "Done:" in page
    assert "<html" not in page  # a fragment for htmx to swap in
    letter.refresh_from_db()
    assert "Dr. Singh" in letter.body  # nothing saved


def test_the_checklist_flags_a_copy_of_another_letter_of_the_interview(signed_in, letter, amara):
    amaras = Letter.objects.get(contact=amara.contact)
    copied = "Dear Dr. Singh,\n" + amaras.body.split("\n", 1)[1]
    page = text(signed_in.post(f"/letters/{letter.pk}/checklist/", {"subject": "x", "body": copied}))
    assert check_states(page)["not_a_copy"] == "false"


def test_the_checklist_flags_what_the_interviews_letters_taught_it(signed_in, letter, amara):
    # Amara's follow-up shares a sentence with what is typed into Priya's thank-you.
    shared = "I would be glad to walk the team through how I moved billing to events."
    follow_up = Letter.objects.create(
        user=letter.user,
        interview=letter.interview,
        contact=amara.contact,
        kind="follow_up_1",
        subject="The Backend Engineer role",
        body=f"Hi Amara,\n\n{shared}\n\nBest,\nJordan Rivera",
    )
    body = (
        "Dear Dr. Singh,\n\nJust checking in after our talk. I forgot to mention that I ran the payments "
        f"migration. {shared}\n\nBest regards,\nJordan Rivera"
    )
    subject = "Following up on our conversation about the Backend Engineer role at Northwind Labs"
    url = f"/letters/{letter.pk}/checklist/"
    page = text(signed_in.post(url, {"subject": subject, "body": body}))
    states = check_states(page)
    assert {
        key: states[key] for key in ("no_shared_sentence", "short_subject", "no_lead_in", "no_stock_phrases")
    } == {
        "no_shared_sentence": "false",
        "short_subject": "false",
        "no_lead_in": "false",
        "no_stock_phrases": "false",
    }
    assert "is also in your first follow-up to Amara Okafor" in page
    assert f"(it has {len(subject)})" in page
    assert "Take out “I forgot to mention”" in page
    assert "Replace “checking in”" in page
    assert follow_up.body.endswith("Jordan Rivera")
    # The saved draft, as written, passes the new checks that concern its own text.
    clean = check_states(text(signed_in.get(url)))
    assert clean["no_lead_in"] == clean["no_stock_phrases"] == clean["no_shared_sentence"] == "true"


def test_a_sparse_draft_is_told_the_one_detail_to_add(signed_in, letter):
    body = "Dear Dr. Singh,\n\nThank you for meeting me about the Backend Engineer role.\n\nBest regards,\nJordan Rivera"
    page = text(signed_in.post(f"/letters/{letter.pk}/checklist/", {"subject": letter.subject, "body": body}))
    assert check_states(page)["enough_detail"] == "false"
    assert "Add what you discussed with Priya: one real detail makes the letter theirs." in page


def test_the_checklist_runs_the_same_queries_however_many_letters(
    signed_in, drafted, letter, amara, django_assert_max_num_queries
):
    url = f"/letters/{letter.pk}/checklist/"
    signed_in.post(url, {"subject": letter.subject, "body": letter.body})
    for n in range(6):
        extra = person(drafted, f"Panel Member {n}", position=5 + n)
        Letter.objects.create(
            user=letter.user,
            interview=drafted,
            contact=extra.contact,
            kind="thank_you",
            subject="Thanks",
            body=f"Dear Member {n},\n\nThank you for your time and the questions today.\n\nBest,\nJordan",
        )
    with django_assert_max_num_queries(8):
        assert signed_in.post(url, {"subject": letter.subject, "body": letter.body}).status_code == 200


# --- Sent and not sent ----------------------------------------------------------------------------------------------


@pytest.fixture
def signals_seen():
    seen = []

    def on_sent(sender, letter, **kwargs):
        seen.append(("sent", letter.pk))

    def on_unsent(sender, letter, **kwargs):
        seen.append(("unsent", letter.pk))

    letter_sent.connect(on_sent, dispatch_uid="editor-test-sent")
    letter_unsent.connect(on_unsent, dispatch_uid="editor-test-unsent")
    yield seen
    letter_sent.disconnect(dispatch_uid="editor-test-sent")
    letter_unsent.disconnect(dispatch_uid="editor-test-unsent")


def test_mark_sent_saves_the_typed_text_and_undo_reopens_it(signed_in, letter, signals_seen):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = post_text(
        signed_in,
        f"/letters/{letter.pk}/sent/",
        letter,
        body="Dear Dr. Singh,\n\nAs sent.",
        sent_on=yesterday.isoformat(),
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.status, letter.sent_on, letter.body) == ("sent", yesterday, "Dear Dr. Singh,\n\nAs sent.")
    assert "Marked sent on" in text(signed_in.get(f"/letters/{letter.pk}/"))

    response = signed_in.post(f"/letters/{letter.pk}/unsent/")
    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.status, letter.sent_on) == ("draft", None)
    assert signals_seen == [("sent", letter.pk), ("unsent", letter.pk)]


def test_the_sent_date_defaults_to_today_in_the_users_zone(signed_in, letter, user):
    user.time_zone = "Pacific/Kiritimati"  # UTC+14: usually a day ahead of the server
    user.save()
    today_there = timezone.now().astimezone(user.zone).date()
    page = text(signed_in.get(f"/letters/{letter.pk}/"))
    assert f'value="{today_there.isoformat()}"' in page
    response = post_text(signed_in, f"/letters/{letter.pk}/sent/", letter, sent_on=today_there.isoformat())
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("sent_on", "message"),
    [
        ("not a date", "Enter a valid date."),
        ("2026-02-30", "Enter a valid date."),
        ("99999-01-01", "Enter a valid date."),
        ("", "This field is required."),
        ("future", "can&#x27;t be in the future"),
    ],
)
def test_a_bad_sent_date_is_a_field_error_and_keeps_the_text(signed_in, letter, sent_on, message):
    if sent_on == "future":
        sent_on = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = post_text(
        signed_in,
        f"/letters/{letter.pk}/sent/",
        letter,
        body="Dear Dr. Singh,\n\nTyped, not saved.",
        sent_on=sent_on,
    )
    assert response.status_code == 400
    page = text(response)
    assert message in page and 'id="sent-on-errors"' in page
    assert "Typed, not saved." in page
    letter.refresh_from_db()
    assert letter.status == "draft" and not letter.is_edited


# --- Drafting on demand ------------------------------------------------------------------------------------------------


def test_a_follow_up_is_drafted_on_demand(signed_in, drafted, singh):
    url = f"/letters/new/{drafted.pk}/{singh.contact_id}/follow_up_1/"
    response = signed_in.post(url)
    letter = Letter.objects.get(contact=singh.contact, kind="follow_up_1")
    assert response.status_code == 302 and response["Location"] == f"/letters/{letter.pk}/"
    assert signed_in.post(url)["Location"] == f"/letters/{letter.pk}/"  # the same letter, not a second
    assert signed_in.get(url).status_code == 405


def test_drafting_on_demand_needs_a_known_kind_and_a_person_of_the_interview(signed_in, drafted, singh, user):
    assert signed_in.post(f"/letters/new/{drafted.pk}/{singh.contact_id}/love_letter/").status_code == 404
    elsewhere = person(InterviewFactory(user=user, company=drafted.company), "Lee Park")
    assert signed_in.post(f"/letters/new/{drafted.pk}/{elsewhere.contact_id}/follow_up_1/").status_code == 404
    assert signed_in.post(f"/letters/new/{drafted.pk}/999999/follow_up_1/").status_code == 404


def test_the_person_letters_partial_shows_badges_and_new_letter_buttons(drafted, singh, amara, user):
    thank_you = Letter.objects.get(contact=singh.contact)
    letter_mark_sent(letter=thank_you, sent_on=dt.date(2026, 3, 4))
    status = letters_status_for_interviews(interviews=[drafted])
    template = Template(
        "{% load letters_tags %}{% for p in interview.participants.all %}"
        "{% letters_for letter_status interview p.contact as person_letters %}"
        '{% include "letters/_person_letters.html" with letters=person_letters contact=p.contact %}'
        "{% endfor %}"
    )
    request = RequestFactory().get("/")
    request.user = user
    html = template.render(Context({"letter_status": status, "interview": drafted, "request": request}))
    assert f'href="/letters/{thank_you.pk}/"' in html
    assert "Sent Mar 4" in html and ">Draft<" in html
    assert f'action="/letters/new/{drafted.pk}/{singh.contact_id}/follow_up_1/"' in html
    assert f'action="/letters/new/{drafted.pk}/{singh.contact_id}/thank_you/"' not in html


# --- Another user's letters -------------------------------------------------------------------------------------------

LETTER_URLS = ["", "checklist/", "regenerate/", "restore/", "eml/", "print/", "sent/", "unsent/"]


@pytest.mark.parametrize("suffix", LETTER_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_users_letter_is_not_found(client, other_user, letter, suffix, method):
    client.force_login(other_user)
    data = {
        "subject": "Taken over",
        "body": "Taken over",
        "version": 1,
        "sent_on": "2026-03-04",
        "confirmed": "1",
    }
    response = getattr(client, method)(f"/letters/{letter.pk}/{suffix}", data if method == "post" else None)
    assert response.status_code == 404
    letter.refresh_from_db()
    assert letter.status == "draft" and not letter.is_edited and letter.version == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_users_interview_and_contact_are_not_found_for_new_letters(
    client, other_user, drafted, singh, method
):
    client.force_login(other_user)
    response = getattr(client, method)(f"/letters/new/{drafted.pk}/{singh.contact_id}/follow_up_1/")
    assert response.status_code == 404
    assert not Letter.objects.filter(kind="follow_up_1").exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, letter):
    response = client.get(f"/letters/{letter.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_state_changes_need_the_csrf_token(letter, user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(f"/letters/{letter.pk}/sent/", {"sent_on": "2026-03-04"}).status_code == 403


def test_text_saved_from_a_tab_opened_before_the_letter_was_sent_is_kept_on_the_page(signed_in, letter):
    letter_mark_sent(letter=letter, sent_on=timezone.localdate())
    response = signed_in.post(
        f"/letters/{letter.pk}/",
        {"subject": "Late", "body": "Dear Dr. Singh,\n\nTyped in the old tab.", "version": 1},
    )
    assert response.status_code == 409
    page = text(response)
    assert "marked sent" in page
    assert "Typed in the old tab." in page
    letter.refresh_from_db()
    assert letter.status == "sent" and "Typed in the old tab." not in letter.body


def test_the_admin_finds_letters(client, letter, django_user_model):
    admin = django_user_model.objects.create_superuser(email="admin@example.com", password="x")
    client.force_login(admin)
    response = client.get("/admin/letters/letter/", {"q": "Singh", "status__exact": "draft"})
    assert response.status_code == 200
    assert "Thank-you to Priya Singh" in text(response)
    assert client.get(f"/admin/letters/letter/{letter.pk}/change/").status_code == 200


def test_a_page_lists_everyones_letters_in_a_constant_number_of_queries(
    drafted, singh, amara, user, django_assert_num_queries
):
    person(drafted, "Lee Park", position=2)
    announce(drafted, changes={"people"})
    participants = list(drafted.participants.select_related("contact"))
    template = Template(
        "{% load letters_tags %}{% letter_status_for interview as letter_status %}"
        "{% for p in participants %}"
        "{% letters_for letter_status interview p.contact as person_letters %}"
        '{% include "letters/_person_letters.html" with letters=person_letters contact=p.contact %}'
        "{% endfor %}"
    )
    with django_assert_num_queries(1):
        html = template.render(Context({"interview": drafted, "participants": participants}))
    assert html.count(">Draft<") == 3
