"""Reading contact files: decoding the bytes, telling the format apart, LinkedIn's and other CSVs, vCards.

Pure: bytes in, plain records out ({"name", "honorific", "email", "phone", "company", "title",
"linkedin_url", "notes"}); a file Followup cannot read raises ContactFileError with one sentence for the user.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from followup.portability.vcard import VCardError, read_vcards

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000

# The fields of a record, with the label the column-mapping step shows for each.
FIELDS = {
    "name": "Full name",
    "first_name": "First name",
    "last_name": "Last name",
    "email": "Email",
    "company": "Company",
    "title": "Job title",
    "phone": "Phone",
    "linkedin_url": "LinkedIn URL",
    "notes": "Notes",
}
RECORD_FIELDS = ("name", "honorific", "email", "phone", "company", "title", "linkedin_url", "notes")

LINKEDIN_HEADER = ("First Name", "Last Name")
LINKEDIN_COLUMNS = {
    "First Name": "first_name",
    "Last Name": "last_name",
    "URL": "linkedin_url",
    "Email Address": "email",
    "Company": "company",
    "Position": "title",
}

# Column names other programs use (Google, Outlook, Apple Numbers, hand-made sheets), lower-cased, for
# the mapping step's first guess.
GUESSES = {
    "name": ("name", "full name", "display name", "contact name"),
    "first_name": ("first name", "given name", "firstname", "first"),
    "last_name": ("last name", "family name", "surname", "lastname", "last"),
    "email": (
        "email",
        "e-mail",
        "email address",
        "e-mail address",
        "e-mail 1 - value",
        "email 1",
        "primary email",
    ),
    "company": ("company", "organization", "organisation", "organization 1 - name", "employer", "org"),
    "title": ("title", "job title", "position", "organization 1 - title", "role"),
    "phone": ("phone", "mobile", "mobile phone", "phone 1 - value", "business phone", "telephone", "tel"),
    "linkedin_url": ("linkedin", "linkedin url", "url", "profile url", "website 1 - value"),
    "notes": ("notes", "note", "comments"),
}


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


class ContactFileError(ValueError):
    """A file that cannot be imported; the message is the one sentence the user reads."""


@dataclass
class ParsedFile:
    kind: str  # "linkedin", "vcard" or "csv"
    records: list[dict[str, str]] = field(default_factory=list)
    # For a generic CSV, awaiting its column mapping:
    headers: list[str] = field(default_factory=list)
    text: str = ""


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (with or without a BOM), UTF-16 (with a BOM or by its zero bytes), or Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    elif data[:200].count(b"\x00") > 20:
        candidates = ["utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"]
    else:
        candidates = ["utf-8-sig", "cp1252"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Zero bytes or other control characters mean binary data read as text, not a contacts file
        # (and PostgreSQL stores no zero character in text).
        if _CONTROL.search(text):
            break
        return text.lstrip("\ufeff")
    raise ContactFileError(
        "This file's characters cannot be read: save it as UTF-8 (or UTF-16) text and upload it again."
    )


def _csv_rows(text: str) -> list[list[str]]:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [row for row in csv.reader(io.StringIO(text), dialect) if any(cell.strip() for cell in row)]
    except csv.Error as error:
        raise ContactFileError(
            "This CSV file is broken (" + str(error) + "): check it and upload it again."
        ) from error


def _check_rows(count: int) -> None:
    if count > MAX_ROWS:
        raise ContactFileError(f"This file has more than {MAX_ROWS:,} contacts: split it into smaller files.")


def _connected_on(text: str) -> str:
    for pattern in ("%d %b %Y", "%Y-%m-%d", "%m/%d/%Y"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date().isoformat()
        except ValueError:
            continue
    return ""


def parse_linkedin(text: str) -> list[dict[str, str]]:
    """LinkedIn's Connections.csv: some note lines, a blank line, then the header and one row a connection."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.lstrip('"').startswith("First Name")), None)
    if start is None:
        raise ContactFileError(
            "This does not look like LinkedIn's Connections.csv: its header row is missing."
        )
    rows = _csv_rows("\n".join(lines[start:]))
    header, body = rows[0], rows[1:]
    _check_rows(len(body))
    index = {name.strip(): i for i, name in enumerate(header)}
    records = []
    for row in body:
        mapping = {ours: index[theirs] for theirs, ours in LINKEDIN_COLUMNS.items() if theirs in index}
        record = records_from_row(row, mapping)
        if "Connected On" in index and index["Connected On"] < len(row):
            when = _connected_on(row[index["Connected On"]])
            if when:
                record["notes"] = f"Connected on LinkedIn on {when}."
        records.append(record)
    return records


def records_from_row(row: list[str], mapping: dict[str, int]) -> dict[str, str]:
    """One CSV row as a record, given which column holds each field."""

    def cell(key: str) -> str:
        i = mapping.get(key)
        return row[i].strip() if i is not None and i < len(row) else ""

    name = cell("name") or " ".join(p for p in (cell("first_name"), cell("last_name")) if p)
    record = {key: cell(key) for key in RECORD_FIELDS if key not in ("name", "honorific")}
    record.update(name=" ".join(name.split()), honorific="")
    return record


def guess_mapping(headers: list[str]) -> dict[str, int]:
    """Which column probably holds each field, from the column names."""
    lowered = [h.strip().lower() for h in headers]
    mapping = {}
    for key, names in GUESSES.items():
        for name in names:
            if name in lowered:
                mapping[key] = lowered.index(name)
                break
    if "name" in mapping and ("first_name" in mapping or "last_name" in mapping):
        del mapping["name"]
    return mapping


def parse_mapped_csv(text: str, mapping: dict[str, int]) -> list[dict[str, str]]:
    rows = _csv_rows(text)
    return [records_from_row(row, mapping) for row in rows[1:]]


def read_contact_file(data: bytes, *, filename: str = "") -> ParsedFile:
    """Reads an uploaded file; a generic CSV comes back with its headers, for the mapping step."""
    if not data.strip():
        raise ContactFileError("The file is empty: choose the file you exported and upload it again.")
    if len(data) > MAX_BYTES:
        raise ContactFileError("The file is larger than 5 MB: split it into smaller files.")
    text = decode(data)
    if not text.strip():
        raise ContactFileError("The file is empty: choose the file you exported and upload it again.")
    head = text.lstrip()[:2000]
    if head.upper().startswith("BEGIN:VCARD"):
        try:
            records = read_vcards(text)
        except VCardError as error:
            raise ContactFileError(
                "This vCard file is broken and cannot be read: export it again."
            ) from error
        if not any(r["name"] for r in records):
            raise ContactFileError("This vCard file holds no contacts with a name.")
        _check_rows(len(records))
        return ParsedFile(kind="vcard", records=records)
    if any(line.lstrip('"').startswith("First Name,Last Name") for line in head.splitlines()[:10]):
        return ParsedFile(kind="linkedin", records=parse_linkedin(text))
    rows = _csv_rows(text)
    if len(rows) == 1 and len(rows[0]) >= 2:
        raise ContactFileError("This file has a header row but no contacts under it.")
    if len(rows) < 2 or len(rows[0]) < 2:
        raise ContactFileError(
            "Followup cannot read this file: upload LinkedIn's Connections.csv, a vCard (.vcf) "
            "or a CSV file with a header row and one contact a line."
        )
    _check_rows(len(rows) - 1)
    return ParsedFile(kind="csv", headers=[h.strip() for h in rows[0]], text=text)
