"""The signed-in reminders page: upcoming, sent and failed, with snooze, dismiss and retry."""

from collections.abc import Callable

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from followup.views.page_cache import cached_page
from followup.views.paging import PAGE_SIZE
from reminders import selectors, services
from reminders.forms import SnoozeForm
from reminders.models import Reminder
from reminders.schedule import SNOOZE_CHOICES


@cached_page
def reminder_list(request):
    def page(queryset, parameter):
        return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get(parameter))

    upcoming = page(selectors.reminders_upcoming(user=request.user), "upcoming")
    failed = page(selectors.reminders_failed(user=request.user), "failed")
    return render(
        request,
        "reminders/list.html",
        {
            "upcoming": upcoming.object_list,
            "upcoming_page": upcoming,
            "failed": failed.object_list,
            "failed_page": failed,
            "sent_page": page(selectors.reminders_sent(user=request.user), "page"),
            "snooze_choices": [(key, label) for key, (label, _d) in SNOOZE_CHOICES.items()],
            "now": timezone.now(),
        },
    )


def _own(request, pk) -> Reminder:
    return get_object_or_404(
        Reminder.objects.filter(user=request.user).select_related("interview__user"), pk=pk
    )


@require_POST
def snooze(request, pk):
    reminder = _own(request, pk)
    form = SnoozeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose how long to snooze: a day, three days or a week.")
    elif services.reminder_snooze(reminder=reminder, choice=form.cleaned_data["choice"]):
        reminder.refresh_from_db()
        local = timezone.localtime(reminder.due_at)
        messages.success(request, f"Snoozed. Followup will remind you again on {local:%A %-d %B at %H:%M}.")
    else:
        messages.info(request, "There is nothing left to snooze: this reminder is done or being sent.")
    return redirect("reminders:list")


def _act(request, pk, action: Callable[..., bool], *, done: str, nothing_to_do: str):
    """Applies a service to one of the user's reminders and says whether it did anything."""
    if action(reminder=_own(request, pk)):
        messages.success(request, done)
    else:
        messages.info(request, nothing_to_do)
    return redirect("reminders:list")


@require_POST
def dismiss(request, pk):
    return _act(
        request,
        pk,
        services.reminder_dismiss,
        done="Reminder cancelled. You will not get this email.",
        nothing_to_do="This reminder was already sent or cancelled.",
    )


@require_POST
def retry(request, pk):
    return _act(
        request,
        pk,
        services.reminder_retry,
        done="Followup will try to send this reminder again within a minute.",
        nothing_to_do="This reminder is not failed, so there is nothing to retry.",
    )
