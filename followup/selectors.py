"""Reads behind the interview, company and contact pages and the dashboard, each a constant number of
queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    Min,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, Lower

from followup.models import Company, Contact, Interview, Participant, User

# How far back the dashboard looks for interviews that may still need a thank-you.
RECENT_DAYS = 14
# Rows per section of the dashboard; the interviews page has the rest.
DASHBOARD_LIMIT = 5
# Words of a search that each have to match something; more are ignored.
MAX_SEARCH_WORDS = 8


_PEOPLE = Prefetch("participants", queryset=Participant.objects.select_related("contact"))


def _with_people(queryset: QuerySet[Interview]) -> QuerySet[Interview]:
    return queryset.select_related("company").prefetch_related(_PEOPLE)


def interviews_with_people(*, user: User) -> QuerySet[Interview]:
    """The user's interviews with their company and the people met (in the order entered)."""
    return _with_people(Interview.objects.owned_by(user))


def _local_midnight(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=zone)


def _status_q(status: str, now: dt.datetime) -> Q:
    """Matches what the pages show: a scheduled interview that has ended counts as awaiting reply."""
    if status == Interview.Status.SCHEDULED:
        return Q(status=status, ends_at__gt=now)
    if status == Interview.Status.AWAITING_REPLY:
        return Q(status=status) | Q(status=Interview.Status.SCHEDULED, ends_at__lte=now)
    return Q(status=status)


def _search_q(word: str) -> Q:
    person_matches = Participant.objects.filter(interview=OuterRef("pk"), contact__name__icontains=word)
    return Q(role__icontains=word) | Q(company__name__icontains=word) | Q(Exists(person_matches))


class InterviewRows:
    """The interviews page's rows, upcoming first (soonest first) then past ones (latest first).

    A paginator slices it. Each part is read in the order of an index on (user, ends_at) or (user,
    starts_at), never through one sort of every interview the user has, so a page costs the same at any
    history size: one count for both parts, then one query per part the page reaches (at most two), then
    the people of the rows shown. Each row carries `is_upcoming`.
    """

    def __init__(self, *, matching: QuerySet[Interview], now: dt.datetime) -> None:
        self._matching = matching
        self._now = now
        self._counts: tuple[int, int] | None = None

    def _upcoming_and_total(self) -> tuple[int, int]:
        if self._counts is None:
            counted = self._matching.aggregate(
                upcoming=Count("pk", filter=Q(ends_at__gt=self._now)), total=Count("pk")
            )
            self._counts = (counted["upcoming"], counted["total"])
        return self._counts

    def count(self) -> int:
        return self._upcoming_and_total()[1]

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, part: slice) -> list[Interview]:
        if not isinstance(part, slice) or part.step is not None:
            raise TypeError("interview rows are read a page (a slice) at a time")
        upcoming_count, total = self._upcoming_and_total()
        start, stop = max(part.start or 0, 0), min(total if part.stop is None else part.stop, total)
        rows: list[Interview] = []
        if start < upcoming_count:
            ahead = self._matching.filter(ends_at__gt=self._now).order_by("starts_at", "pk")
            rows += _marked(ahead[start : min(stop, upcoming_count)], upcoming=True)
        if stop > upcoming_count:
            behind = self._matching.filter(ends_at__lte=self._now).order_by("-starts_at", "-pk")
            rows += _marked(behind[max(start - upcoming_count, 0) : stop - upcoming_count], upcoming=False)
        prefetch_related_objects(rows, _PEOPLE)
        return rows


def _marked(queryset: QuerySet[Interview], *, upcoming: bool) -> list[Interview]:
    rows = list(queryset)
    for row in rows:
        setattr(row, "is_upcoming", upcoming)  # noqa: B010 (a display attribute the model does not declare)
    return rows


def interviews_for_list(*, user: User, filters: Mapping[str, Any], now: dt.datetime) -> InterviewRows:
    """The user's interviews for the interviews page, as `InterviewRows` (upcoming, then past).

    filters (all optional, as the filter form cleans them): q (words matched against the role, the
    company and the names of the people met), status, company (a Company), date_from and date_to
    (dates in the user's time zone, inclusive).
    """
    queryset: QuerySet[Interview] = Interview.objects.owned_by(user).select_related("company")
    for word in (filters.get("q") or "").split()[:MAX_SEARCH_WORDS]:
        queryset = queryset.filter(_search_q(word))
    if filters.get("status"):
        queryset = queryset.filter(_status_q(filters["status"], now))
    if filters.get("company") is not None:
        queryset = queryset.filter(company=filters["company"])
    zone = user.zone
    if filters.get("date_from"):
        queryset = queryset.filter(starts_at__gte=_local_midnight(filters["date_from"], zone))
    if filters.get("date_to"):
        day_after = filters["date_to"] + dt.timedelta(days=1)
        queryset = queryset.filter(starts_at__lt=_local_midnight(day_after, zone))
    return InterviewRows(matching=queryset, now=now)


def count_of(model: type[Model], field: str) -> Coalesce:
    """A correlated COUNT subquery: one number per row, no join that multiplies rows."""
    counted = (
        model._default_manager.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def companies_for_list(*, user: User, query: str) -> QuerySet[Company]:
    """The user's companies with how many people and interviews each has, matching `query` if given."""
    companies = Company.objects.owned_by(user).annotate(
        contact_count=count_of(Contact, "company"),
        interview_count=count_of(Interview, "company"),
    )
    if query:
        companies = companies.filter(Q(name__icontains=query) | Q(website__icontains=query))
    return companies


def contacts_for_list(
    *, user: User, query: str, role: str = "", company: Company | None = None
) -> QuerySet[Contact]:
    """The user's contacts with how many interviews each was in, narrowed by the list's filters."""
    contacts = (
        Contact.objects.owned_by(user)
        .select_related("company")
        .annotate(interview_count=count_of(Participant, "contact"))
    )
    if query:
        contacts = contacts.filter(
            Q(name__icontains=query)
            | Q(title__icontains=query)
            | Q(email__icontains=query)
            | Q(company__name__icontains=query)
        )
    if role:
        contacts = contacts.filter(role=role)
    if company:
        contacts = contacts.filter(company=company)
    return contacts


def companies_for_picker(*, user: User) -> list[Company]:
    return list(Company.objects.owned_by(user).order_by(Lower("name"), "pk"))


def contacts_for_picker(*, user: User) -> list[Contact]:
    """Every one of the user's contacts with their companies, grouped by company (an invite is matched
    against them all)."""
    return list(
        Contact.objects.owned_by(user)
        .select_related("company")
        .order_by(Lower("company__name"), "company_id", Lower("name"), "pk")
    )


# The contact search answers with this many people at most: enough to spot the one meant, small to send.
CONTACT_SEARCH_LIMIT = 10


def contacts_by_ids(*, user: User, ids: Iterable[str]) -> list[Contact]:
    """The user's contacts among these ids (anything that is not a stored id is skipped), one query."""
    wanted = {int(value) for value in ids if str(value).isdigit() and len(str(value)) < 19}
    if not wanted:
        return []
    return list(Contact.objects.owned_by(user).filter(pk__in=wanted).select_related("company"))


def contacts_search(*, user: User, query: str, limit: int = CONTACT_SEARCH_LIMIT) -> list[Contact]:
    """The user's contacts whose name, company, job title or email holds the query, ignoring case."""
    query = " ".join(query.split())
    if not query:
        return []
    matches = (
        Q(name__icontains=query)
        | Q(company__name__icontains=query)
        | Q(title__icontains=query)
        | Q(email__icontains=query)
    )
    return list(
        Contact.objects.owned_by(user)
        .filter(matches)
        .select_related("company")
        .order_by(Lower("name"), "pk")[:limit]
    )


def contacts_at_company(*, user: User, company_name: str) -> list[Contact]:
    """The user's contacts at the company of this name (compared ignoring case)."""
    return list(
        Contact.objects.owned_by(user)
        .filter(company__name__iexact=company_name)
        .select_related("company")
        .order_by("pk")
    )


@dataclass(frozen=True)
class DashboardData:
    """What the signed-in home page shows about interviews."""

    today: list[Interview]  # under way or starting later today (user's zone)
    upcoming: list[Interview]  # starting after today
    recent: list[Interview]  # ended in the last RECENT_DAYS days, latest first
    has_interviews: bool  # whether the user has recorded any interview at all

    @property
    def is_empty(self) -> bool:
        return not (self.today or self.upcoming or self.recent)


def dashboard_data(*, user: User, now: dt.datetime) -> DashboardData:
    """Three queries whatever the number of interviews (a fourth, tiny one when the lists are empty)."""
    mine = Interview.objects.owned_by(user).select_related("company")
    ahead = list(mine.filter(ends_at__gt=now).order_by("starts_at", "pk")[:DASHBOARD_LIMIT])
    recent = list(
        mine.filter(ends_at__lte=now, ends_at__gt=now - dt.timedelta(days=RECENT_DAYS)).order_by(
            "-ends_at", "-pk"
        )[:DASHBOARD_LIMIT]
    )
    prefetch_related_objects([*ahead, *recent], _PEOPLE)
    local_today = now.astimezone(user.zone).date()
    end_of_today = _local_midnight(local_today + dt.timedelta(days=1), user.zone)
    today = [i for i in ahead if i.starts_at < end_of_today]
    upcoming = [i for i in ahead if i.starts_at >= end_of_today]
    has_interviews = bool(ahead or recent) or Interview.objects.owned_by(user).exists()
    return DashboardData(today=today, upcoming=upcoming, recent=recent, has_interviews=has_interviews)


def interviews_next_change(user: User, now: dt.datetime) -> dt.datetime | None:
    """The next moment after `now` at which the user's pages change with the clock alone: midnight in
    their zone, or an interview starting, ending, its thank-you turning overdue or it leaving the recent
    ones. One query, on a cached page's first rendering only (followup/views/page_cache.py)."""
    overdue, recent = Interview.THANK_YOU_OVERDUE_AFTER, dt.timedelta(days=RECENT_DAYS)
    found = Interview.objects.owned_by(user).aggregate(
        starts=Min("starts_at", filter=Q(starts_at__gt=now)),
        ends=Min("ends_at", filter=Q(ends_at__gt=now)),
        overdue=Min("ends_at", filter=Q(ends_at__gte=now - overdue)),
        leaves_recent=Min("ends_at", filter=Q(ends_at__gte=now - recent)),
    )
    moments: list[dt.datetime | None] = [found["starts"], found["ends"]]
    moments.append(found["overdue"] + overdue if found["overdue"] else None)
    moments.append(found["leaves_recent"] + recent if found["leaves_recent"] else None)
    local_today = now.astimezone(user.zone).date()
    moments.append(_local_midnight(local_today + dt.timedelta(days=1), user.zone))
    return min(moment for moment in moments if moment is not None)
