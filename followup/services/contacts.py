"""Contacts: the people a user meets at companies. Create, edit, delete, and what a deletion takes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from followup import signals
from followup.models import Company, Contact, Interview, User
from followup.services.companies import DeletionSummary, deletion_counts, join_words
from followup.services.versions import ChangedElsewhere

# Every field a user edits on a contact.
CONTACT_FIELDS = (
    "company",
    "name",
    "honorific",
    "title",
    "email",
    "phone",
    "linkedin_url",
    "role",
    "address_style",
    "notes",
)
# Fields that appear in letter drafts (greeting, address block): changing them is announced for every
# interview the contact was in, so unedited drafts can be refreshed.
LETTER_FIELDS = {"company", "name", "honorific", "title", "email", "address_style"}


def _check_company(*, user: User, company: Company) -> None:
    if company.user_id != user.pk:
        raise ValidationError({"company": "Choose one of your own companies."})


def _announce(interviews, changes: set[str]) -> None:
    for interview in interviews:
        signals.interview_changed.send(sender=Interview, interview=interview, created=False, changes=changes)


def contact_create(
    *,
    user: User,
    company: Company,
    name: str,
    honorific: str = "",
    title: str = "",
    email: str = "",
    phone: str = "",
    linkedin_url: str = "",
    role: str = Contact.Role.INTERVIEWER,
    address_style: str = Contact.AddressStyle.FORMAL,
    notes: str = "",
) -> Contact:
    _check_company(user=user, company=company)
    return Contact.objects.create(
        user=user,
        company=company,
        name=name,
        honorific=honorific,
        title=title,
        email=email,
        phone=phone,
        linkedin_url=linkedin_url,
        role=role,
        address_style=address_style,
        notes=notes,
    )


class ContactChanged(ChangedElsewhere):
    what = "contact"


def _stored_value(contact: Contact, name: str) -> Any:
    # The company is compared by id, so comparing does not load it.
    return contact.company_id if name == "company" else getattr(contact, name)


def contact_update(
    *, contact: Contact, data: Mapping[str, Any], expected_version: int | None = None
) -> set[str]:
    """Saves the fields of `data` (names from CONTACT_FIELDS) and returns those that changed.

    Every change moves the contact's version; with `expected_version`, a contact whose version has moved
    on since is left as it is and ContactChanged is raised.
    """
    unknown = set(data) - set(CONTACT_FIELDS)
    if unknown:
        raise ValueError(f"Not contact fields: {', '.join(sorted(unknown))}")
    if "company" in data:
        _check_company(user=contact.user, company=data["company"])
    wanted = {name: (value.pk if name == "company" else value) for name, value in data.items()}
    with transaction.atomic():
        # Compared under the row lock: two saves at once cannot both pass the check.
        stored = Contact.objects.select_for_update().get(pk=contact.pk)
        if expected_version is not None and stored.version != expected_version:
            raise ContactChanged(stored.version)
        changed = {name for name, value in wanted.items() if _stored_value(stored, name) != value}
        contact.version = stored.version
        if not changed:
            return changed
        for name in changed:
            setattr(contact, name, data[name])
        contact.version = stored.version + 1
        contact.save(update_fields=[*sorted(changed), "version"])
        if changed & LETTER_FIELDS:
            _announce(contact.interviews.select_related("company"), {"details"})
    return changed


@dataclass(frozen=True)
class ContactDeletionSummary:
    """Interviews the contact is removed from (they stay), and the rows deleted with the contact."""

    name: str
    interviews: int
    deleted: DeletionSummary

    @property
    def sentences(self) -> list[str]:
        out = []
        if self.interviews:
            noun = "interview" if self.interviews == 1 else "interviews"
            out.append(
                f"{self.name} is removed from {self.interviews} {noun}; the {noun} "
                f"{'itself stays' if self.interviews == 1 else 'themselves stay'}."
            )
        parts = self.deleted.parts(skip=[Interview])
        if parts:
            out.append(f"Deleting them also deletes {join_words(parts)}.")
        if not out:
            out.append(f"{self.name} is not in any interview, so nothing else changes.")
        return out


def contact_deletion_summary(*, contact: Contact) -> ContactDeletionSummary:
    return ContactDeletionSummary(
        name=contact.name,
        interviews=contact.participations.count(),
        deleted=deletion_counts(contact),
    )


def contact_delete(*, contact: Contact) -> None:
    """Deletes the contact; the interviews they were in stay, with one person fewer."""
    with transaction.atomic():
        interviews = list(contact.interviews.select_related("company"))
        contact.delete()
        # Their people changed: an edit page opened before must not put the contact back.
        Interview.objects.filter(pk__in=[i.pk for i in interviews]).update(
            version=F("version") + 1, updated_at=timezone.now()
        )
        # The people met changed: reminders and letters listen for this like for an edit.
        _announce(interviews, {"people"})
