"""Interviews: record, edit, change status and delete, announcing each change to letters and reminders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Lower
from django.utils import timezone

from followup import signals
from followup.models import Company, Contact, Interview, Participant, User
from followup.services.companies import company_get_or_create
from followup.services.versions import ChangedElsewhere

# Interview fields the caller passes in `data`, grouped by the change they announce. The company is
# passed as "company" (a Company of the user) or "company_name" (found ignoring case, or created).
TIME_FIELDS = ("starts_at", "ends_at")
DETAIL_FIELDS = (
    "role",
    "round",
    "format",
    "location",
    "topics",
    "missed_point",
    "why_role",
    "contribution",
    "since_we_spoke",
    "notes",
)
FIELDS = (*TIME_FIELDS, *DETAIL_FIELDS, "decision_date", "status")

ALL_CHANGES = frozenset({"people", "times", "decision_date", "status", "details"})


@dataclass(frozen=True)
class PersonEntry:
    """One person met, as entered: an existing contact, or a name (with title and email) for a new one.

    A new name that matches a contact at the interview's company (ignoring case) reuses that contact.
    """

    contact: Contact | None = None
    name: str = ""
    title: str = ""
    email: str = ""
    discussed: str = ""

    def __post_init__(self) -> None:
        if self.contact is None and not self.name.strip():
            raise ValueError("A person needs a contact or a name.")


def _resolve_company(*, user: User, data: dict[str, Any]) -> Company:
    company: Company | None = data.get("company")
    if company is not None:
        if company.user_id != user.pk:
            raise ValidationError("That company is not one of yours.", code="foreign_company")
        return company
    name = (data.get("company_name") or "").strip()
    if not name:
        raise ValidationError("Enter the company's name.", code="company_required")
    return company_get_or_create(user=user, name=name)


def _resolve_people(
    *, user: User, company: Company, people: Sequence[PersonEntry]
) -> list[tuple[Contact, str]]:
    """Each entry's contact (found or created) with what was discussed, in the order entered.

    Raises ValidationError when two entries turn out to be the same person: the participant table
    allows one row per interview and person.
    """
    resolved: list[tuple[Contact, str]] = []
    seen: set[int] = set()
    for entry in people:
        contact = entry.contact
        if contact is not None:
            if contact.user_id != user.pk:
                raise ValidationError("That contact is not one of yours.", code="foreign_contact")
        else:
            name = entry.name.strip()
            # Same comparison as the company name: lower() in the database, so "priya" reuses "Priya".
            contact = (
                Contact.objects.owned_by(user)
                .filter(company=company)
                .annotate(lower_name=Lower("name"))
                .filter(lower_name=Lower(Value(name)))
                .order_by("pk")
                .first()
            )
            if contact is None:
                contact = Contact.objects.create(
                    user=user,
                    company=company,
                    name=name,
                    title=entry.title.strip(),
                    email=entry.email.strip(),
                )
            else:
                # Fill in what the saved contact lacks; never overwrite what the user saved before.
                filled = []
                if entry.title.strip() and not contact.title:
                    contact.title = entry.title.strip()
                    filled.append("title")
                if entry.email.strip() and not contact.email:
                    contact.email = entry.email.strip()
                    filled.append("email")
                if filled:
                    # An edit page of this contact opened before must not save over what was filled in.
                    Contact.objects.filter(pk=contact.pk).update(
                        **{f: getattr(contact, f) for f in filled}, version=F("version") + 1
                    )
        if contact.pk in seen:
            raise ValidationError(
                "%(name)s is in the list twice. Keep one row for each person.",
                code="duplicate_person",
                params={"name": contact.name},
            )
        seen.add(contact.pk)
        resolved.append((contact, entry.discussed))
    return resolved


def _set_people(*, interview: Interview, people: list[tuple[Contact, str]]) -> bool:
    """Makes the interview's participants exactly `people`, in order. True when anything changed."""
    # Read from the table, not a prefetched list that may be stale.
    existing = {p.contact_id: p for p in Participant.objects.filter(interview=interview)}
    wanted = {contact.pk for contact, _ in people}
    changed = False
    gone = [p.pk for contact_id, p in existing.items() if contact_id not in wanted]
    if gone:
        Participant.objects.filter(pk__in=gone).delete()
        changed = True
    to_create = []
    for position, (contact, discussed) in enumerate(people):
        participant = existing.get(contact.pk)
        if participant is None:
            to_create.append(
                Participant(interview=interview, contact=contact, discussed=discussed, position=position)
            )
        elif participant.discussed != discussed or participant.position != position:
            participant.discussed = discussed
            participant.position = position
            participant.save(update_fields=["discussed", "position"])
            changed = True
    if to_create:
        Participant.objects.bulk_create(to_create)
        changed = True
    if changed:
        # Listeners of interview_changed read interview.participants: they must see the new rows.
        getattr(interview, "_prefetched_objects_cache", {}).pop("participants", None)
    return changed


def _check_times(data: dict[str, Any]) -> None:
    if data["ends_at"] <= data["starts_at"]:
        raise ValidationError({"ends_at": "The end must be after the start."}, code="ends_before_start")


def _check_status(status: str) -> None:
    if status not in Interview.Status.values:
        raise ValidationError("Unknown status: %(status)s.", code="invalid_status", params={"status": status})


def _announce(*, interview: Interview, created: bool, changes: set[str]) -> None:
    # Sent inside the caller's transaction: listeners write letter drafts and reminder rows atomically
    # with the change, or not at all.
    signals.interview_changed.send(
        sender=Interview, interview=interview, created=created, changes=set(changes)
    )


def interview_record(*, user: User, data: dict[str, Any], people: Sequence[PersonEntry]) -> Interview:
    """Records a new interview with the people met, creating the company and new contacts as needed.

    `data` holds the Interview fields in FIELDS (status and the free-text fields may be left out) and
    "company" or "company_name". Announces interview_changed with created=True; `changes` names what
    the new interview carries: times, status and details always, people and decision_date when given.
    """
    _check_times(data)
    status = data.get("status") or Interview.Status.SCHEDULED
    _check_status(status)
    with transaction.atomic():
        company = _resolve_company(user=user, data=data)
        values = {f: data[f] for f in FIELDS if f in data}
        values["status"] = status
        interview = Interview.objects.create(user=user, company=company, **values)
        resolved = _resolve_people(user=user, company=company, people=people)
        _set_people(interview=interview, people=resolved)
        changes = {"times", "status", "details"}
        if resolved:
            changes.add("people")
        if interview.decision_date is not None:
            changes.add("decision_date")
        _announce(interview=interview, created=True, changes=changes)
    return interview


class InterviewChanged(ChangedElsewhere):
    """The interview was saved elsewhere (another tab, a status click) after the edit page was opened."""

    what = "interview"


def interview_update(
    *,
    interview: Interview,
    data: dict[str, Any],
    people: Sequence[PersonEntry],
    expected_version: int | None = None,
) -> Interview:
    """Saves the edited interview and its people. Announces interview_changed with what really changed
    (nothing is announced when nothing did); the comparison is with the row as stored, locked for the
    length of the transaction so two edits at once cannot both miss each other's change.

    Any change, to the interview's fields, its people or what was discussed with them, moves its
    version; with `expected_version`, an interview whose version has moved on is left as it is and
    InterviewChanged is raised.
    """
    _check_times(data)
    if "status" in data:
        _check_status(data["status"])
    with transaction.atomic():
        stored = Interview.objects.select_for_update().get(pk=interview.pk)
        # Compared under the row lock: an edit made from a stale page never silently undoes a newer one.
        if expected_version is not None and stored.version != expected_version:
            raise InterviewChanged(stored.version)
        company = _resolve_company(user=stored.user, data=data)
        changes: set[str] = set()
        if company.pk != stored.company_id:
            changes.add("details")
        for f in FIELDS:
            if f not in data or getattr(stored, f) == data[f]:
                continue
            if f in TIME_FIELDS:
                changes.add("times")
            elif f in DETAIL_FIELDS:
                changes.add("details")
            else:
                changes.add(f)
        resolved = _resolve_people(user=stored.user, company=company, people=people)
        for f in FIELDS:
            if f in data:
                setattr(interview, f, data[f])
        interview.company = company
        interview.user_id = stored.user_id
        interview.version = stored.version
        if _set_people(interview=interview, people=resolved):
            changes.add("people")
        if changes:
            # People and their notes are rows of their own: the interview's version moves for them too,
            # or a tab opened before a person was added could save the list without them.
            interview.version = stored.version + 1
            interview.save()
            _announce(interview=interview, created=False, changes=changes)
    return interview


def interview_set_status(*, interview: Interview, status: str) -> Interview:
    """Stores the user's choice of status; announces a "status" change when it differs."""
    _check_status(status)
    with transaction.atomic():
        # The conditional update decides the race between two clicks: only one of them changes the row.
        updated = (
            Interview.objects.filter(pk=interview.pk)
            .exclude(status=status)
            .update(status=status, updated_at=timezone.now(), version=F("version") + 1)
        )
        interview.status = status
        if updated:
            _announce(interview=interview, created=False, changes={"status"})
    return interview


def interview_delete(*, interview: Interview) -> None:
    """Deletes the interview with its participants; letter drafts and reminders go with it (cascade)."""
    with transaction.atomic():
        interview.delete()
