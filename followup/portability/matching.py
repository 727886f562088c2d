"""Deciding what an import does with each record: new, matching a contact the user has, or skipped and why.

Pure: records and the user's existing contacts in, a plan out. A record matches an existing contact by
email (any case), or else by name and company together.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import cast

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

# Contacts without a company are filed under this one (every contact belongs to a company).
NO_COMPANY = "No company"
# What a matched contact may receive from the file, when the user chooses to.
UPDATABLE = ("honorific", "title", "email", "phone", "linkedin_url", "notes")

SKIP_NO_NAME = "no name"
SKIP_REPEATED = "already earlier in the file"

_email = EmailValidator()
_url = URLValidator(schemes=["http", "https"])


def _valid(validator, value: str) -> bool:
    try:
        validator(value)
    except ValidationError:
        return False
    return True


def clean_record(
    record: Mapping[str, str], *, max_lengths: Mapping[str, int], honorifics: Iterable[str]
) -> dict:
    """Trimmed to fit the fields; an email or URL that is not one is dropped rather than stored."""
    clean = {}
    for key in ("name", "honorific", "email", "phone", "company", "title", "linkedin_url", "notes"):
        value = str(record.get(key) or "").strip()
        if key != "notes":
            value = " ".join(value.split())
        clean[key] = value[: max_lengths[key]] if key in max_lengths else value
    if clean["email"] and (
        len(clean["email"]) > max_lengths.get("email", 254) or not _valid(_email, clean["email"])
    ):
        clean["email"] = ""
    if clean["linkedin_url"] and not _valid(_url, clean["linkedin_url"]):
        clean["linkedin_url"] = ""
    if clean["honorific"] not in set(honorifics):
        clean["honorific"] = ""
    clean["company"] = clean["company"] or NO_COMPANY
    return clean


def _name_key(name: str, company: str) -> tuple[str, str]:
    return (name.casefold(), company.casefold())


@dataclass
class Existing:
    """A contact the user has, as the plan needs it."""

    id: int
    name: str
    company: str
    details: dict[str, str]


@dataclass
class Plan:
    new: list[dict] = field(default_factory=list)
    # (record, existing contact id, the changes "fill" would make, the changes "replace" would make)
    matching: list[tuple[dict, int, dict, dict]] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)
    skipped_rows: dict[str, list[int]] = field(default_factory=dict)

    def changes(self, existing_choice: str) -> list[tuple[int, dict]]:
        index = {"fill": 2, "replace": 3}.get(existing_choice)
        if index is None:
            return []
        # Items 2 and 3 of a match are the fields it would fill and those it would replace.
        return [(match[1], cast(dict, match[index])) for match in self.matching if match[index]]


def plan_import(records: Iterable[Mapping[str, str]], existing: Iterable[Existing]) -> Plan:
    by_email: dict[str, Existing] = {}
    by_name: dict[tuple[str, str], Existing] = {}
    for contact in existing:
        if contact.details.get("email"):
            by_email.setdefault(contact.details["email"].casefold(), contact)
        by_name.setdefault(_name_key(contact.name, contact.company), contact)
    plan = Plan()
    seen_emails: set[str] = set()
    seen_names: set[tuple[str, str]] = set()
    for number, record in enumerate(records, start=1):
        if not record["name"]:
            _skip(plan, SKIP_NO_NAME, number)
            continue
        email = record["email"].casefold()
        key = _name_key(record["name"], record["company"])
        if (email and email in seen_emails) or key in seen_names:
            _skip(plan, SKIP_REPEATED, number)
            continue
        if email:
            seen_emails.add(email)
        seen_names.add(key)
        match = (by_email.get(email) if email else None) or by_name.get(key)
        if match is None:
            plan.new.append(dict(record))
            continue
        fill = {k: record[k] for k in UPDATABLE if record[k] and not match.details.get(k)}
        replace = {k: record[k] for k in UPDATABLE if record[k] and record[k] != match.details.get(k)}
        plan.matching.append((dict(record), match.id, fill, replace))
    return plan


def _skip(plan: Plan, reason: str, number: int) -> None:
    plan.skipped[reason] += 1
    plan.skipped_rows.setdefault(reason, []).append(number)
