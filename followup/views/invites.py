"""Recording an interview from a calendar invite, and acting on an updated or cancelled invite."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from followup.calendar_match import PEOPLE_LIMIT, invite_form_values
from followup.forms.interviews import InterviewEntry
from followup.forms.invites import InviteForm, InviteMoveForm
from followup.models import Interview
from followup.selectors import contacts_for_picker
from followup.services.calendar import interview_for_invite, interview_move_to_invite, own_addresses
from followup.services.interviews import interview_set_status

# Form fields an invite fills in; the rest keep whatever the user typed before importing.
FILLED = ("company_name", "role", "round", "format", "starts_at", "ends_at", "location")


def _typed(entry: InterviewEntry) -> tuple[dict, list[dict]]:
    """Everything typed on the form so far, as initial values, so an import never loses it."""
    typed = {name: entry.form[name].value() for name in entry.form.fields}
    try:
        rows = [{name: form[name].value() for name in form.fields} for form in entry.formset.forms]
    except Exception:  # a mangled management form: the rows cannot be read, start them afresh
        rows = []
    rows = [row for row in rows if row.get("contact") or (row.get("name") or "").strip()]
    return typed, rows


def invite_import(request, *, render_form):
    """The new-interview form's "Fill in from invite" button: the form comes back filled from the invite,
    or with one sentence saying why it could not be, and everything typed before still there."""
    user, now = request.user, timezone.now()
    posted = InterviewEntry(user=user, data=request.POST)
    typed, typed_rows = _typed(posted)
    invite_form = InviteForm(
        request.POST, request.FILES, own_emails=own_addresses(user=user), zone=user.zone, now=now
    )

    def again(*, status=200, **extra):
        entry = InterviewEntry(user=user, initial=typed, people_initial=typed_rows or None)
        return render_form(request, entry, status=status, invite_form=invite_form, **extra)

    if not invite_form.is_valid():
        return again(status=400, invite_error=invite_form.message)
    event = invite_form.chosen()
    if event is None:
        return again(invite_events=invite_form.events, invite_calendar=invite_form.calendar)

    existing = interview_for_invite(user=user, key=event.key)
    if event.cancelled:
        if existing is None:
            return again(
                status=400,
                invite_error="This invite cancels an event you have not recorded, so there is nothing to change.",
            )
        return render(
            request, "followup/interviews/invite_cancelled.html", {"interview": existing, "event": event}
        )
    if existing is not None:
        moved = (existing.starts_at, existing.ends_at) != (event.starts_at, event.ends_at)
        if moved and event.sequence > existing.invite_sequence:
            move_form = InviteMoveForm(
                initial={"starts_at": event.starts_at, "ends_at": event.ends_at, "sequence": event.sequence}
            )
            return render(
                request,
                "followup/interviews/invite_updated.html",
                {"interview": existing, "event": event, "move_form": move_form},
            )
        messages.info(request, "You recorded this interview already; here it is.")
        return redirect(existing)

    # An invite is matched against every contact, read only when one is imported.
    initial, rows = invite_form_values(
        event=event, companies=posted.companies, contacts=contacts_for_picker(user=user)
    )
    filled = {**typed, **{name: value for name, value in initial.items() if value or name not in FILLED}}
    filled["saved_version"] = ""
    entry = InterviewEntry(
        user=user, initial=filled, people_initial=(rows + typed_rows)[:PEOPLE_LIMIT] or None
    )
    return render_form(request, entry, invite_form=InviteForm(), invite_event=event)


def _own_interview(request, pk: int) -> Interview:
    return get_object_or_404(Interview.objects.owned_by(request.user).select_related("company"), pk=pk)


def invite_move(request, pk: int):
    """Moves an interview to the times of its updated invite (the confirm page's button)."""
    interview = _own_interview(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = InviteMoveForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, "The updated times did not arrive intact, so nothing was moved. Import the invite again."
        )
        return redirect(interview)
    data = form.cleaned_data
    if interview_move_to_invite(
        interview=interview, starts_at=data["starts_at"], ends_at=data["ends_at"], sequence=data["sequence"]
    ):
        messages.success(request, "Moved the interview to the updated invite's time.")
    else:
        messages.info(request, "A newer update of this invite was applied already, so nothing changed.")
    return redirect(interview)


def invite_cancel(request, pk: int):
    """Marks an interview cancelled after its invite was (the confirm page's button)."""
    interview = _own_interview(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    interview_set_status(interview=interview, status=Interview.Status.CANCELLED)
    messages.success(request, f"{interview}: marked cancelled. No reminders will go out for it.")
    return redirect(interview)
