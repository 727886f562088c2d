"""When reminders fall due: business days, the user's local reminder hour, snoozes and retry backoff."""

import datetime as dt
import functools
from dataclasses import dataclass
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

ONE_DAY = dt.timedelta(days=1)

# Key -> (label for "snooze for …" links and buttons, how long). Calendar time, not business days.
SNOOZE_CHOICES: dict[str, tuple[str, dt.timedelta]] = {
    "1d": ("a day", dt.timedelta(days=1)),
    "3d": ("three days", dt.timedelta(days=3)),
    "1w": ("a week", dt.timedelta(days=7)),
}

BACKOFF_FIRST = dt.timedelta(seconds=30)
BACKOFF_CAP = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Preferences:
    """A user's reminder settings, as the scheduling functions need them."""

    time_zone: str = "UTC"  # IANA name
    country: str = ""  # ISO 3166 alpha-2 ("US", "GB", "DE"…), or "" for weekends only
    thank_you_delay: dt.timedelta = dt.timedelta(hours=2)
    reminder_hour: int = 9  # local hour (0-23) at which follow-up emails go out
    follow_up_after_decision_days: int = 3  # business days after the decision date given
    follow_up_after_interview_days: int = 7  # business days after the interview when no decision date
    second_follow_up_days: int = 5  # business days after the first follow-up

    def __post_init__(self) -> None:
        # Fail where the preferences are built rather than deep inside a schedule computation.
        _zone(self.time_zone)
        if not 0 <= self.reminder_hour <= 23:
            raise ValueError(f"reminder_hour must be between 0 and 23, got {self.reminder_hour}")
        if self.thank_you_delay < dt.timedelta(0):
            raise ValueError(f"thank_you_delay must not be negative, got {self.thank_you_delay}")
        # At least one day, so a follow-up always falls after the interview it follows.
        for name in (
            "follow_up_after_decision_days",
            "follow_up_after_interview_days",
            "second_follow_up_days",
        ):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")

    @property
    def zone(self) -> ZoneInfo:
        return _zone(self.time_zone)


@functools.cache  # bounded by the IANA database; bad names raise and are not cached
def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(
            f"Unknown time zone {name!r}: expected an IANA name such as 'Europe/Berlin'"
        ) from exc


class _DaysOff(NamedTuple):
    weekend: frozenset[int]  # date.weekday() numbers
    holidays: frozenset[dt.date]


_SATURDAY_SUNDAY = _DaysOff(weekend=frozenset({5, 6}), holidays=frozenset())


@functools.lru_cache(maxsize=1024)
def _days_off(country: str, year: int) -> _DaysOff:
    """The weekend and public holidays of `country` in `year`; Saturday and Sunday alone if unknown."""
    if not country:
        return _SATURDAY_SUNDAY
    try:
        table = holidays.country_holidays(country, years=year)
    except (NotImplementedError, KeyError):
        # A code the holidays package lacks must not stop reminders: weekends still apply.
        return _SATURDAY_SUNDAY
    # Keep plain sets, not the HolidayBase: its `in` quietly adds a whole year to the table when asked
    # about a date outside it, which would mutate a cached object shared by every caller.
    return _DaysOff(weekend=frozenset(table.weekend), holidays=frozenset(table))


def _normalize_country(country: str) -> str:
    # The holidays package only knows upper-case codes ("us" raises), and form data may carry spaces.
    return country.strip().upper()


def _require_date(day: dt.date) -> None:
    # A datetime is a date subclass but never equals one, so it would slip past every holiday unnoticed.
    if isinstance(day, dt.datetime):
        raise TypeError(f"a date is required, not a datetime: {day!r}")


def _require_aware(value: dt.datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name}: aware datetime required, got naive {value!r}")


def _is_business_day(day: dt.date, country: str) -> bool:
    days_off = _days_off(country, day.year)
    return day.weekday() not in days_off.weekend and day not in days_off.holidays


def is_business_day(day: dt.date, *, country: str = "") -> bool:
    """Whether `day` is neither a weekend day nor a public holiday in `country` ("" for weekends only).

    The weekend is the country's own (Friday and Saturday in Israel, for instance); without a country,
    or for a code the holidays package does not know, it is Saturday and Sunday with no holidays.
    """
    _require_date(day)
    return _is_business_day(day, _normalize_country(country))


def add_business_days(day: dt.date, days: int, *, country: str = "") -> dt.date:
    """The date `days` business days after `day`.

    Counting starts the day after `day`, so `day` itself never counts, business day or not: three business
    days after a Saturday is the Wednesday. `days=0` gives the first business day on or after `day`.
    """
    _require_date(day)
    if days < 0:
        raise ValueError(f"days must be zero or more, got {days}")
    country = _normalize_country(country)
    if days == 0:
        while not _is_business_day(day, country):
            day += ONE_DAY
        return day
    while days:
        day += ONE_DAY
        if _is_business_day(day, country):
            days -= 1
    return day


def thank_you_due(*, ends_at: dt.datetime, now: dt.datetime, prefs: Preferences) -> dt.datetime:
    """The thank-you delay after the interview ends, or `now` for an interview recorded later than that."""
    _require_aware(ends_at, "ends_at")
    _require_aware(now, "now")
    # In UTC, because adding to a local time is wall-clock arithmetic: two hours across a clock change
    # would be one or three real hours.
    return max(ends_at.astimezone(dt.UTC) + prefs.thank_you_delay, now.astimezone(dt.UTC))


def at_local_hour(day: dt.date, *, prefs: Preferences) -> dt.datetime:
    """The reminder hour on `day` in the user's time zone, as a UTC datetime.

    When clocks go back, a repeated hour means its first occurrence. When they go forward past the reminder
    hour, it moves forward by the length of the jump: 2:00 on a day that skips from 2:00 to 3:00 is 3:00.
    """
    _require_date(day)
    # fold=0 gives both behaviours: the earlier offset for a repeated time, and for a skipped time the
    # offset from before the jump, which lands that much later on the clock.
    local = dt.datetime.combine(day, dt.time(prefs.reminder_hour), tzinfo=prefs.zone)
    return local.astimezone(dt.UTC)


def follow_up_1_due(
    *, ends_at: dt.datetime, decision_date: dt.date | None, prefs: Preferences
) -> dt.datetime:
    """The first follow-up: business days after the decision date if given, else after the interview.

    Days are counted from the interview's date in the user's time zone, which for a late-evening interview
    is not its UTC date. A decision date before the interview counts from the interview instead.
    """
    _require_aware(ends_at, "ends_at")
    interview_day = ends_at.astimezone(prefs.zone).date()
    if decision_date is None:
        start, days = interview_day, prefs.follow_up_after_interview_days
    else:
        # A decision date before the interview is a slip on the form; counting from it could make the
        # follow-up due before the interview happened.
        start, days = max(decision_date, interview_day), prefs.follow_up_after_decision_days
    return at_local_hour(add_business_days(start, days, country=prefs.country), prefs=prefs)


def follow_up_2_due(*, first_due: dt.datetime, prefs: Preferences) -> dt.datetime:
    """The second follow-up: business days after the first one's local date, at the reminder hour."""
    _require_aware(first_due, "first_due")
    first_day = first_due.astimezone(prefs.zone).date()
    return at_local_hour(
        add_business_days(first_day, prefs.second_follow_up_days, country=prefs.country), prefs=prefs
    )


def snooze_until(*, now: dt.datetime, choice: str, prefs: Preferences) -> dt.datetime:
    """`now` plus the chosen snooze (a key of SNOOZE_CHOICES), in calendar days on the user's clock."""
    _require_aware(now, "now")
    try:
        _label, duration = SNOOZE_CHOICES[choice]
    except KeyError:
        raise ValueError(
            f"Unknown snooze choice {choice!r}: expected one of {', '.join(SNOOZE_CHOICES)}"
        ) from None
    # Add on the local wall clock, so "a day" after 9:00 is 9:00 again even across a clock change.
    later = now.astimezone(prefs.zone).replace(fold=0) + duration
    return later.astimezone(dt.UTC)


def _first_reminder_slot(moment: dt.datetime, prefs: Preferences, *, strictly_after: bool) -> dt.datetime:
    today = moment.astimezone(prefs.zone).date()
    if is_business_day(today, country=prefs.country):
        slot = at_local_hour(today, prefs=prefs)
        if slot > moment or (slot == moment and not strictly_after):
            return slot
    return at_local_hour(add_business_days(today, 1, country=prefs.country), prefs=prefs)


def next_digest_time(*, now: dt.datetime, prefs: Preferences) -> dt.datetime:
    """The first reminder hour on a business day strictly after `now`: today's if still ahead."""
    _require_aware(now, "now")
    return _first_reminder_slot(now, prefs, strictly_after=True)


def align_to_business_hour(*, due: dt.datetime, prefs: Preferences) -> dt.datetime:
    """The first reminder hour on a business day at or after `due`, for a snoozed or moved follow-up."""
    _require_aware(due, "due")
    return _first_reminder_slot(due, prefs, strictly_after=False)


def backoff_delay(
    *,
    attempts: int,
    rand: float,
    first: dt.timedelta = BACKOFF_FIRST,
    cap: dt.timedelta = BACKOFF_CAP,
) -> dt.timedelta:
    """How long to wait before retrying a send after `attempts` temporary failures (1 after the first).

    `first` (by default 30 seconds) doubling per attempt, capped at `cap` (an hour), then scaled by a jitter factor between 0.5 and 1
    taken from `rand` in [0, 1), so the result lies in [base / 2, base).
    """
    if attempts < 1:
        raise ValueError(f"attempts counts failures so far and starts at 1, got {attempts}")
    if not 0 <= rand < 1:
        raise ValueError(f"rand must be in [0, 1), got {rand}")
    # Bound the exponent so a runaway attempt count cannot overflow the timedelta.
    base: dt.timedelta = min(first * 2 ** min(attempts - 1, 20), cap)
    # Jitter spreads out the retries of sends that failed together, say during an SMTP outage.
    return base * (0.5 + rand / 2)
