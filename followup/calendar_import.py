"""Reading a calendar invite (.ics, an invitation email, pasted text) into plain events: no database, no clock.

The calendar itself is parsed by the icalendar library; this module finds the invite in what the user gave,
and reads from each event what an interview needs: times in the right zone, the place or meeting link, the
people, and what the title says about the role and the round.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import icalendar
from dateutil import rrule

MAX_BYTES = 1_000_000
# A series offers this many of its occurrences to choose from.
MAX_OCCURRENCES = 10
DEFAULT_LENGTH = dt.timedelta(hours=1)

# Calendar user types that are never a person met: rooms, equipment and mailing lists (RFC 5545 CUTYPE).
NOT_PEOPLE = {"ROOM", "RESOURCE", "GROUP"}
# Addresses of calendars and scheduling services rather than of people.
SERVICE_DOMAINS = (
    "calendar.google.com",
    "resource.calendar.google.com",
    "group.calendar.google.com",
    "calendly.com",
    "zoom.us",
    "greenhouse.io",
    "lever.co",
    "ashbyhq.com",
    "goodtime.io",
)
SERVICE_LOCAL_PARTS = re.compile(
    r"^(no-?reply|do-?not-?reply|notifications?|calendar|invites?)([+.-]|$)", re.I
)
# Mail providers anyone can use: their domain says nothing about the employer.
FREE_MAIL_DOMAINS = {
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "fastmail.com",
    "hey.com",
}
# Second-level suffixes under which the company's name is the label before them (acme.co.uk).
TWO_PART_SUFFIXES = {"co", "com", "org", "net", "ac", "gov", "ne", "or"}

MEETING_LINK = re.compile(
    r"https://(?:"
    r"(?:[\w-]+\.)?zoom\.us/(?:j|my|w|s)/[^\s<>\"')\]]+"
    r"|(?:[\w-]+\.)?zoomgov\.com/j/[^\s<>\"')\]]+"
    r"|meet\.google\.com/[a-z0-9-]+[^\s<>\"')\]]*"
    r"|teams\.microsoft\.com/(?:l/meetup-join|meet)/[^\s<>\"')\]]+"
    r"|teams\.live\.com/meet/[^\s<>\"')\]]+"
    r"|[\w-]+\.webex\.com/[^\s<>\"')\]]+"
    r")",
    re.IGNORECASE,
)
GENERIC_LOCATIONS = re.compile(
    r"^(microsoft teams( meeting)?|teams|zoom( meeting)?|google meet|webex( meeting)?|online|video call|tbd)$",
    re.IGNORECASE,
)
PHONE_NUMBER = re.compile(r"^\+?[\d\s().-]{7,}$")

ROUND_WORDS = re.compile(
    r"\b("
    r"(?:first|second|third|fourth|fifth|final|last|1st|2nd|3rd|4th|5th|next)[- ]round"
    r"|round (?:one|two|three|four|five|\d)"
    r"|(?:phone|recruiter|technical|tech|initial|hr|intro|video|screening) (?:screen|call|interview)"
    r"|phone screen|screening call"
    r"|on-?site(?: interview)?"
    r"|(?:final |technical |hiring )?panel(?: interview)?"
    r"|hiring manager(?: interview| call| chat)?"
    r"|system design(?: interview)?"
    r"|coding interview|pair(?:ing)? (?:session|interview)|take-home review|case study|culture fit"
    r")\b",
    re.IGNORECASE,
)
NUMBERED_ROUND = re.compile(
    r"\b(?:first|second|third|fourth|fifth|final|1st|2nd|3rd|4th|5th)[- ]round\b", re.I
)
ROLE_WORDS = re.compile(
    r"\b(engineer|developer|designer|manager|analyst|scientist|director|lead|architect|specialist|"
    r"consultant|coordinator|intern|administrator|officer|accountant|writer|editor|recruiter|"
    r"representative|associate|head of|programmer|researcher|strategist|technician|assistant|"
    r"producer|marketer|nurse|teacher|sre|devops|vp)\b",
    re.IGNORECASE,
)
NOISE_WORDS = re.compile(
    r"\b(interview(?:ing)?|invitation|invite|updated?|meeting|call|chat|with|re|fwd?)\b:?", re.I
)
SEPARATORS = re.compile(r"\s+[-–—|/]\s+|\s*[:()\[\]]\s*|\s+<>\s+|\s+x\s+")
# "Interview: Backend Engineer at Acme", Followup's own feed titles and many recruiters' alike.
ROLE_AT_COMPANY = re.compile(
    r"^(?:interview:\s*)?(?P<role>.+?)\s+at\s+(?P<company>[^()\[\]:–—|]+?)\s*(?:\((?P<round>[^)]*)\))?$", re.I
)


class InviteError(ValueError):
    """The input cannot give an interview; the message is one sentence for the form."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class InvitePerson:
    name: str
    email: str
    organizer: bool = False


@dataclass(frozen=True)
class InviteEvent:
    """One event of an invite, as far as an interview is concerned. Times are aware."""

    key: str  # the UID, with the occurrence's start for one occurrence of a series
    uid: str
    sequence: int
    cancelled: bool
    summary: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    location: str
    meeting_link: str
    description: str
    people: tuple[InvitePerson, ...]
    domains: tuple[str, ...]
    role: str = ""
    round: str = ""
    company_name: str = ""
    format: str = "video"
    notes: list[str] = field(default_factory=list, compare=False)

    @property
    def location_or_link(self) -> str:
        """What the form's "location or link" field gets: the link, after the place if there is one."""
        place = self.location.strip()
        if self.meeting_link and (not place or GENERIC_LOCATIONS.match(place) or self.meeting_link in place):
            return self.meeting_link[:500]
        if self.meeting_link:
            return f"{place} · {self.meeting_link}"[:500]
        return place[:500]


# Reading the input -------------------------------------------------------------------------------------


def calendar_text(data: bytes) -> str:
    """The calendar in an .ics file, an invitation email or pasted text, as text; InviteError otherwise."""
    if len(data) > MAX_BYTES:
        raise InviteError(
            "That file is over 1 MB, too big for a calendar invite; choose the invite's .ics file."
        )
    if not data.strip():
        raise InviteError("The invite is empty: choose an .ics or .eml file, or paste the invite's text.")
    raw = data.removeprefix(b"\xef\xbb\xbf")
    if b"BEGIN:VCALENDAR" not in raw.upper() and _looks_like_email(raw):
        return _calendar_from_email(raw)
    text = _decode(raw, "utf-8")
    return _cut_calendar(text)


def _looks_like_email(raw: bytes) -> bool:
    head = raw[:4000].lower()
    return b"content-type:" in head or b"mime-version:" in head


def _decode(raw: bytes, charset: str) -> str:
    try:
        return raw.decode(charset or "utf-8")
    except (UnicodeDecodeError, LookupError):
        raise InviteError(
            "The invite's text is garbled (it is not valid UTF-8); export the invite again and retry."
        ) from None


def _cut_calendar(text: str) -> str:
    upper = text.upper()
    start = upper.find("BEGIN:VCALENDAR")
    if start == -1:
        raise InviteError(
            "This is not a calendar invite: choose the .ics file or the invitation email (.eml), "
            "or paste text that starts with BEGIN:VCALENDAR."
        )
    end = upper.find("END:VCALENDAR", start)
    if end == -1:
        raise InviteError("The invite is cut short (it has no END:VCALENDAR); copy or export all of it.")
    return text[start : end + len("END:VCALENDAR")] + "\r\n"


def _calendar_from_email(raw: bytes) -> str:
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        parts = list(message.walk())
    except Exception:  # the email package raises many kinds of error on a broken message
        raise InviteError(
            "That email could not be read; save the invitation again as .eml and retry."
        ) from None
    for part in parts:
        content_type = part.get_content_type()
        filename = (part.get_filename() or "").lower()
        if content_type in ("text/calendar", "application/ics") or filename.endswith(".ics"):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload:  # decode=True gives bytes for a leaf part
                return _cut_calendar(_decode(payload, part.get_content_charset() or "utf-8"))
    raise InviteError("That email holds no calendar invite; open the invitation itself and save it as .eml.")


# Events ------------------------------------------------------------------------------------------------


def invite_events(
    data: bytes, *, own_emails: Iterable[str], zone: dt.tzinfo, now: dt.datetime
) -> list[InviteEvent]:
    """Every event of the invite in `data` worth offering, in start order. Floating times are in `zone`;
    `now` picks which occurrences of a series to offer. Raises InviteError with a sentence for the user."""
    calendar = _parse(calendar_text(data))
    own = {address.strip().casefold() for address in own_emails if address}
    method = str(calendar.get("METHOD", "")).upper()
    components = calendar.walk("VEVENT")
    if not components:
        raise InviteError("The invite holds no event (no VEVENT); check that it is a meeting invitation.")
    events: list[InviteEvent] = []
    problems: list[str] = []
    for component in components:
        try:
            events.extend(_read_event(component, method=method, own=own, zone=zone, now=now))
        except InviteError as error:
            problems.append(error.message)
    if not events:
        raise InviteError(problems[0])
    events.sort(key=lambda event: (event.starts_at, event.key))
    return _latest_versions(events)


def _parse(text: str) -> icalendar.Calendar:
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception:  # icalendar raises ValueError, KeyError and others on malformed input
        raise InviteError(
            "The invite is malformed and could not be read; export it again and retry."
        ) from None
    calendars = [c for c in calendars if c.name == "VCALENDAR"]
    if not calendars:
        raise InviteError("This is not a calendar invite: it has no VCALENDAR.")
    return calendars[0]


def _latest_versions(events: list[InviteEvent]) -> list[InviteEvent]:
    """One event per key: an update sent together with the original keeps only the higher SEQUENCE."""
    latest: dict[str, InviteEvent] = {}
    for event in events:
        kept = latest.get(event.key)
        if kept is None or event.sequence >= kept.sequence:
            latest[event.key] = event
    return sorted(latest.values(), key=lambda event: (event.starts_at, event.key))


def _text(component: icalendar.cal.Component, name: str) -> str:
    value = component.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0]
    return str(value).strip()


def _moment(component: icalendar.cal.Component, name: str, zone: dt.tzinfo) -> dt.datetime | dt.date | None:
    prop = component.get(name)
    if prop is None:
        return None
    value = prop.dt
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            tzid = prop.params.get("TZID") if hasattr(prop, "params") else None
            if tzid:
                raise InviteError(
                    f"The invite uses the time zone “{tzid}”, which Followup does not know; "
                    "enter the times yourself."
                )
            # A floating time means the same wall-clock time wherever the reader is: the user's zone.
            value = value.replace(tzinfo=zone)
        return value.astimezone(dt.UTC)
    return value if isinstance(value, dt.date) else None


def _read_event(
    component: icalendar.cal.Component, *, method: str, own: set[str], zone: dt.tzinfo, now: dt.datetime
) -> list[InviteEvent]:
    start = _moment(component, "DTSTART", zone)
    if start is None:
        raise InviteError("The invite's event has no start time.")
    if not isinstance(start, dt.datetime):
        raise InviteError(
            "This is an all-day event; an interview needs a start and end time, so enter them yourself."
        )
    end = _moment(component, "DTEND", zone)
    if isinstance(end, dt.datetime) and end > start:
        length = end - start
    else:
        duration = component.get("DURATION")
        length = (
            duration.dt if duration is not None and isinstance(duration.dt, dt.timedelta) else DEFAULT_LENGTH
        )
        if length <= dt.timedelta(0):
            length = DEFAULT_LENGTH
    # Short enough to store with an occurrence's start (Interview.invite_uid holds 300 characters).
    uid = _text(component, "UID")[:280]
    try:
        sequence = int(str(component.get("SEQUENCE", 0)))
    except ValueError:
        sequence = 0
    cancelled = method == "CANCEL" or _text(component, "STATUS").upper() == "CANCELLED"
    summary = " ".join(_text(component, "SUMMARY").split())
    description = _text(component, "DESCRIPTION")
    location = ", ".join(
        " ".join(line.split()) for line in _text(component, "LOCATION").splitlines() if line.strip()
    )
    people, domains = _people(component, own)
    role, round_, company = summary_parts(summary, people=[p.name for p in people])
    if not round_:
        # Only an explicit "second round" in the description: its other words are too loose to trust.
        numbered = NUMBERED_ROUND.search(description)
        round_ = numbered.group(0).capitalize() if numbered else ""
    company = _company_name(company, domains)
    link = meeting_link(component)
    base: dict[str, Any] = {
        "uid": uid,
        "sequence": sequence,
        "cancelled": cancelled,
        "summary": summary,
        "location": location,
        "meeting_link": link,
        "description": description,
        "people": people,
        "domains": domains,
        "role": role,
        "round": round_,
        "company_name": company,
        "format": _format(summary, location, link),
    }
    recurrence_id = _moment(component, "RECURRENCE-ID", zone)
    if isinstance(recurrence_id, dt.datetime):
        return [
            InviteEvent(
                key=_occurrence_key(uid, recurrence_id), starts_at=start, ends_at=start + length, **base
            )
        ]
    starts = _occurrences(component, start, now) if component.get("RRULE") else [start]
    return [
        InviteEvent(
            key=_occurrence_key(uid, at) if len(starts) > 1 or at != start else uid,
            starts_at=at,
            ends_at=at + length,
            **base,
        )
        for at in starts
    ]


def _occurrence_key(uid: str, at: dt.datetime) -> str:
    return f"{uid}/{at.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"


def _occurrences(
    component: icalendar.cal.Component, start: dt.datetime, now: dt.datetime
) -> list[dt.datetime]:
    """The occurrences of a series from a week ago on, in UTC; for a series that has ended, its last ones."""
    try:
        rule = component.get("RRULE")
        rule = rule[0] if isinstance(rule, list) else rule
        # Expanded in the event's own zone, so a weekly 10:00 stays 10:00 across a change of the clocks.
        series = rrule.rrulestr(rule.to_ical().decode(), dtstart=start.astimezone(_zone_of(component)))
        skipped = _excluded(component)

        def kept() -> Iterator[dt.datetime]:
            # Bounded, so a rule repeating every minute since 1900 cannot keep a request busy.
            return (at for at in itertools.islice(series, 100_000) if at.astimezone(dt.UTC) not in skipped)

        later = (at for at in kept() if at >= now - dt.timedelta(days=7))
        found = list(itertools.islice(later, MAX_OCCURRENCES))
        if not found:
            found = list(itertools.islice(kept(), 1000))[-MAX_OCCURRENCES:]
    except (ValueError, TypeError, OverflowError):
        return [start]
    return [at.astimezone(dt.UTC) for at in found] or [start]


def _excluded(component: icalendar.cal.Component) -> set[dt.datetime]:
    """The occurrences EXDATE takes out of a series (a meeting skipped that week), in UTC."""
    found: set[dt.datetime] = set()
    values = component.get("EXDATE") or []
    for value in values if isinstance(values, list) else [values]:
        for item in getattr(value, "dts", []):
            moment = item.dt
            if isinstance(moment, dt.datetime):
                aware = moment if moment.tzinfo else moment.replace(tzinfo=_zone_of(component))
                found.add(aware.astimezone(dt.UTC))
    return found


def _zone_of(component: icalendar.cal.Component) -> dt.tzinfo:
    value = component.get("DTSTART").dt
    return value.tzinfo if isinstance(value, dt.datetime) and value.tzinfo else dt.UTC


def _address(value: object) -> str:
    text = str(value or "").strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    text = text.strip()
    return text if re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+", text) else ""


def _is_service_address(address: str) -> bool:
    local, _, domain = address.casefold().partition("@")
    return bool(SERVICE_LOCAL_PARTS.match(local)) or any(
        domain == d or domain.endswith("." + d) for d in SERVICE_DOMAINS
    )


def name_from_address(address: str) -> str:
    """'priya.singh@acme.com' -> 'Priya Singh': a guess the user sees and corrects before saving."""
    local = address.partition("@")[0]
    words = [w for w in re.split(r"[._\-+]+", local) if w.isalpha()]
    return " ".join(w.capitalize() for w in words) or local


def _people(
    component: icalendar.cal.Component, own: set[str]
) -> tuple[tuple[InvitePerson, ...], tuple[str, ...]]:
    """The people met (organizer first), and the email domains of everyone but the user, in order."""
    found: list[InvitePerson] = []
    domains: list[str] = []
    seen: set[str] = set()
    entries = []
    organizer = component.get("ORGANIZER")
    if organizer is not None:
        entries.append((organizer, True))
    attendees = component.get("ATTENDEE") or []
    if not isinstance(attendees, list):
        attendees = [attendees]
    entries.extend((attendee, False) for attendee in attendees)
    for prop, is_organizer in entries:
        params = getattr(prop, "params", {})
        address = _address(prop) or _address(params.get("EMAIL"))
        key = address.casefold()
        if not address or key in own:
            continue
        if str(params.get("CUTYPE", "INDIVIDUAL")).upper() in NOT_PEOPLE or _is_service_address(address):
            continue
        domain = key.rpartition("@")[2]
        if domain not in domains:
            domains.append(domain)
        if str(params.get("PARTSTAT", "")).upper() == "DECLINED" or key in seen:
            continue
        seen.add(key)
        name = " ".join(str(params.get("CN", "")).strip().strip("'\"").split())
        if not name or "@" in name:
            name = name_from_address(address)
        elif re.fullmatch(r"[^,\s]+(?: [^,\s]+)?, [^,\s]+(?: [^,\s]+)?", name):
            # Directories write "Morgan, Alex"; a letter says "Alex Morgan".
            last, first = name.split(", ")
            name = f"{first} {last}"
        found.append(InvitePerson(name=name[:200], email=address, organizer=is_organizer))
    return tuple(found), tuple(domains)


def meeting_link(component: icalendar.cal.Component) -> str:
    """The first Zoom, Google Meet, Teams or Webex link in the places invites put them."""
    sources: list[str] = []
    for name in ("CONFERENCE", "X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL", "LOCATION", "URL"):
        value = component.get(name)
        values = value if isinstance(value, list) else [value]
        sources.extend(str(v) for v in values if v is not None)
    sources.append(_text(component, "DESCRIPTION"))
    sources.append(_text(component, "X-ALT-DESC"))
    for source in sources:
        match = MEETING_LINK.search(source)
        if match:
            return match.group(0).rstrip(".,;>")
    return ""


def _format(summary: str, location: str, link: str) -> str:
    if link:
        return "video"
    if PHONE_NUMBER.match(location) or (not location and re.search(r"\bphone\b", summary, re.I)):
        return "phone"
    if location and not GENERIC_LOCATIONS.match(location):
        return "onsite"
    return "video"


def _company_name(from_summary: str, domains: tuple[str, ...]) -> str:
    """The title's company name when it agrees with an email domain or no domain names one; else the
    domain's: "Acme Robotics" from the title beats "Acme-robotics" from the address, a stray word does not."""
    suggested = next((name for name in map(company_name_from_domain, domains) if name), "")
    if not suggested or not from_summary:
        return from_summary or suggested
    squashed = re.sub(r"\W", "", from_summary).casefold()
    domain_key = re.sub(r"\W", "", suggested).casefold()
    if squashed and (squashed in domain_key or domain_key in squashed):
        return from_summary
    return suggested


def summary_parts(summary: str, *, people: Iterable[str] = ()) -> tuple[str, str, str]:
    """The role, the round and the company a title names, each "" when it does not say. `people` are
    the names of those invited, never taken for a company."""
    round_match = ROUND_WORDS.search(summary)
    round_ = round_match.group(0) if round_match else ""
    round_ = round_[:1].upper() + round_[1:].lower()
    plain = ROLE_AT_COMPANY.match(summary)
    if plain and ROLE_WORDS.search(plain.group("role")):
        role = _clean_role(plain.group("role"), round_match)
        inner = (plain.group("round") or "").strip()
        if inner and not round_:
            round_ = inner[:1].upper() + inner[1:]
        return role, round_[:100], plain.group("company").strip()[:200]
    role = ""
    segments = [segment for segment in SEPARATORS.split(summary) if segment and segment.strip()]
    for segment in segments:
        if ROLE_WORDS.search(segment):
            role = _clean_role(segment, round_match)
            if role:
                break
    company = ""
    at_company = re.search(r"\bat\s+([A-Z][\w&.' -]{1,60}?)\s*(?:$|[-–—|(:/])", summary)
    if at_company:
        company = at_company.group(1).strip()
    else:
        names = {name.casefold() for name in people} | {
            word.casefold() for name in people for word in name.replace(",", " ").split()
        }
        for segment in segments:
            if ROLE_WORDS.search(segment) or ROUND_WORDS.search(segment):
                continue
            candidate = " ".join(NOISE_WORDS.sub(" ", segment).split()).strip(" -–—,.&")
            words = candidate.split()
            if (
                candidate
                and candidate[0].isupper()
                and len(words) <= 4
                and candidate.casefold() not in names
                and not any(word.casefold() in names for word in words)
            ):
                company = candidate
                break
    return role, round_[:100], company[:200]


def _clean_role(text: str, round_match: re.Match[str] | None) -> str:
    if round_match:
        text = text.replace(round_match.group(0), " ")
    text = re.sub(r"^\s*(?:(?:for|the|a|an|as)\s+)+", "", NOISE_WORDS.sub(" ", text), flags=re.I)
    text = re.sub(r"\s+(?:role|position)$", "", " ".join(text.split()), flags=re.I)
    return text.strip(" -–—,.:")[:200]


def company_name_from_domain(domain: str) -> str:
    """'acme-robotics.co.uk' -> 'Acme Robotics'; "" for a free mail provider."""
    if domain in FREE_MAIL_DOMAINS:
        return ""
    labels = [label for label in domain.split(".") if label]
    if len(labels) < 2:
        return ""
    name = labels[-2]
    if len(labels) >= 3 and labels[-2] in TWO_PART_SUFFIXES and len(labels[-1]) == 2:
        name = labels[-3]
    return " ".join(part.capitalize() for part in re.split(r"[-_]", name) if part)
