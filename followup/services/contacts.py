"""Contacts: the people a user meets at companies. Create, edit, delete, and what a deletion takes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from followup import signals
from followup.models import Company, Contact, Interview, User
from followup.services.companies import company_get_or_create
from followup.services.deletion import DeletionSummary, deletion_counts, join_words
from followup.services.versions import ChangedElsewhere, versioned_save

# Every field a user edits on a contact.
CONTACT_FIELDS = Contact.EDITABLE_FIELDS
# Fields that appear in letter drafts (greeting, address block): changing them is announced for every
# interview the contact was in, so unedited drafts can be refreshed.
LETTER_FIELDS = {"company", "name", "honorific", "title", "email", "address_style"}


def _check_company(*, user: User, company: Company) -> None:
    if company.user_id != user.pk:
        raise ValidationError({"company": "Choose one of your own companies."})


def _announce(interviews: Iterable[Interview], changes: set[str]) -> None:
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


def _with_company(*, user: User, data: Mapping[str, Any], new_company: str) -> dict[str, Any]:
    """The form's values, with the company typed as a new name found or created when none was chosen."""
    values = dict(data)
    if not values["company"]:
        values["company"] = company_get_or_create(user=user, name=new_company)
    return values


def contact_create_from_form(*, user: User, data: Mapping[str, Any], new_company: str = "") -> Contact:
    """A new contact from the contact form, its newly typed company created with it or not at all."""
    with transaction.atomic():
        return contact_create(user=user, **_with_company(user=user, data=data, new_company=new_company))


def contact_update_from_form(
    *, contact: Contact, data: Mapping[str, Any], new_company: str = "", expected_version: int | None = None
) -> set[str]:
    """contact_update from the contact form, its newly typed company created with it or not at all."""
    with transaction.atomic():
        values = _with_company(user=contact.user, data=data, new_company=new_company)
        return contact_update(contact=contact, data=values, expected_version=expected_version)


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
        changed = versioned_save(
            row=contact,
            wanted=wanted,
            values=data,
            expected_version=expected_version,
            changed_elsewhere=ContactChanged,
            stored_value=_stored_value,
        )
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
