"""Which reminders an interview should have and when: a pure function of its facts and the user's settings."""

import datetime as dt
from dataclasses import dataclass

from letters.kinds import LetterKind
from reminders import schedule

# Past this, a thank-you reads as an afterthought: an interview recorded later gets no thank-you reminder.
THANK_YOU_USEFUL_FOR = dt.timedelta(hours=48)


@dataclass(frozen=True)
class ReminderFacts:
    """What the reminder plan needs to know about one interview and its letters."""

    ends_at: dt.datetime
    decision_date: dt.date | None
    is_open: bool  # still waiting on the employer: no reply, outcome or withdrawal recorded
    has_people: bool
    thanks_outstanding: bool  # someone met has no thank-you marked sent
    follow_up_1_sent: bool  # every follow-up letter of that kind is marked sent
    follow_up_2_sent: bool
    reminders_enabled: bool


def wanted_reminders(
    *,
    facts: ReminderFacts,
    prefs: schedule.Preferences,
    now: dt.datetime,
    has_thank_you_row: bool = False,
    first_follow_up_due: dt.datetime | None = None,
) -> dict[str, dt.datetime]:
    """Kind -> due time for every reminder the interview should have now; absent kinds should not exist.

    `first_follow_up_due` is the first follow-up's current due time when it has one (it may have been
    snoozed); the second follows from it.
    """
    if not facts.reminders_enabled or not facts.is_open:
        return {}
    wanted: dict[str, dt.datetime] = {}
    thank_you_useful = has_thank_you_row or now < facts.ends_at + THANK_YOU_USEFUL_FOR
    if facts.has_people and facts.thanks_outstanding and thank_you_useful:
        wanted[LetterKind.THANK_YOU] = schedule.thank_you_due(ends_at=facts.ends_at, now=now, prefs=prefs)
    first = first_follow_up_due or schedule.follow_up_1_due(
        ends_at=facts.ends_at, decision_date=facts.decision_date, prefs=prefs
    )
    if not facts.follow_up_1_sent:
        wanted[LetterKind.FOLLOW_UP_1] = first
    if not facts.follow_up_2_sent:
        wanted[LetterKind.FOLLOW_UP_2] = schedule.follow_up_2_due(first_due=first, prefs=prefs)
    return wanted
