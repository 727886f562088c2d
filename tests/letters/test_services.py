"""letters.services and letters.selectors: drafts that follow the interview, safe saves, regenerate, sent."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.utils import timezone

from followup.models import Participant
from letters.compose import Draft
from letters.facts import interview_facts, recipient_for, sender_for
from letters.models import Letter
from letters.selectors import letters_status_for_interviews
from letters.services import (
    LetterConflict,
    LetterError,
    LetterIsSent,
    NeedsConfirmation,
    _refresh,
    letter_ensure,
    letter_mark_sent,
    letter_mark_unsent,
    letter_regenerate,
    letter_restore_previous,
    letter_save,
    letters_draft_for_interview,
)
from letters.signals import letter_sent, letter_unsent
from tests.factories import CompanyFactory, InterviewFactory, UserFactory
from tests.letters.conftest import person

pytestmark = pytest.mark.django_db


def thank_you(participant) -> Letter:
    return Letter.objects.get(interview=participant.interview, contact=participant.contact, kind="thank_you")


def edit(letter: Letter, body: str) -> Letter:
    return letter_save(letter=letter, subject=letter.subject, body=body, version=letter.version)


@pytest.fixture
def signals_seen():
    seen = []

    def on_sent(sender, letter, **kwargs):
        seen.append(("sent", letter.pk, connection.in_atomic_block))

    def on_unsent(sender, letter, **kwargs):
        seen.append(("unsent", letter.pk, connection.in_atomic_block))

    letter_sent.connect(on_sent, dispatch_uid="test-sent")
    letter_unsent.connect(on_unsent, dispatch_uid="test-unsent")
    yield seen
    letter_sent.disconnect(dispatch_uid="test-sent")
    letter_unsent.disconnect(dispatch_uid="test-unsent")


# --- Facts ----------------------------------------------------------------------------------------------


def test_interview_date_is_the_end_in_the_users_time_zone(interview, singh, amara):
    interview.user.time_zone = "America/Los_Angeles"
    interview.ends_at = dt.datetime(2026, 3, 4, 3, 0, tzinfo=dt.UTC)  # 19:00 on the 3rd in California
    facts = interview_facts(interview, participants=[singh, amara], for_contact_id=singh.contact_id)
    assert facts.date == dt.date(2026, 3, 3)
    assert facts.company == "Northwind Labs"
    assert facts.other_people == ("Amara Okafor",)


def test_recipient_and_sender_come_from_the_contact_and_user(singh, user):
    recipient = recipient_for(singh)
    assert (recipient.name, recipient.honorific, recipient.discussed) == (
        "Priya Singh",
        "Dr.",
        "how the team reviews schema changes",
    )
    sender = sender_for(user)
    assert sender.full_name == "Jordan Rivera"
    assert "Harbour Street" in sender.signature


# --- Drafts for an interview ------------------------------------------------------------------------------


def test_a_thank_you_draft_for_each_person_in_their_order(interview, singh, amara):
    letters = letters_draft_for_interview(interview=interview)
    assert [letter.contact for letter in letters] == [singh.contact, amara.contact]
    first, second = letters
    assert first.body.startswith("Dear Dr. Singh,")
    assert second.body.startswith("Hi Amara,")
    assert first.tone == "formal" and second.tone == "friendly"
    assert "Jordan Rivera" in first.body
    assert "schema changes" in first.body and "on-call rotation" in second.body
    assert not first.is_edited and first.status == "draft"
    assert first.user == interview.user


def test_drafting_twice_changes_nothing(interview, singh):
    [letter] = letters_draft_for_interview(interview=interview)
    [again] = letters_draft_for_interview(interview=interview)
    assert again.pk == letter.pk
    assert Letter.objects.get(pk=letter.pk).version == letter.version
    assert Letter.objects.count() == 1


def test_untouched_drafts_follow_the_interviews_details(interview, singh):
    [letter] = letters_draft_for_interview(interview=interview)
    interview.role = "Staff Platform Engineer"
    interview.save()
    letters_draft_for_interview(interview=interview)
    letter.refresh_from_db()
    assert "Staff Platform Engineer" in letter.body
    assert "Staff Platform Engineer" in letter.subject
    assert not letter.is_edited
    assert letter.version == 2


def test_untouched_follow_up_drafts_follow_too(interview, singh):
    letters_draft_for_interview(interview=interview)
    follow_up = letter_ensure(interview=interview, contact=singh.contact, kind="follow_up_1")
    interview.company.name = "Northwind Systems"
    interview.company.save()
    letters_draft_for_interview(interview=interview)
    follow_up.refresh_from_db()
    assert "Northwind Systems" in follow_up.body


def test_edited_and_sent_letters_keep_their_text_when_details_change(interview, singh, amara):
    edited, sent = letters_draft_for_interview(interview=interview)
    edited = edit(edited, edited.body + "\n\nP.S. My own words.")
    sent_body = sent.body
    letter_mark_sent(letter=sent, sent_on=timezone.localdate())
    interview.role = "Data Engineer"
    interview.save()
    letters_draft_for_interview(interview=interview)
    edited.refresh_from_db()
    sent.refresh_from_db()
    assert edited.body.endswith("P.S. My own words.")
    assert "Data Engineer" not in edited.body
    assert sent.body == sent_body


def test_removed_persons_untouched_drafts_go_and_edited_ones_stay(interview, singh, amara):
    letters_draft_for_interview(interview=interview)
    letter_ensure(interview=interview, contact=singh.contact, kind="follow_up_1")
    amaras = thank_you(amara)
    amaras = edit(amaras, amaras.body + "\nEdited.")
    Participant.objects.filter(pk__in=[singh.pk, amara.pk]).delete()
    letters_draft_for_interview(interview=interview)
    assert not Letter.objects.filter(contact=singh.contact).exists()
    assert Letter.objects.get(pk=amaras.pk).body.endswith("Edited.")


def test_removed_persons_sent_letter_and_recoverable_text_stay(interview, singh, amara):
    letters_draft_for_interview(interview=interview)
    sent = letter_mark_sent(letter=thank_you(singh), sent_on=timezone.localdate())
    regenerated = letter_regenerate(letter=thank_you(amara), tone="formal")
    assert regenerated.can_restore
    Participant.objects.filter(pk__in=[singh.pk, amara.pk]).delete()
    letters_draft_for_interview(interview=interview)
    assert set(Letter.objects.values_list("pk", flat=True)) == {sent.pk, regenerated.pk}


def test_a_person_added_later_gets_a_draft(interview, singh):
    letters_draft_for_interview(interview=interview)
    newcomer = person(interview, "Lee Park", position=2)
    letters = letters_draft_for_interview(interview=interview)
    assert [letter.contact for letter in letters] == [singh.contact, newcomer.contact]
    assert letters[1].body.startswith("Dear Lee Park,")


def test_a_long_role_and_company_never_overflow_the_subject(user):
    interview = InterviewFactory(user=user, role="R" * 200, company__name="C" * 200)
    participant = person(interview, "Priya Singh")
    letter = letter_ensure(interview=interview, contact=participant.contact, kind="another_conversation")
    assert len(letter.subject) <= 300
    assert letter.subject == letter.generated_subject


# --- letter_ensure ----------------------------------------------------------------------------------------


def test_ensure_drafts_a_follow_up_once(drafted, singh):
    letter = letter_ensure(interview=drafted, contact=singh.contact, kind="follow_up_1")
    assert letter.kind == "follow_up_1"
    assert letter.subject.endswith("following up")
    assert letter_ensure(interview=drafted, contact=singh.contact, kind="follow_up_1").pk == letter.pk


def test_the_first_follow_up_carries_the_since_we_spoke_note(drafted, singh, amara):
    drafted.since_we_spoke = "I sketched how the billing retries could be made idempotent."
    drafted.save()
    follow_ups = [
        letter_ensure(interview=drafted, contact=person.contact, kind="follow_up_1")
        for person in (singh, amara)
    ]
    # The news goes to one person of the panel; the other is asked about their own topic.
    assert (
        sum("I sketched how the billing retries could be made idempotent." in f.body for f in follow_ups) == 1
    )
    assert "billing retries" not in thank_you(singh).body


def test_ensure_returns_an_existing_edited_letter_untouched(drafted, singh):
    edit(thank_you(singh), "Dear Dr. Singh,\n\nMine.")
    assert letter_ensure(interview=drafted, contact=singh.contact, kind="thank_you").body.endswith("Mine.")


def test_ensure_refuses_an_unknown_kind_or_someone_elses_contact(drafted, singh):
    with pytest.raises(ValueError):
        letter_ensure(interview=drafted, contact=singh.contact, kind="love_letter")
    stranger = person(InterviewFactory(user=UserFactory()), "Stranger")
    with pytest.raises(ValueError):
        letter_ensure(interview=drafted, contact=stranger.contact, kind="thank_you")


# --- Saving ------------------------------------------------------------------------------------------------


def test_save_bumps_the_version(drafted, singh):
    letter = thank_you(singh)
    saved = letter_save(letter=letter, subject="Thanks", body="Dear Dr. Singh,\n\nThank you.", version=1)
    assert saved.version == 2
    assert saved.is_edited


def test_a_stale_save_is_refused_and_overwrites_nothing(drafted, singh):
    letter = thank_you(singh)
    first_tab = Letter.objects.get(pk=letter.pk)
    second_tab = Letter.objects.get(pk=letter.pk)
    letter_save(letter=first_tab, subject="First", body="Written in the first tab.", version=1)
    with pytest.raises(LetterConflict) as conflict:
        letter_save(letter=second_tab, subject="Second", body="Written in the second tab.", version=1)
    assert conflict.value.current.body == "Written in the first tab."
    letter.refresh_from_db()
    assert (letter.subject, letter.body, letter.version) == ("First", "Written in the first tab.", 2)


def test_a_sent_letter_is_not_saved_over(drafted, singh):
    letter = letter_mark_sent(letter=thank_you(singh), sent_on=timezone.localdate())
    with pytest.raises(LetterIsSent):
        letter_save(letter=letter, subject="x", body="y", version=letter.version)


def test_a_refresh_never_overwrites_an_edit_saved_in_between(drafted, singh):
    # The refresh read the draft untouched; the user's save lands before its update.
    stale = thank_you(singh)
    edit(thank_you(singh), "Dear Dr. Singh,\n\nMy own letter.")
    _refresh(stale, Draft(subject="New subject", body="New body"))
    assert thank_you(singh).body == "Dear Dr. Singh,\n\nMy own letter."


# --- Regenerate and restore ---------------------------------------------------------------------------------


def test_regenerating_an_edit_needs_confirmation_and_keeps_the_text(drafted, singh):
    letter = edit(thank_you(singh), "Dear Dr. Singh,\n\nMy careful words.")
    with pytest.raises(NeedsConfirmation):
        letter_regenerate(letter=letter)
    letter.refresh_from_db()
    assert letter.body == "Dear Dr. Singh,\n\nMy careful words."


def test_a_confirmed_regenerate_keeps_the_edit_recoverable(drafted, singh):
    letter = edit(thank_you(singh), "Dear Dr. Singh,\n\nMy careful words.")
    letter = letter_regenerate(letter=letter, confirmed=True)
    assert letter.body == letter.generated_body
    assert letter.previous_body == "Dear Dr. Singh,\n\nMy careful words."
    letter = letter_restore_previous(letter=letter)
    assert letter.body == "Dear Dr. Singh,\n\nMy careful words."
    # The generated text is now the previous one: restoring again swaps back.
    assert letter.previous_body == letter.generated_body
    assert letter.is_edited


def test_a_confirmation_given_for_older_text_replaces_nothing(drafted, singh):
    letter = edit(thank_you(singh), "Dear Dr. Singh,\n\nVersion two.")
    seen_version = letter.version
    edit(letter, "Dear Dr. Singh,\n\nVersion three, from another tab.")
    with pytest.raises(LetterConflict):
        letter_regenerate(letter=thank_you(singh), confirmed=True, version=seen_version)
    assert thank_you(singh).body.endswith("Version three, from another tab.")


def test_switching_the_tone_of_an_untouched_draft_needs_no_confirmation(drafted, singh):
    letter = letter_regenerate(letter=thank_you(singh), tone="friendly")
    assert letter.tone == "friendly"
    assert letter.body.startswith("Hi Priya,")
    assert letter.previous_body.startswith("Dear Dr. Singh,")


def test_switching_the_tone_of_an_edit_needs_confirmation(drafted, singh):
    letter = edit(thank_you(singh), "Dear Dr. Singh,\n\nEdited.")
    with pytest.raises(NeedsConfirmation):
        letter_regenerate(letter=letter, tone="friendly")
    assert thank_you(singh).tone == "formal"


def test_nothing_to_restore_is_an_error(drafted, singh):
    with pytest.raises(LetterError):
        letter_restore_previous(letter=thank_you(singh))


def test_a_sent_letter_is_not_regenerated(drafted, singh):
    letter = letter_mark_sent(letter=thank_you(singh), sent_on=timezone.localdate())
    with pytest.raises(LetterIsSent):
        letter_regenerate(letter=letter, confirmed=True)


# --- Sent and not sent ----------------------------------------------------------------------------------------


def test_mark_sent_and_undo_send_their_signals_once(drafted, singh, signals_seen):
    letter = thank_you(singh)
    day = timezone.localdate() - dt.timedelta(days=1)
    letter = letter_mark_sent(letter=letter, sent_on=day)
    assert (letter.status, letter.sent_on) == ("sent", day)
    letter_mark_sent(letter=letter, sent_on=timezone.localdate())  # a date correction, not a second send
    letter = letter_mark_unsent(letter=letter)
    letter_mark_unsent(letter=letter)
    assert (letter.status, letter.sent_on) == ("draft", None)
    assert [(kind, pk) for kind, pk, _ in signals_seen] == [("sent", letter.pk), ("unsent", letter.pk)]


@pytest.mark.django_db(transaction=True)
def test_the_signals_are_sent_inside_the_transaction(signals_seen):
    user = UserFactory()
    interview = InterviewFactory(user=user, company=CompanyFactory(user=user))
    participant = person(interview, "Priya Singh")
    [letter] = letters_draft_for_interview(interview=interview)
    assert not connection.in_atomic_block
    letter_mark_sent(letter=letter, sent_on=timezone.localdate())
    letter_mark_unsent(letter=letter)
    assert [(kind, inside) for kind, _, inside in signals_seen] == [("sent", True), ("unsent", True)]
    assert participant.contact_id == letter.contact_id


def test_a_receiver_failing_rolls_the_mark_back(drafted, singh):
    def explode(sender, letter, **kwargs):
        raise RuntimeError("reminders are down")

    letter_sent.connect(explode, dispatch_uid="test-explode")
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            letter_mark_sent(letter=thank_you(singh), sent_on=timezone.localdate())
    finally:
        letter_sent.disconnect(dispatch_uid="test-explode")
    assert thank_you(singh).status == "draft"


def test_a_future_sent_date_is_refused(drafted, singh):
    with pytest.raises(LetterError):
        letter_mark_sent(letter=thank_you(singh), sent_on=timezone.localdate() + dt.timedelta(days=2))
    assert thank_you(singh).status == "draft"


# --- The selector -----------------------------------------------------------------------------------------------


def test_status_for_many_interviews_in_one_query(drafted, singh, amara, user, django_assert_num_queries):
    second = InterviewFactory(user=user, company=drafted.company)
    lee = person(second, "Lee Park")
    letters_draft_for_interview(interview=second)
    letter_mark_sent(letter=thank_you(singh), sent_on=timezone.localdate())
    letter_ensure(interview=drafted, contact=singh.contact, kind="follow_up_1")
    with django_assert_num_queries(1):
        status = letters_status_for_interviews(interviews=[drafted, second])
        singhs = status[(drafted.pk, singh.contact_id)]
        assert singhs["thank_you"].is_sent
        assert set(singhs) == {"thank_you", "follow_up_1"}
        assert not status[(drafted.pk, amara.contact_id)]["thank_you"].is_sent
        assert set(status[(second.pk, lee.contact_id)]) == {"thank_you"}
        assert singhs["thank_you"].get_absolute_url() == f"/letters/{singhs['thank_you'].pk}/"


def test_status_for_no_interviews_is_empty(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert letters_status_for_interviews(interviews=[]) == {}
