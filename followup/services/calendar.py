"""Calendar work that touches the database: the feed's secret address, and interviews linked to invites."""

from __future__ import annotations

import datetime as dt
import re
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Prefetch, Sum
from django.utils import timezone

from followup import signals
from followup.calendar_feed import FeedEvent, sequence_for
from followup.calendar_import import MEETING_LINK
from followup.models import Company, Contact, Interview, Participant, User

# 32 random bytes: the address is the only key to the feed, like a calendar's secret address.
TOKEN_BYTES = 32


def calendar_token_renew(*, user: User) -> str:
    """Gives the user a new feed address; the old one (if any) stops working at once."""
    user.calendar_token = secrets.token_urlsafe(TOKEN_BYTES)
    User.objects.filter(pk=user.pk).update(calendar_token=user.calendar_token)
    return user.calendar_token


def calendar_token_revoke(*, user: User) -> None:
    """Turns the feed off: its address answers 404 from now on."""
    user.calendar_token = None
    User.objects.filter(pk=user.pk).update(calendar_token=None)


def own_addresses(*, user: User) -> list[str]:
    """Every email address of the user, so an invite's attendee who is the user is never a person met."""
    extra = EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    return [user.email, *extra]


def feed_uid(interview_id: int) -> str:
    """The UID of an interview's event in Followup's own feed and downloads; stable for its life."""
    return f"interview-{interview_id}@{feed_domain()}"


def feed_domain() -> str:
    return re.sub(r"^[a-z]+://", "", settings.SITE_URL).split("/")[0].split(":")[0] or "followup.local"


def interview_for_invite(*, user: User, key: str) -> Interview | None:
    """The user's interview recorded from this invite event, or the one a Followup event stands for."""
    if not key:
        return None
    own = re.fullmatch(rf"interview-(\d+)@{re.escape(feed_domain())}", key)
    queryset = Interview.objects.owned_by(user).select_related("company")
    if own:
        return queryset.filter(pk=int(own.group(1))).first()
    return queryset.filter(invite_uid=key).order_by("pk").first()


def interview_link_invite(*, interview: Interview, key: str, sequence: int | str) -> None:
    """Remembers which invite an interview came from; a blank key (typed by hand) changes nothing.

    Both values come back from hidden fields of the form, so a mangled sequence counts as 0.
    """
    if not key:
        return
    try:
        sequence = min(int(sequence), 2_000_000_000)
    except (TypeError, ValueError):
        sequence = 0
    Interview.objects.filter(pk=interview.pk).update(invite_uid=key[:300], invite_sequence=max(sequence, 0))
    interview.invite_uid, interview.invite_sequence = key[:300], max(sequence, 0)


def interview_move_to_invite(
    *, interview: Interview, starts_at: dt.datetime, ends_at: dt.datetime, sequence: int
) -> bool:
    """Moves the interview to an updated invite's times. False when a newer update was applied already.

    Announces a "times" change, so reminders are rescheduled with the move.
    """
    if ends_at <= starts_at:
        raise ValueError("The end must be after the start.")
    with transaction.atomic():
        # Under the row lock, so two tabs applying the same or different updates cannot both move it.
        stored = Interview.objects.select_for_update().get(pk=interview.pk)
        if sequence < stored.invite_sequence:
            return False
        moved = (stored.starts_at, stored.ends_at) != (starts_at, ends_at)
        interview.starts_at, interview.ends_at = starts_at, ends_at
        interview.invite_sequence = max(sequence, stored.invite_sequence)
        interview.updated_at = timezone.now()
        Interview.objects.filter(pk=interview.pk).update(
            starts_at=starts_at,
            ends_at=ends_at,
            invite_sequence=interview.invite_sequence,
            updated_at=interview.updated_at,
        )
        if moved:
            signals.interview_changed.send(
                sender=Interview, interview=interview, created=False, changes={"times"}
            )
    return True


# The feed -----------------------------------------------------------------------------------------------


def interviews_feed_stamp(*, user: User) -> str:
    """Changes whenever the feed's interview events would: three aggregate queries.

    An interview's own changes move its version and its last change; a renamed company or a contact's
    new name or title moves theirs, and those show in every event that names them.
    """
    found = Interview.objects.filter(user=user).aggregate(
        count=Count("id", distinct=True),
        changed=Max("updated_at"),
        versions=Sum("version"),
        people=Count("participants"),
        last_person=Max("participants__id"),
    )
    companies = Company.objects.filter(user=user).aggregate(count=Count("id"), versions=Sum("version"))
    contacts = Contact.objects.filter(user=user).aggregate(count=Count("id"), versions=Sum("version"))
    changed = found["changed"].isoformat() if found["changed"] else "-"
    return ".".join(
        str(part)
        for part in (
            found["count"],
            changed,
            found["versions"],
            found["people"],
            found["last_person"],
            companies["count"],
            companies["versions"],
            contacts["count"],
            contacts["versions"],
        )
    )


def interviews_for_feed(*, user: User) -> list[Interview]:
    """Every interview of the user with its company and people: three queries whatever their number."""
    return list(
        Interview.objects.filter(user=user)
        .select_related("company")
        .only(
            "id",
            "role",
            "round",
            "format",
            "starts_at",
            "ends_at",
            "location",
            "status",
            "created_at",
            "updated_at",
            "company__name",
        )
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("contact").only(
                    "id", "interview_id", "position", "contact__name", "contact__title"
                ),
            )
        )
        .order_by("starts_at", "pk")
    )


def interview_feed_event(*, interview: Interview, site_url: str) -> FeedEvent:
    """An interview as a feed event: its time, place or link, and the people met in the description."""
    company = interview.company.name
    summary = f"Interview: {interview.role} at {company}"
    if interview.round:
        summary = f"{summary} ({interview.round})"
    link = MEETING_LINK.search(interview.location or "")
    url = f"{site_url}{interview.get_absolute_url()}"
    lines = [f"{interview.role} at {company}" + (f", {interview.round}" if interview.round else "")]
    lines.append(f"Format: {interview.get_format_display()}")
    if link:
        lines.append(f"Join: {link.group(0)}")
    people = [
        f"{p.contact.name} ({p.contact.title})" if p.contact.title else p.contact.name
        for p in interview.participants.all()
    ]
    if people:
        lines.append("People met: " + ", ".join(people))
    if interview.status in (Interview.Status.CANCELLED, Interview.Status.WITHDRAWN):
        lines.append(f"Status: {interview.get_status_display()}")
    lines.append(f"In Followup: {url}")
    return FeedEvent(
        uid=feed_uid(interview.pk),
        sequence=sequence_for(created_at=interview.created_at, changed_at=interview.updated_at),
        starts_at=interview.starts_at,
        ends_at=interview.ends_at,
        summary=summary,
        changed_at=interview.updated_at,
        description="\n".join(lines),
        location=interview.location,
        url=url,
        cancelled=interview.status == Interview.Status.CANCELLED,
    )
