"""Companies: create, rename, delete, and what a deletion would take with it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, router, transaction
from django.db.models import Value
from django.db.models.deletion import Collector
from django.db.models.functions import Lower

from followup import signals
from followup.models import Company, Contact, Interview, Participant, User
from followup.services.versions import ChangedElsewhere

DUPLICATE_NAME_MESSAGE = "You already have a company called “%(name)s”. Names are compared ignoring case."

# Fields of a company that appear in letter drafts: changing them is announced for every interview there.
LETTER_FIELDS = {"name"}


def _count(n: int, model: type[models.Model]) -> str:
    noun = model._meta.verbose_name if n == 1 else model._meta.verbose_name_plural
    return f"{n} {noun}"


def join_words(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


@dataclass(frozen=True)
class DeletionSummary:
    """What deleting one row takes with it, counted model by model (the row itself excluded).

    Counting goes through Django's own deletion collector, so rows of apps the core does not know
    (letter drafts, reminders) are counted without importing them.
    """

    counts: dict[type[models.Model], int] = field(default_factory=dict)

    def count(self, model: type[models.Model]) -> int:
        return self.counts.get(model, 0)

    def parts(self, *, skip: Iterable[type[models.Model]] = ()) -> list[str]:
        """'3 interviews', '2 contacts', then any other kind of row, core models first."""
        skipped = set(skip) | {Participant}  # a participant is the link between the two, not a thing
        first: list[type[models.Model]] = [Interview, Contact]
        rest = sorted(
            (m for m in self.counts if m not in first),
            key=lambda m: (m._meta.app_label != "followup", str(m._meta.verbose_name_plural)),
        )
        return [_count(self.counts[m], m) for m in [*first, *rest] if m not in skipped and self.counts.get(m)]

    def only_apps(self, *app_labels: str) -> DeletionSummary:
        return DeletionSummary(
            counts={m: n for m, n in self.counts.items() if m._meta.app_label in app_labels}
        )

    @property
    def is_empty(self) -> bool:
        return not self.parts()


def deletion_counts(obj: models.Model) -> DeletionSummary:
    origin_model = obj._meta.concrete_model  # not type(obj): request.user is a lazy proxy
    assert origin_model is not None  # set on every model Django has loaded
    using = router.db_for_write(origin_model, instance=obj)
    collector = Collector(using=using, origin=obj)
    collector.collect([obj])
    # The same row can be reached along several paths (a letter through its interview and its contact),
    # so count distinct primary keys per model.
    pks: dict[type[models.Model] | None, set[object]] = defaultdict(set)
    for model, instances in collector.data.items():
        pks[model._meta.concrete_model].update(instance.pk for instance in instances)
    for queryset in collector.fast_deletes:
        pks[queryset.model._meta.concrete_model].update(queryset.order_by().values_list("pk", flat=True))
    pks[origin_model].discard(obj.pk)
    return DeletionSummary(counts={model: len(keys) for model, keys in pks.items() if model and keys})


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
            # Compared under the row lock: two saves at once cannot both pass the check.
            stored = Company.objects.select_for_update().get(pk=company.pk)
            if expected_version is not None and stored.version != expected_version:
                raise CompanyChanged(stored.version)
            changed = {f for f, value in new_values.items() if getattr(stored, f) != value}
            company.version = stored.version
            if not changed:
                return changed
            for f in changed:
                setattr(company, f, new_values[f])
            company.version = stored.version + 1
            company.save(update_fields=[*sorted(changed), "version"])
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
