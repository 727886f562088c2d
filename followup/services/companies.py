"""Companies: create, rename, delete, and what a deletion would take with it."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Lower

from followup import signals
from followup.models import Company, Interview, User
from followup.services.deletion import DeletionSummary, deletion_counts, join_words
from followup.services.versions import ChangedElsewhere, versioned_save

DUPLICATE_NAME_MESSAGE = "You already have a company called “%(name)s”. Names are compared ignoring case."

# Fields of a company that appear in letter drafts: changing them is announced for every interview there.
LETTER_FIELDS = {"name"}


def company_name_taken(*, user: User, name: str, exclude_pk: int | None = None) -> bool:
    """The same comparison as the company_name_unique_per_user constraint: lower() in the database."""
    matches = (
        Company.objects.owned_by(user)
        .annotate(lower_name=Lower("name"))
        .filter(lower_name=Lower(Value(name)))
    )
    if exclude_pk is not None:
        matches = matches.exclude(pk=exclude_pk)
    return matches.exists()


def _duplicate_name_error(name: str) -> ValidationError:
    return ValidationError(
        {"name": ValidationError(DUPLICATE_NAME_MESSAGE, code="duplicate", params={"name": name})}
    )


def _announce_details_changed(interviews: Iterable[Interview]) -> None:
    for interview in interviews:
        signals.interview_changed.send(
            sender=Interview, interview=interview, created=False, changes={"details"}
        )


def company_create(*, user: User, name: str, website: str = "", notes: str = "") -> Company:
    """Raises ValidationError on the name field when the user already has a company by that name."""
    try:
        # The savepoint lets a caller's transaction carry on after a lost race on the unique name.
        with transaction.atomic():
            return Company.objects.create(user=user, name=name, website=website, notes=notes)
    except IntegrityError as error:
        if company_name_taken(user=user, name=name):
            raise _duplicate_name_error(name) from error
        raise


def company_get_or_create(*, user: User, name: str) -> Company:
    """The user's company of that name (ignoring case), created when there is none."""
    existing = (
        Company.objects.owned_by(user)
        .annotate(lower_name=Lower("name"))
        .filter(lower_name=Lower(Value(name)))
        .first()
    )
    if existing is not None:
        return existing
    try:
        return company_create(user=user, name=name)
    except ValidationError:
        # Another request created it a moment ago.
        return company_get_or_create(user=user, name=name)


class CompanyChanged(ChangedElsewhere):
    what = "company"


def company_update(
    *, company: Company, name: str, website: str, notes: str, expected_version: int | None = None
) -> set[str]:
    """Saves the changes and returns the names of the fields that changed.

    Every change moves the company's version; with `expected_version`, a company whose version has moved
    on since is left as it is and CompanyChanged is raised.
    """
    new_values = {"name": name, "website": website, "notes": notes}
    try:
        with transaction.atomic():
            changed = versioned_save(
                row=company,
                wanted=new_values,
                values=new_values,
                expected_version=expected_version,
                changed_elsewhere=CompanyChanged,
            )
            if changed & LETTER_FIELDS:
                # Letter drafts name the company; their listeners refresh the drafts nobody edited.
                _announce_details_changed(company.interviews.select_related("company"))
    except IntegrityError as error:
        if company_name_taken(user=company.user, name=name, exclude_pk=company.pk):
            raise _duplicate_name_error(name) from error
        raise
    return changed


def company_deletion_summary(*, company: Company) -> DeletionSummary:
    return deletion_counts(company)


def company_deletion_sentence(summary: DeletionSummary) -> str:
    parts = summary.parts()
    if not parts:
        return "Nothing else is deleted: no contacts or interviews are recorded at this company."
    return f"Deleting this company also deletes {join_words(parts)}."


def company_delete(*, company: Company) -> DeletionSummary:
    """Deletes the company with its contacts and interviews (and whatever hangs off those)."""
    with transaction.atomic():
        summary = deletion_counts(company)
        company.delete()
    return summary
