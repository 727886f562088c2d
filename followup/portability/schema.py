"""followup.json: which rows and fields an export holds, version by version.

Each section lists its model's fields by name. A field a model gains is either added to `fields` (and
so exported and restored) or to `not_exported` with the reason; tests/portability/test_schema.py fails
until one of the two is done, so no new field is forgotten. Adding a field keeps FORMAT_VERSION: a
reader fills a field missing from an older file with the model's default. Renaming or removing one, or
changing what a value means, raises it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models

from followup.models import Company, Contact, Interview, Participant, User
from letters.models import Letter
from reminders.models import Reminder

FORMAT = "followup-export"
FORMAT_VERSION = 1

# The account's own settings; email and password stay with the account they are restored into.
USER_FIELDS = (*User.PROFILE_FIELDS, *User.REMINDER_FIELDS, "onboarded_at", "date_joined")
USER_NOT_EXPORTED = {
    "id": "the account restored into keeps its own",
    "email": "the account restored into keeps its own",
    "password": "a secret",
    "last_login": "about the session, not the data",
    "is_superuser": "granted by the site, not the user's data",
    "is_staff": "granted by the site, not the user's data",
    "is_active": "granted by the site, not the user's data",
    "calendar_token": "a secret address: a restored account makes a new one",
}


@dataclass(frozen=True)
class Section:
    key: str  # the list's name in followup.json
    model: type[models.Model]
    fields: tuple[str, ...]
    # Foreign keys to rows of earlier sections: field name -> section key. They hold that row's "id".
    links: dict[str, str] = field(default_factory=dict)
    # The lookup from this model to its owner.
    owner: str = "user"
    not_exported: dict[str, str] = field(default_factory=dict)

    @property
    def auto_fields(self) -> tuple[str, ...]:
        """Fields Django stamps on save (auto_now, auto_now_add): restored by a second write."""
        return tuple(
            f.name
            for f in self.model._meta.concrete_fields
            if f.name in self.fields and (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
        )


OWNED = {"id": "exported as the row's id", "user": "the account itself"}

SECTIONS = (
    Section(
        "companies",
        Company,
        ("name", "website", "notes", "version", "created_at"),
        not_exported=OWNED,
    ),
    Section(
        "contacts",
        Contact,
        # The company is a link, below.
        (*(name for name in Contact.EDITABLE_FIELDS if name != "company"), "version", "created_at"),
        links={"company": "companies"},
        not_exported=OWNED,
    ),
    Section(
        "interviews",
        Interview,
        (
            "role",
            "round",
            "format",
            "starts_at",
            "ends_at",
            "location",
            "topics",
            "missed_point",
            "why_role",
            "contribution",
            "decision_date",
            "since_we_spoke",
            "notes",
            "status",
            "invite_uid",
            "invite_sequence",
            "version",
            "created_at",
            "updated_at",
        ),
        links={"company": "companies"},
        not_exported=OWNED,
    ),
    Section(
        "participants",
        Participant,
        ("discussed", "position"),
        links={"interview": "interviews", "contact": "contacts"},
        owner="interview__user",
        not_exported={"id": "exported as the row's id"},
    ),
    Section(
        "letters",
        Letter,
        (
            "kind",
            "tone",
            "subject",
            "body",
            "generated_subject",
            "generated_body",
            "previous_subject",
            "previous_body",
            "status",
            "sent_on",
            "version",
            "created_at",
            "updated_at",
        ),
        links={"interview": "interviews", "contact": "contacts"},
        not_exported=OWNED,
    ),
    Section(
        "reminders",
        Reminder,
        (
            "kind",
            "due_at",
            "next_attempt_at",
            "state",
            "attempts",
            "last_error",
            "claimed_at",
            "sent_at",
            "cancelled_reason",
            "sequence",
            "created_at",
            "updated_at",
        ),
        links={"interview": "interviews"},
        not_exported=OWNED,
    ),
)

SECTION_BY_KEY = {section.key: section for section in SECTIONS}
