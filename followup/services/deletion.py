"""What deleting a row would take with it, counted for the page that asks first: a company, a contact or
a whole account."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models, router
from django.db.models.deletion import Collector

from followup.models import Contact, Interview, Participant


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
