"""Importing contacts: upload, column mapping for a generic CSV, preview, and the one-transaction import."""

from __future__ import annotations

import re

from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models.functions import Lower

from followup.models import Company, Contact, User
from followup.portability.contact_files import (
    ContactFileError,
    parse_mapped_csv,
    read_contact_file,
)
from followup.portability.matching import UPDATABLE, Existing, Plan, clean_record, plan_import
from followup.portability.models import ContactImport

# Imports up to this many records run in the request; longer ones in a worker, with progress shown.
INLINE_LIMIT = 1000
BATCH = 1000
_RECRUITER = re.compile(r"recruit|talent|sourc", re.IGNORECASE)


def _max_lengths() -> dict[str, int]:
    lengths = {f.name: f.max_length for f in Contact._meta.concrete_fields if f.max_length}
    lengths["company"] = Company._meta.get_field("name").max_length or 0  # a CharField always has one
    return lengths


def _clean(records: list[dict[str, str]]) -> list[dict[str, str]]:
    lengths = _max_lengths()
    return [clean_record(r, max_lengths=lengths, honorifics=Contact.HONORIFICS) for r in records]


def contact_import_upload(*, user: User, data: bytes, filename: str) -> ContactImport:
    """Reads the file; nothing of the user's changes until they confirm. Raises ContactFileError."""
    parsed = read_contact_file(data, filename=filename)
    if parsed.kind == "csv":
        return ContactImport.objects.create(
            user=user,
            kind=parsed.kind,
            filename=filename[:255],
            state=ContactImport.State.MAPPING,
            text=parsed.text,
            headers=parsed.headers,
        )
    records = _clean(parsed.records)
    _require_a_name(records)
    return ContactImport.objects.create(
        user=user,
        kind=parsed.kind,
        filename=filename[:255],
        records=records,
        state=ContactImport.State.PREVIEW,
    )


def _require_a_name(records: list[dict[str, str]]) -> None:
    if not records:
        raise ContactFileError("This file holds no contacts.")
    if not any(r["name"] for r in records):
        raise ContactFileError("No contact in this file has a name, so there is nothing to import.")


def contact_import_map(*, contact_import: ContactImport, mapping: dict[str, int]) -> None:
    """Reads a generic CSV with the columns the user chose. Raises ContactFileError."""
    if not ({"name", "first_name", "last_name"} & set(mapping)):
        raise ContactFileError("Choose the column that holds each contact's name (or first and last name).")
    records = _clean(parse_mapped_csv(contact_import.text, mapping))
    _require_a_name(records)
    contact_import.records = records
    contact_import.state = ContactImport.State.PREVIEW
    contact_import.save(update_fields=["records", "state"])


def _existing(user: User) -> list[Existing]:
    rows = Contact.objects.filter(user=user).values_list("id", "name", "company__name", *UPDATABLE)
    return [
        Existing(id=r[0], name=r[1], company=r[2], details=dict(zip(UPDATABLE, r[3:], strict=True)))
        for r in rows
    ]


def contact_import_plan(*, contact_import: ContactImport) -> Plan:
    return plan_import(contact_import.records, _existing(contact_import.user))


def contact_import_confirm(*, contact_import: ContactImport, existing: str) -> None:
    """Runs the import the user confirmed: at once when it is short, in a worker when it is long."""
    from followup.portability.tasks import apply_contact_import

    # The claim: a double submit (or two tabs) starts the import once.
    claimed = ContactImport.objects.filter(pk=contact_import.pk, state=ContactImport.State.PREVIEW).update(
        state=ContactImport.State.IMPORTING, existing=existing
    )
    if not claimed:
        return
    if len(contact_import.records) <= INLINE_LIMIT:
        contact_import_apply(import_id=contact_import.pk)
    else:
        transaction.on_commit(lambda: apply_contact_import.delay(contact_import.pk))


def progress_key(import_id: int) -> str:
    return f"contact-import-progress:{import_id}"


def contact_import_progress(*, contact_import: ContactImport) -> int:
    """Percent done: the import runs in one transaction, so its progress is told through the cache."""
    if contact_import.state in (ContactImport.State.DONE, ContactImport.State.FAILED):
        return 100
    percent: int = cache.get(progress_key(contact_import.pk), 0)
    return percent


def contact_import_apply(*, import_id: int) -> None:
    """Creates the new contacts and updates matching ones as chosen, all in one transaction."""
    try:
        with transaction.atomic():
            contact_import = (
                ContactImport.objects.select_for_update().select_related("user").filter(pk=import_id).first()
            )
            if contact_import is None or contact_import.state != ContactImport.State.IMPORTING:
                return  # already done by another delivery of the task
            user = contact_import.user
            # Two imports of the same user run one after the other, so neither misses the other's rows.
            User.objects.select_for_update().filter(pk=user.pk).first()
            plan = contact_import_plan(contact_import=contact_import)
            created, updated = _write(
                user=user, plan=plan, existing=contact_import.existing, import_id=import_id
            )
            contact_import.state = ContactImport.State.DONE
            contact_import.created, contact_import.updated = created, updated
            contact_import.records = []
            contact_import.save(update_fields=["state", "created", "updated", "records"])
    except DatabaseError:
        ContactImport.objects.filter(pk=import_id).update(
            state=ContactImport.State.FAILED,
            error="Your contacts changed while the file was being imported, so nothing was imported: try again.",
        )
    finally:
        cache.delete(progress_key(import_id))


def _write(*, user: User, plan: Plan, existing: str, import_id: int) -> tuple[int, int]:
    companies = dict(Company.objects.filter(user=user).annotate(key=Lower("name")).values_list("key", "id"))
    missing = {}
    for record in plan.new:
        key = record["company"].lower()
        if key not in companies and key not in missing:
            missing[key] = Company(user=user, name=record["company"])
    for company in Company.objects.bulk_create(missing.values()):
        companies[company.name.lower()] = company.pk
    total = len(plan.new) + len(plan.matching) or 1
    done = 0
    for start in range(0, len(plan.new), BATCH):
        Contact.objects.bulk_create(
            [
                Contact(
                    user=user,
                    company_id=companies[r["company"].lower()],
                    name=r["name"],
                    honorific=r["honorific"],
                    title=r["title"],
                    email=r["email"],
                    phone=r["phone"],
                    linkedin_url=r["linkedin_url"],
                    notes=r["notes"],
                    role=Contact.Role.RECRUITER if _RECRUITER.search(r["title"]) else Contact.Role.OTHER,
                )
                for r in plan.new[start : start + BATCH]
            ]
        )
        done += len(plan.new[start : start + BATCH])
        cache.set(progress_key(import_id), int(100 * done / total), 3600)
    changes = plan.changes(existing)
    if changes:
        contacts = Contact.objects.in_bulk([contact_id for contact_id, _ in changes])
        for contact_id, values in changes:
            for name, value in values.items():
                setattr(contacts[contact_id], name, value)
        Contact.objects.bulk_update(contacts.values(), list(UPDATABLE), batch_size=BATCH)
    return len(plan.new), len(changes)
