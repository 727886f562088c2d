"""interviews.ics: the user's interviews as iCalendar events (RFC 5545), written from followup.json data."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from followup.portability.vcard import fold


def _text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r", "")
        .replace("\n", "\\n")
    )


def _utc(value: str) -> str:
    return dt.datetime.fromisoformat(value).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(data: Mapping[str, Any]) -> str:
    companies = {c["id"]: c["name"] for c in data["companies"]}
    contacts = {c["id"]: c["name"] for c in data["contacts"]}
    people = defaultdict(list)
    for p in sorted(data["participants"], key=lambda p: (p["position"], p["id"])):
        people[p["interview"]].append(contacts[p["contact"]])
    stamp = _utc(data["exported_at"])
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Followup//Interviews//EN", "CALSCALE:GREGORIAN"]
    for interview in data["interviews"]:
        company = companies[interview["company"]]
        details = [
            f"Round: {interview['round']}" if interview["round"] else "",
            f"Format: {interview['format']}",
        ]
        if people[interview["id"]]:
            details.append("People: " + ", ".join(people[interview["id"]]))
        if interview["notes"]:
            details.append(interview["notes"])
        lines += [
            "BEGIN:VEVENT",
            f"UID:interview-{interview['id']}@followup",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(interview['starts_at'])}",
            f"DTEND:{_utc(interview['ends_at'])}",
            f"SUMMARY:{_text(interview['role'] + ' at ' + company)}",
            f"DESCRIPTION:{_text(chr(10).join(d for d in details if d))}",
        ]
        if interview["location"]:
            lines.append(f"LOCATION:{_text(interview['location'])}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
