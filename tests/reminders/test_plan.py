"""Which reminders an interview wants: a pure function of its facts, its user's settings and now."""

import dataclasses
import datetime as dt

from letters.kinds import LetterKind
from reminders.plan import ReminderFacts, wanted_reminders
from reminders.schedule import Preferences

UTC = dt.UTC
NOW = dt.datetime(2026, 11, 24, 15, 0, tzinfo=UTC)  # a Tuesday
PREFS = Preferences()


BASE = ReminderFacts(
    ends_at=NOW - dt.timedelta(hours=1),
    decision_date=None,
    is_open=True,
    has_people=True,
    thanks_outstanding=True,
    follow_up_1_sent=False,
    follow_up_2_sent=False,
    reminders_enabled=True,
)


def facts(**overrides) -> ReminderFacts:
    return dataclasses.replace(BASE, **overrides)


def test_an_open_interview_wants_a_thank_you_and_two_follow_ups():
    wanted = wanted_reminders(facts=facts(), prefs=PREFS, now=NOW)
    assert set(wanted) == {LetterKind.THANK_YOU, LetterKind.FOLLOW_UP_1, LetterKind.FOLLOW_UP_2}
    assert wanted[LetterKind.THANK_YOU] == NOW + dt.timedelta(hours=1)
    assert wanted[LetterKind.FOLLOW_UP_1] == dt.datetime(2026, 12, 3, 9, 0, tzinfo=UTC)  # seven business days
    assert wanted[LetterKind.FOLLOW_UP_2] == dt.datetime(2026, 12, 10, 9, 0, tzinfo=UTC)  # five more


def test_nothing_once_reminders_are_off_or_the_process_ended():
    assert wanted_reminders(facts=facts(reminders_enabled=False), prefs=PREFS, now=NOW) == {}
    assert wanted_reminders(facts=facts(is_open=False), prefs=PREFS, now=NOW) == {}


def test_no_thank_you_once_every_thank_you_is_sent():
    assert LetterKind.THANK_YOU not in wanted_reminders(
        facts=facts(thanks_outstanding=False), prefs=PREFS, now=NOW
    )


def test_no_thank_you_without_people_but_follow_ups_still_come():
    wanted = wanted_reminders(facts=facts(has_people=False), prefs=PREFS, now=NOW)
    assert set(wanted) == {LetterKind.FOLLOW_UP_1, LetterKind.FOLLOW_UP_2}


def test_an_interview_recorded_days_later_gets_no_thank_you_reminder():
    late = facts(ends_at=NOW - dt.timedelta(days=3))
    assert LetterKind.THANK_YOU not in wanted_reminders(facts=late, prefs=PREFS, now=NOW)
    # ...unless it already had one (a reschedule must not drop it).
    assert LetterKind.THANK_YOU in wanted_reminders(facts=late, prefs=PREFS, now=NOW, has_thank_you_row=True)


def test_recorded_late_the_thank_you_is_due_at_once():
    wanted = wanted_reminders(facts=facts(ends_at=NOW - dt.timedelta(hours=5)), prefs=PREFS, now=NOW)
    assert wanted[LetterKind.THANK_YOU] == NOW


def test_the_second_follow_up_follows_a_snoozed_first():
    snoozed = dt.datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    wanted = wanted_reminders(facts=facts(), prefs=PREFS, now=NOW, first_follow_up_due=snoozed)
    assert wanted[LetterKind.FOLLOW_UP_1] == snoozed
    assert wanted[LetterKind.FOLLOW_UP_2] == dt.datetime(2026, 12, 14, 9, 0, tzinfo=UTC)


def test_sent_follow_ups_are_not_wanted_again():
    wanted = wanted_reminders(facts=facts(follow_up_1_sent=True), prefs=PREFS, now=NOW)
    assert LetterKind.FOLLOW_UP_1 not in wanted
    assert LetterKind.FOLLOW_UP_2 in wanted


def test_decision_date_moves_the_first_follow_up():
    wanted = wanted_reminders(facts=facts(decision_date=dt.date(2026, 12, 4)), prefs=PREFS, now=NOW)
    assert wanted[LetterKind.FOLLOW_UP_1] == dt.datetime(
        2026, 12, 9, 9, 0, tzinfo=UTC
    )  # three business days after
