"""Pages behind the links in reminder emails: no sign-in, the signature is the proof, POST acts.

Each is exempt from CSRF because a valid signature can only come from an email we sent; a GET only shows
a confirmation page, so mail scanners that follow links change nothing. Each link acts once: a mark-sent
link is recorded when used, and a snooze link names its email, which the snooze moves on from; used
again, either says so and changes nothing. Unsubscribing is the same whenever it is asked. No page is
kept by a browser or proxy cache (they are reached without signing in, and a used link must say so).
"""

import functools
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from followup.models import User
from reminders import links, selectors, services
from reminders.models import Reminder
from reminders.schedule import SNOOZE_CHOICES


def _bad_link(request, reason: str, status: int = 400):
    return render(request, "reminders/signed/bad_link.html", {"reason": reason}, status=status)


def signed_page(purpose: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """What every confirm page starts with: never cached, exempt from CSRF (the signature is the proof),
    GET to look and POST to act, and a bad or expired token answered with the bad-link page. The view
    gets the token's payload after the token."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @never_cache
        @csrf_exempt
        @require_http_methods(["GET", "POST"])
        @functools.wraps(view)
        def page(request: HttpRequest, token: str, **kwargs: str) -> HttpResponse:
            try:
                payload = links.read_token(purpose, token)
            except links.BadLink as bad:
                return _bad_link(request, bad.reason)
            return view(request, token, payload, **kwargs)

        return page

    return decorate


def _reminder(payload: dict) -> Reminder | None:
    return selectors.reminder_for_link(pk=payload.get("r"))


@signed_page(links.MARK_SENT)
def mark_sent(request, token, payload):
    reminder = _reminder(payload)
    participant = selectors.participant_for_link(reminder=reminder, contact_id=payload.get("c"))
    if participant is None:
        return _bad_link(request, "This interview or person has been removed from Followup.", status=404)
    letter = selectors.letter_for_link(reminder=reminder, contact=participant.contact)
    context = {"reminder": reminder, "contact": participant.contact, "letter": letter, "token": token}
    used_at = services.link_used_at(token=token)
    if request.method == "POST" and used_at is None:
        try:
            letter = services.reminder_mark_person_sent_once(
                reminder=reminder, contact=participant.contact, token=token
            )
            context.update(done=True, letter=letter)
        except services.LinkUsed as used:
            used_at = used.used_at
    status = 200
    if used_at is not None:
        context.update(used_at=used_at)
        status = 409 if request.method == "POST" else 200
    with timezone.override(reminder.user.zone):
        return render(request, "reminders/signed/mark_sent.html", context, status=status)


@signed_page(links.SNOOZE)
def snooze(request, token, payload, choice):
    reminder = _reminder(payload)
    if reminder is None:
        return _bad_link(request, "This reminder has been removed from Followup.", status=404)
    if choice and choice not in SNOOZE_CHOICES:
        return _bad_link(request, "Snooze for a day, three days or a week.", status=404)
    # The email the link came in; links made before links named their email were in the first one.
    sequence = payload.get("s", 1)
    if not isinstance(sequence, int):
        return _bad_link(request, "This link is not valid.")
    context = {
        "reminder": reminder,
        "token": token,
        "choice": choice,
        "label": SNOOZE_CHOICES[choice][0] if choice else "",
        "choices": [(key, label) for key, (label, _d) in SNOOZE_CHOICES.items()],
    }
    # A snooze through a link, or of a sent reminder, gives the reminder a new sequence, which its next
    # email carries: a link naming an older one has done its work, through this link or a snooze since.
    used = reminder.sequence != sequence
    if request.method == "POST" and choice and not used:
        snoozed = services.reminder_snooze(reminder=reminder, choice=choice, sequence=sequence)
        reminder.refresh_from_db()
        # Lost to the same link used a moment earlier: the reminder is snoozed or sent, on a newer email.
        used = not snoozed and reminder.sequence != sequence and reminder.state != Reminder.State.CANCELLED
        if not used:
            context.update(done=True, snoozed=snoozed)
    context.update(used=used, reminder=reminder)
    status = 409 if used and request.method == "POST" else 200
    with timezone.override(reminder.user.zone):
        return render(request, "reminders/signed/snooze.html", context, status=status)


@signed_page(links.UNSUBSCRIBE)
def unsubscribe(request, token, payload):
    user = User.objects.filter(pk=payload.get("u")).first() if isinstance(payload.get("u"), int) else None
    if user is None:
        return _bad_link(request, "This account no longer exists.", status=404)
    if request.method == "POST":
        services.reminders_unsubscribe(user=user)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            # A mail client's one-click request wants no page, only the outcome.
            return HttpResponse("Unsubscribed from Followup reminder emails.", content_type="text/plain")
        return render(request, "reminders/signed/unsubscribe.html", {"done": True, "email": user.email})
    return render(request, "reminders/signed/unsubscribe.html", {"email": user.email})
