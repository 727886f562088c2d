"""The private calendar feed and an interview's .ics download: events as plain data, written with icalendar.

Building the calendar is pure. What goes into the feed comes from sources: the core's interviews, and
whatever other apps add to FEED_SOURCES (reminders adds the days letters are due), so this core module never
imports them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import icalendar
from icalendar.timezone import tzid_from_dt

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
    return feed_assemble(parts=[feed_events_text(events=events, zone=zone)], name=name, zone=zone)


def feed_events_text(*, events: Iterable[FeedEvent], zone: dt.tzinfo) -> bytes:
    """The events' VEVENT components as iCalendar text, to be put together by feed_assemble. A feed is
    cached in such parts, so a change to one part's events leaves the others' text as it was."""
    return b"".join(_vevent(item, zone).to_ical() for item in events)


def feed_assemble(*, parts: Iterable[bytes], name: str, zone: dt.tzinfo) -> bytes:
    """The whole calendar: its properties, the zone's VTIMEZONE, then the parts' events."""
    calendar = icalendar.Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.add("X-WR-CALNAME", name)
    # Calendar apps that honour it poll hourly; most decide for themselves.
    calendar.add("REFRESH-INTERVAL", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", "PT1H")
    tzid = tzid_from_dt(dt.datetime(2000, 1, 1, tzinfo=zone))
    if tzid and tzid != "UTC":  # UTC times are written with a Z and need no VTIMEZONE
        # A zone icalendar cannot describe is left out; its times still carry their TZID.
        with contextlib.suppress(ValueError):
            calendar.add_component(icalendar.Timezone.from_tzid(tzid))
    head: bytes = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    return head[: -len(end)] + b"".join(parts) + end


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
