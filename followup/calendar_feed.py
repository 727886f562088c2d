"""The private calendar feed and an interview's .ics download: events as plain data, written with icalendar.

Building the calendar is pure. What goes into the feed comes from sources: the core's interviews, and
whatever other apps add to FEED_SOURCES (reminders adds the days letters are due), so this core module never
imports them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import icalendar

PRODID = "-//Followup//Interviews and follow-ups//EN"


@dataclass(frozen=True)
class FeedEvent:
    """One event of the feed. SEQUENCE grows with every change of what it stands for."""

    uid: str
    sequence: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    summary: str
    changed_at: dt.datetime
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False


@dataclass(frozen=True)
class FeedSource:
    """Events another app adds to a user's feed.

    stamp(user) is cheap (an aggregate or two) and changes whenever the events would, so the feed is
    rebuilt only then; events(user) reads them in a constant number of queries.
    """

    name: str
    stamp: Callable[..., str]
    events: Callable[..., list[FeedEvent]]


# Filled by other apps' AppConfig.ready (reminders: the days thank-yous and follow-ups are due).
FEED_SOURCES: list[FeedSource] = []


def sequence_for(*, created_at: dt.datetime, changed_at: dt.datetime) -> int:
    """A SEQUENCE that grows with each save without a counter: seconds from creation to the last change."""
    return max(int((changed_at - created_at).total_seconds()), 0)


def feed_build(*, events: Iterable[FeedEvent], name: str, zone: dt.tzinfo) -> bytes:
    """An iCalendar document of the events, their times written in `zone` with its VTIMEZONE."""
    calendar = icalendar.Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.add("X-WR-CALNAME", name)
    # Calendar apps that honour it poll hourly; most decide for themselves.
    calendar.add("REFRESH-INTERVAL", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", "PT1H")
    for item in events:
        calendar.add_component(_vevent(item, zone))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _vevent(item: FeedEvent, zone: dt.tzinfo) -> icalendar.Event:
    event = icalendar.Event()
    event.add("UID", item.uid)
    event.add("SEQUENCE", item.sequence)
    event.add("DTSTAMP", item.changed_at.astimezone(dt.UTC))
    event.add("LAST-MODIFIED", item.changed_at.astimezone(dt.UTC))
    event.add("DTSTART", item.starts_at.astimezone(zone))
    event.add("DTEND", item.ends_at.astimezone(zone))
    event.add("SUMMARY", item.summary)
    if item.description:
        event.add("DESCRIPTION", item.description)
    if item.location:
        event.add("LOCATION", item.location)
    if item.url:
        event.add("URL", item.url)
    event.add("STATUS", "CANCELLED" if item.cancelled else "CONFIRMED")
    event.add("TRANSP", "OPAQUE")
    return event
