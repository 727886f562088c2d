"""The home page: the landing page signed out; signed in, the dashboard that gathers interviews, letters
still to send and reminders due."""

import datetime as dt
from dataclasses import dataclass

from django.shortcuts import render
from django.utils import timezone

from followup.models import Interview, Participant
from followup.selectors import dashboard_data
from followup.views.page_cache import cached_page
from followup.views.shown_status import mark_shown_status, status_buttons
from letters.models import Letter
from letters.selectors import letters_status_for_interviews
from letters.services import letters_draft_due
from reminders.models import Reminder
from reminders.selectors import DUE_SOON, reminders_due_soon, reminders_failed


@dataclass(frozen=True)
class ThankYouToSend:
    interview: Interview
    participant: Participant
    letter: Letter | None
    overdue: bool


def thank_yous_to_send(interviews, letter_status, now: dt.datetime) -> list[ThankYouToSend]:
    """Everyone met at an ended interview whose thank-you is not marked sent, most overdue first."""
    pending = []
    for interview in interviews:
        if not interview.has_ended(now) or not interview.is_open:
            continue
        for participant in interview.participants.all():
            letter = letter_status.get((interview.pk, participant.contact_id), {}).get(Letter.Kind.THANK_YOU)
            if letter is not None and letter.is_sent:
                continue
            pending.append(ThankYouToSend(interview, participant, letter, interview.thank_you_overdue(now)))
    return sorted(pending, key=lambda item: item.interview.ends_at)


@cached_page
def dashboard(request):
    now = timezone.now()
    data = dashboard_data(user=request.user, now=now)
    mark_shown_status([*data.today, *data.upcoming, *data.recent], now)
    letter_status = letters_status_for_interviews(interviews=[*data.today, *data.recent])
    # Thank-yous are drafted when an interview ends; one that ended since the last visit gets them now.
    for interview in data.recent:
        interview.user = request.user  # the drafts are signed from it: one query saved per interview
    letter_status = letters_draft_due(interviews=data.recent, letter_status=letter_status, now=now)
    context = {
        "data": data,
        "now": now,
        "status_buttons": status_buttons(),
        "letter_status": letter_status,
        "to_send": thank_yous_to_send([*data.today, *data.recent], letter_status, now),
        # Thank-yous are listed person by person above; only follow-ups due are listed on their own.
        "reminders_due": list(
            reminders_due_soon(user=request.user, now=now, within=DUE_SOON).exclude(
                kind=Reminder.Kind.THANK_YOU
            )[:20]
        ),
        "failed_reminders": reminders_failed(user=request.user).count(),
    }
    return render(request, "followup/dashboard.html", context)


def home(request):
    if not request.user.is_authenticated:
        return render(request, "followup/landing.html")
    return dashboard(request)
