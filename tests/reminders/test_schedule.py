"""Tests for the pure reminder scheduling in reminders.schedule."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reminders.schedule import (
    SNOOZE_CHOICES,
    Preferences,
    add_business_days,
    align_to_business_hour,
    at_local_hour,
    backoff_delay,
    follow_up_1_due,
    follow_up_2_due,
    is_business_day,
    next_digest_time,
    snooze_until,
    thank_you_due,
)

# Every test here runs on each tricky day (tests/clock.py): due dates come from the `now` passed in,
# never from the machine's clock.
pytestmark = pytest.mark.usefixtures("on_each_day")

UTC = dt.UTC
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
SYDNEY = ZoneInfo("Australia/Sydney")


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


# Business days


def test_weekends_are_not_business_days():
    assert is_business_day(dt.date(2026, 6, 5))  # Friday
    assert not is_business_day(dt.date(2026, 6, 6))  # Saturday
    assert not is_business_day(dt.date(2026, 6, 7))  # Sunday
    assert is_business_day(dt.date(2026, 6, 8))  # Monday


@pytest.mark.parametrize(
    "day",
    [dt.date(2026, 11, 26), dt.date(2026, 12, 25)],
    ids=["thanksgiving", "christmas"],
)
def test_us_holidays_are_not_business_days(day):
    assert not is_business_day(day, country="US")
    assert is_business_day(day)


def test_uk_bank_holiday_is_not_a_business_day():
    spring_bank_holiday = dt.date(2026, 5, 25)
    assert not is_business_day(spring_bank_holiday, country="GB")
    assert is_business_day(dt.date(2026, 5, 26), country="GB")


def test_german_holiday_is_not_a_business_day():
    ascension_day = dt.date(2026, 5, 14)
    assert not is_business_day(ascension_day, country="DE")
    assert is_business_day(ascension_day, country="US")


def test_without_a_country_only_weekends_are_skipped():
    assert is_business_day(dt.date(2026, 12, 25), country="")
    assert add_business_days(dt.date(2026, 12, 24), 1) == dt.date(2026, 12, 25)


def test_unknown_country_code_means_weekends_only():
    assert is_business_day(dt.date(2026, 12, 25), country="XX")
    assert not is_business_day(dt.date(2026, 12, 26), country="XX")


def test_country_code_is_case_insensitive():
    assert not is_business_day(dt.date(2026, 11, 26), country="us")


def test_weekend_follows_the_country():
    # Israel rests on Friday and Saturday and works on Sunday.
    assert not is_business_day(dt.date(2026, 6, 5), country="IL")
    assert is_business_day(dt.date(2026, 6, 7), country="IL")


def test_adding_business_days_skips_the_weekend():
    assert add_business_days(dt.date(2026, 6, 5), 1) == dt.date(2026, 6, 8)
    assert add_business_days(dt.date(2026, 6, 5), 7) == dt.date(2026, 6, 16)


def test_adding_business_days_counts_after_a_weekend_start():
    assert add_business_days(dt.date(2026, 6, 6), 3) == dt.date(2026, 6, 10)


def test_adding_zero_business_days_gives_the_first_business_day_on_or_after():
    assert add_business_days(dt.date(2026, 6, 5), 0) == dt.date(2026, 6, 5)
    assert add_business_days(dt.date(2026, 6, 6), 0) == dt.date(2026, 6, 8)
    assert add_business_days(dt.date(2026, 11, 26), 0, country="US") == dt.date(2026, 11, 27)


def test_adding_negative_business_days_is_refused():
    with pytest.raises(ValueError):
        add_business_days(dt.date(2026, 6, 5), -1)


def test_a_datetime_is_not_taken_for_a_date():
    with pytest.raises(TypeError):
        is_business_day(dt.datetime(2026, 11, 26, 12, tzinfo=UTC), country="US")


# Thank-you


def test_thank_you_is_due_two_hours_after_the_end():
    ends_at = dt.datetime(2026, 6, 5, 15, 0, tzinfo=BERLIN)
    due = thank_you_due(ends_at=ends_at, now=ends_at + dt.timedelta(minutes=5), prefs=Preferences())
    assert due == utc(2026, 6, 5, 15, 0)
    assert due.tzinfo is UTC


def test_thank_you_recorded_late_is_due_at_once():
    ends_at = utc(2026, 6, 5, 13, 0)
    now = utc(2026, 6, 5, 20, 0)
    assert thank_you_due(ends_at=ends_at, now=now, prefs=Preferences()) == now


def test_thank_you_uses_the_users_delay():
    prefs = Preferences(thank_you_delay=dt.timedelta(minutes=30))
    ends_at = utc(2026, 6, 5, 13, 0)
    assert thank_you_due(ends_at=ends_at, now=ends_at, prefs=prefs) == utc(2026, 6, 5, 13, 30)


def test_thank_you_delay_counts_real_hours_across_a_clock_change():
    # New York falls back at 2:00 EDT on 2026-11-01; 00:30 EDT plus two hours is 01:30 EST.
    ends_at = dt.datetime(2026, 11, 1, 0, 30, tzinfo=NEW_YORK)
    assert thank_you_due(ends_at=ends_at, now=ends_at, prefs=Preferences()) == utc(2026, 11, 1, 6, 30)


# Follow-ups


def test_follow_up_is_seven_business_days_after_an_interview_on_a_friday():
    ends_at = utc(2026, 6, 5, 15, 0)
    due = follow_up_1_due(ends_at=ends_at, decision_date=None, prefs=Preferences())
    assert due == utc(2026, 6, 16, 9, 0)


def test_follow_up_is_three_business_days_after_the_decision_date():
    ends_at = utc(2026, 6, 1, 15, 0)
    due = follow_up_1_due(ends_at=ends_at, decision_date=dt.date(2026, 6, 8), prefs=Preferences())
    assert due == utc(2026, 6, 11, 9, 0)


def test_decision_date_on_a_weekend_counts_from_the_next_days():
    ends_at = utc(2026, 6, 1, 15, 0)
    due = follow_up_1_due(ends_at=ends_at, decision_date=dt.date(2026, 6, 13), prefs=Preferences())
    assert due == utc(2026, 6, 17, 9, 0)


def test_decision_date_before_a_holiday_skips_the_holiday():
    prefs = Preferences(country="US")
    ends_at = utc(2026, 11, 16, 15, 0)
    due = follow_up_1_due(ends_at=ends_at, decision_date=dt.date(2026, 11, 24), prefs=prefs)
    assert due == utc(2026, 11, 30, 9, 0)  # Wed 25, (Thanksgiving), Fri 27, Mon 30


def test_decision_date_on_a_holiday_counts_from_the_next_days():
    prefs = Preferences(country="US")
    ends_at = utc(2026, 11, 16, 15, 0)
    due = follow_up_1_due(ends_at=ends_at, decision_date=dt.date(2026, 11, 26), prefs=prefs)
    assert due == utc(2026, 12, 1, 9, 0)


def test_decision_date_before_the_interview_counts_from_the_interview():
    ends_at = utc(2026, 6, 8, 15, 0)
    due = follow_up_1_due(ends_at=ends_at, decision_date=dt.date(2026, 6, 1), prefs=Preferences())
    assert due == utc(2026, 6, 11, 9, 0)


@pytest.mark.parametrize(
    ("time_zone", "expected"),
    [
        ("America/Los_Angeles", utc(2026, 6, 16, 16, 0)),
        ("Europe/Berlin", utc(2026, 6, 16, 7, 0)),
        ("Asia/Kolkata", utc(2026, 6, 16, 3, 30)),
        ("Australia/Sydney", utc(2026, 6, 15, 23, 0)),
    ],
)
def test_follow_up_goes_out_at_nine_local_time(time_zone, expected):
    prefs = Preferences(time_zone=time_zone)
    ends_at = dt.datetime(2026, 6, 5, 15, 0, tzinfo=ZoneInfo(time_zone))
    due = follow_up_1_due(ends_at=ends_at, decision_date=None, prefs=prefs)
    assert due == expected
    assert due.astimezone(ZoneInfo(time_zone)).time() == dt.time(9, 0)


def test_late_evening_interview_counts_from_its_local_date():
    # Thursday 22:30 in Los Angeles is already Friday in UTC.
    prefs = Preferences(time_zone="America/Los_Angeles")
    ends_at = dt.datetime(2026, 6, 4, 22, 30, tzinfo=LOS_ANGELES)
    due = follow_up_1_due(ends_at=ends_at, decision_date=None, prefs=prefs)
    assert due == dt.datetime(2026, 6, 15, 9, 0, tzinfo=LOS_ANGELES)


def test_early_morning_interview_counts_from_its_local_date():
    # Monday 8:00 in Sydney is still Sunday in UTC.
    prefs = Preferences(time_zone="Australia/Sydney")
    ends_at = dt.datetime(2026, 6, 8, 8, 0, tzinfo=SYDNEY)
    due = follow_up_1_due(ends_at=ends_at, decision_date=None, prefs=prefs)
    assert due == dt.datetime(2026, 6, 17, 9, 0, tzinfo=SYDNEY)


def test_follow_up_keeps_nine_local_after_daylight_saving_ends():
    prefs = Preferences(time_zone="America/New_York", country="US")
    ends_at = dt.datetime(2026, 10, 23, 14, 0, tzinfo=NEW_YORK)  # EDT, UTC-4
    due = follow_up_1_due(ends_at=ends_at, decision_date=None, prefs=prefs)
    assert due == utc(2026, 11, 3, 14, 0)  # 9:00 EST, UTC-5


def test_follow_up_keeps_nine_local_after_daylight_saving_starts():
    prefs = Preferences(time_zone="Europe/Berlin", country="DE")
    ends_at = dt.datetime(2026, 3, 20, 14, 0, tzinfo=BERLIN)  # CET, UTC+1
    due = follow_up_1_due(ends_at=ends_at, decision_date=None, prefs=prefs)
    assert due == utc(2026, 3, 31, 7, 0)  # 9:00 CEST, UTC+2


def test_reminder_hour_skipped_by_the_clocks_moves_forward():
    prefs = Preferences(time_zone="America/New_York", reminder_hour=2)
    due = at_local_hour(dt.date(2026, 3, 8), prefs=prefs)
    assert due == utc(2026, 3, 8, 7, 0)
    assert due.astimezone(NEW_YORK).time() == dt.time(3, 0)


def test_reminder_hour_repeated_by_the_clocks_is_the_first_one():
    prefs = Preferences(time_zone="America/New_York", reminder_hour=1)
    assert at_local_hour(dt.date(2026, 11, 1), prefs=prefs) == utc(2026, 11, 1, 5, 0)  # 1:00 EDT


def test_second_follow_up_is_five_business_days_after_the_first():
    first_due = utc(2026, 6, 16, 9, 0)
    assert follow_up_2_due(first_due=first_due, prefs=Preferences()) == utc(2026, 6, 23, 9, 0)


def test_second_follow_up_skips_holidays():
    # Juneteenth, Friday 2026-06-19.
    first_due = utc(2026, 6, 16, 9, 0)
    assert follow_up_2_due(first_due=first_due, prefs=Preferences(country="US")) == utc(2026, 6, 24, 9, 0)


def test_second_follow_up_counts_from_the_first_ones_local_date():
    prefs = Preferences(time_zone="Australia/Sydney")
    first_due = follow_up_1_due(
        ends_at=dt.datetime(2026, 6, 8, 8, 0, tzinfo=SYDNEY), decision_date=None, prefs=prefs
    )
    assert follow_up_2_due(first_due=first_due, prefs=prefs) == dt.datetime(2026, 6, 24, 9, 0, tzinfo=SYDNEY)


# Snooze


@pytest.mark.parametrize(
    ("choice", "expected"),
    [("1d", utc(2026, 6, 9, 14, 0)), ("3d", utc(2026, 6, 11, 14, 0)), ("1w", utc(2026, 6, 15, 14, 0))],
)
def test_snooze_adds_calendar_days(choice, expected):
    assert snooze_until(now=utc(2026, 6, 8, 14, 0), choice=choice, prefs=Preferences()) == expected


def test_snooze_choices_have_labels():
    assert {key: label for key, (label, _) in SNOOZE_CHOICES.items()} == {
        "1d": "a day",
        "3d": "three days",
        "1w": "a week",
    }


def test_snooze_keeps_the_local_time_across_a_clock_change():
    prefs = Preferences(time_zone="Europe/Berlin")
    now = dt.datetime(2026, 3, 28, 9, 0, tzinfo=BERLIN)
    assert snooze_until(now=now, choice="1d", prefs=prefs) == dt.datetime(2026, 3, 29, 9, 0, tzinfo=BERLIN)


def test_unknown_snooze_choice_raises():
    with pytest.raises(ValueError, match="Unknown snooze choice"):
        snooze_until(now=utc(2026, 6, 8, 14, 0), choice="2d", prefs=Preferences())


# Digest and alignment


def test_digest_before_the_hour_is_today():
    prefs = Preferences(time_zone="Europe/Berlin")
    now = dt.datetime(2026, 6, 9, 8, 0, tzinfo=BERLIN)
    assert next_digest_time(now=now, prefs=prefs) == utc(2026, 6, 9, 7, 0)


def test_digest_after_the_hour_is_the_next_business_day():
    prefs = Preferences(time_zone="Europe/Berlin")
    now = dt.datetime(2026, 6, 9, 10, 0, tzinfo=BERLIN)
    assert next_digest_time(now=now, prefs=prefs) == utc(2026, 6, 10, 7, 0)


def test_digest_at_exactly_the_hour_is_the_next_business_day():
    prefs = Preferences(time_zone="Europe/Berlin")
    now = dt.datetime(2026, 6, 9, 9, 0, tzinfo=BERLIN)
    assert next_digest_time(now=now, prefs=prefs) == utc(2026, 6, 10, 7, 0)


def test_digest_on_a_friday_evening_is_monday():
    prefs = Preferences(time_zone="Europe/Berlin")
    now = dt.datetime(2026, 6, 12, 19, 0, tzinfo=BERLIN)
    assert next_digest_time(now=now, prefs=prefs) == utc(2026, 6, 15, 7, 0)


def test_digest_skips_a_holiday():
    prefs = Preferences(time_zone="America/New_York", country="US")
    now = dt.datetime(2026, 11, 25, 18, 0, tzinfo=NEW_YORK)
    assert next_digest_time(now=now, prefs=prefs) == utc(2026, 11, 27, 14, 0)


def test_aligning_a_weekend_due_time_moves_it_to_monday():
    prefs = Preferences(time_zone="Europe/Berlin")
    due = dt.datetime(2026, 6, 13, 15, 0, tzinfo=BERLIN)
    assert align_to_business_hour(due=due, prefs=prefs) == utc(2026, 6, 15, 7, 0)


def test_aligning_keeps_a_due_time_exactly_at_the_hour():
    due = utc(2026, 6, 9, 9, 0)
    assert align_to_business_hour(due=due, prefs=Preferences()) == due


def test_aligning_moves_an_early_due_time_to_the_hour_that_day():
    assert align_to_business_hour(due=utc(2026, 6, 9, 6, 0), prefs=Preferences()) == utc(2026, 6, 9, 9, 0)


def test_aligning_moves_a_late_due_time_to_the_next_business_day():
    assert align_to_business_hour(due=utc(2026, 6, 9, 9, 1), prefs=Preferences()) == utc(2026, 6, 10, 9, 0)


# Backoff


def test_backoff_doubles_with_each_attempt():
    delays = [backoff_delay(attempts=n, rand=0.0) for n in range(1, 6)]
    assert delays == [dt.timedelta(seconds=s) for s in (15, 30, 60, 120, 240)]


def test_backoff_is_capped_at_an_hour():
    for attempts in (8, 50, 10**6):
        assert backoff_delay(attempts=attempts, rand=0.0) == dt.timedelta(minutes=30)
        assert backoff_delay(attempts=attempts, rand=0.999999) < dt.timedelta(hours=1)


@pytest.mark.parametrize("attempts", [1, 3, 7, 12])
@pytest.mark.parametrize("rand", [0.0, 0.25, 0.5, 0.999999])
def test_backoff_jitter_stays_between_half_and_the_whole_base(attempts, rand):
    base = min(dt.timedelta(seconds=30) * 2 ** (attempts - 1), dt.timedelta(hours=1))
    assert base / 2 <= backoff_delay(attempts=attempts, rand=rand) < base


@pytest.mark.parametrize(("attempts", "rand"), [(0, 0.5), (1, 1.0), (1, -0.1)])
def test_backoff_refuses_arguments_out_of_range(attempts, rand):
    with pytest.raises(ValueError):
        backoff_delay(attempts=attempts, rand=rand)


# Validation


NAIVE = dt.datetime(2026, 6, 5, 15, 0)


@pytest.mark.parametrize(
    "call",
    [
        lambda p: thank_you_due(ends_at=NAIVE, now=utc(2026, 6, 5, 15, 0), prefs=p),
        lambda p: thank_you_due(ends_at=utc(2026, 6, 5, 15, 0), now=NAIVE, prefs=p),
        lambda p: follow_up_1_due(ends_at=NAIVE, decision_date=None, prefs=p),
        lambda p: follow_up_2_due(first_due=NAIVE, prefs=p),
        lambda p: snooze_until(now=NAIVE, choice="1d", prefs=p),
        lambda p: next_digest_time(now=NAIVE, prefs=p),
        lambda p: align_to_business_hour(due=NAIVE, prefs=p),
    ],
    ids=["thank_you_end", "thank_you_now", "follow_up_1", "follow_up_2", "snooze", "digest", "align"],
)
def test_naive_datetime_raises(call):
    with pytest.raises(ValueError, match="aware datetime required"):
        call(Preferences())


def test_unknown_time_zone_raises():
    with pytest.raises(ValueError, match="Unknown time zone 'Mars/Olympus'"):
        Preferences(time_zone="Mars/Olympus")


@pytest.mark.parametrize(
    "fields",
    [
        {"reminder_hour": 24},
        {"reminder_hour": -1},
        {"thank_you_delay": dt.timedelta(hours=-1)},
        {"follow_up_after_decision_days": 0},
        {"second_follow_up_days": -2},
    ],
)
def test_out_of_range_preferences_raise(fields):
    with pytest.raises(ValueError):
        Preferences(**fields)


# Properties

ZONES = [
    "UTC",
    "America/Los_Angeles",
    "America/New_York",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
]
COUNTRIES = ["", "US", "GB", "DE", "FR", "JP", "IN", "AU", "BR", "IL", "XX"]


@st.composite
def preferences(draw):
    return Preferences(
        time_zone=draw(st.sampled_from(ZONES)),
        country=draw(st.sampled_from(COUNTRIES)),
        reminder_hour=draw(st.integers(0, 23)),
        follow_up_after_decision_days=draw(st.integers(1, 15)),
        follow_up_after_interview_days=draw(st.integers(1, 15)),
        second_follow_up_days=draw(st.integers(1, 15)),
    )


def _assert_on_a_business_day_at_the_reminder_hour(due: dt.datetime, prefs: Preferences) -> None:
    local = due.astimezone(prefs.zone)
    assert is_business_day(local.date(), country=prefs.country)
    wanted = dt.datetime.combine(local.date(), dt.time(prefs.reminder_hour))
    skipped = (
        wanted.replace(tzinfo=prefs.zone).astimezone(UTC).astimezone(prefs.zone).replace(tzinfo=None)
        != wanted
    )
    assert local.replace(tzinfo=None) == wanted or (skipped and local.replace(tzinfo=None) > wanted)


@settings(max_examples=300, deadline=None)
@given(
    ends_at=st.datetimes(
        # Within the years the holidays package covers for every country sampled (India: 2001-2035).
        min_value=dt.datetime(2001, 1, 1),
        max_value=dt.datetime(2034, 12, 31),
        timezones=st.sampled_from([ZoneInfo(name) for name in ZONES]),
        allow_imaginary=False,
    ),
    decision_offset=st.none() | st.integers(-10, 60),
    prefs=preferences(),
)
def test_follow_ups_fall_after_the_interview_on_business_days_at_the_reminder_hour(
    ends_at, decision_offset, prefs
):
    decision_date = None if decision_offset is None else ends_at.date() + dt.timedelta(days=decision_offset)

    first = follow_up_1_due(ends_at=ends_at, decision_date=decision_date, prefs=prefs)
    second = follow_up_2_due(first_due=first, prefs=prefs)

    assert first.tzinfo is UTC and second.tzinfo is UTC
    assert first > ends_at
    assert second > first
    _assert_on_a_business_day_at_the_reminder_hour(first, prefs)
    _assert_on_a_business_day_at_the_reminder_hour(second, prefs)
