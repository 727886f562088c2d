"""The export archive's files, written from the followup.json data alone (pure: no database, no clock)."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
import zoneinfo
from collections import defaultdict
from collections.abc import Mapping

from django.utils.text import slugify

from followup.portability import ical
from followup.portability.spreadsheet import csv_bytes
from followup.portability.vcard import vcards

README = """Your data from Followup, exported {exported_at}.

followup.json   every row of your account, with ids; Followup can restore it into an empty account
interviews.csv  one row an interview (dates in ISO 8601, in your time zone {zone})
contacts.csv    one row a contact
letters.csv     one row a letter
contacts.vcf    your contacts as vCard 4.0, for any address book
interviews.ics  your interviews as calendar events
letters/        every letter as a text file

The CSV files are UTF-8 with a byte-order mark, so spreadsheet programs read accents correctly. A cell
that begins with = + - or @ starts with an apostrophe, so that it is never run as a formula.
"""


def _local(value: str | None, zone: zoneinfo.ZoneInfo) -> str:
    if not value:
        return ""
    return dt.datetime.fromisoformat(value).astimezone(zone).isoformat(timespec="minutes")


def _index(rows: list[dict], key: str = "id") -> dict[int, dict]:
    return {row[key]: row for row in rows}


def interviews_csv(data: Mapping, zone: zoneinfo.ZoneInfo) -> bytes:
    companies = _index(data["companies"])
    contacts = _index(data["contacts"])
    people = defaultdict(list)
    for p in sorted(data["participants"], key=lambda p: (p["position"], p["id"])):
        people[p["interview"]].append(contacts[p["contact"]]["name"])
    header = [
        "id", "company", "role", "round", "format", "starts_at", "ends_at", "location", "status",
        "decision_date", "people", "topics", "missed_point", "why_role", "contribution", "notes",
    ]  # fmt: skip
    rows = (
        [
            i["id"],
            companies[i["company"]]["name"],
            i["role"],
            i["round"],
            i["format"],
            _local(i["starts_at"], zone),
            _local(i["ends_at"], zone),
            i["location"],
            i["status"],
            i["decision_date"] or "",
            "; ".join(people[i["id"]]),
            i["topics"],
            i["missed_point"],
            i["why_role"],
            i["contribution"],
            i["notes"],
        ]  # fmt: skip
        for i in data["interviews"]
    )
    return csv_bytes(header, rows)


def contacts_csv(data: Mapping) -> bytes:
    companies = _index(data["companies"])
    header = [
        "id", "name", "honorific", "company", "title", "email", "phone", "linkedin_url", "role",
        "address_style", "notes",
    ]  # fmt: skip
    rows = (
        [
            c["id"],
            c["name"],
            c["honorific"],
            companies[c["company"]]["name"],
            c["title"],
            c["email"],
            c["phone"],
            c["linkedin_url"],
            c["role"],
            c["address_style"],
            c["notes"],
        ]  # fmt: skip
        for c in data["contacts"]
    )
    return csv_bytes(header, rows)


def letters_csv(data: Mapping) -> bytes:
    contacts = _index(data["contacts"])
    interviews = _index(data["interviews"])
    companies = _index(data["companies"])
    header = ["id", "interview_id", "company", "to", "kind", "status", "sent_on", "subject", "body"]
    rows = (
        [
            letter["id"],
            letter["interview"],
            companies[interviews[letter["interview"]]["company"]]["name"],
            contacts[letter["contact"]]["name"],
            letter["kind"],
            letter["status"],
            letter["sent_on"] or "",
            letter["subject"],
            letter["body"],
        ]  # fmt: skip
        for letter in data["letters"]
    )
    return csv_bytes(header, rows)


def letter_files(data: Mapping, zone: zoneinfo.ZoneInfo) -> dict[str, bytes]:
    """letters/<date>-<company>-<person>-<kind>-<id>.txt: the subject, a blank line, the body."""
    contacts = _index(data["contacts"])
    interviews = _index(data["interviews"])
    companies = _index(data["companies"])
    files = {}
    for letter in data["letters"]:
        interview = interviews[letter["interview"]]
        day = _local(interview["starts_at"], zone)[:10]
        words = [companies[interview["company"]]["name"], contacts[letter["contact"]]["name"], letter["kind"]]
        stem = "-".join(slugify(w)[:40] or "x" for w in words)
        text = f"Subject: {letter['subject']}\n\n{letter['body'].rstrip()}\n"
        files[f"letters/{day}-{stem}-{letter['id']}.txt"] = text.encode("utf-8")
    return files


def archive_files(data: Mapping) -> dict[str, bytes]:
    """Every file of the archive by its name."""
    zone_name = data["user"].get("time_zone") or "UTC"
    try:
        zone = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    companies = {c["id"]: c["name"] for c in data["companies"]}
    files = {
        "README.txt": README.format(exported_at=data["exported_at"], zone=zone.key).encode("utf-8"),
        "followup.json": json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"),
        "interviews.csv": interviews_csv(data, zone),
        "contacts.csv": contacts_csv(data),
        "letters.csv": letters_csv(data),
        "contacts.vcf": vcards(data["contacts"], companies=companies).encode("utf-8"),
        "interviews.ics": ical.calendar(data).encode("utf-8"),
    }
    files.update(letter_files(data, zone))
    return files


def zip_bytes(files: Mapping[str, bytes], *, folder: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(f"{folder}/{name}", content)
    return out.getvalue()
