"""The letter editor and what hangs off it: checklist, regenerate, restore, export, print, marking sent.

Every view reads the letter through the signed-in user's own letters, so another user's id is a 404 for
GET and POST alike, before the method is even looked at. Buttons that act on a draft sit in the editor's
form and post its text along, which is saved first: nothing typed is lost to a regenerate, a restore or
marking sent.
"""

import datetime as dt
from typing import cast

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache

from followup.models import Contact, Interview, Participant
from followup.views.page_cache import cached_page
from letters.export import letter_eml, letter_eml_filename, letter_mailto, letter_printed
from letters.forms import LetterTextForm, MarkSentForm, checklist_text
from letters.models import Letter
from letters.selectors import letters_for_editor, letters_of_interview
from letters.services import (
    LetterConflict,
    LetterError,
    NeedsConfirmation,
    letter_checklist,
    letter_ensure,
    letter_mark_sent,
    letter_mark_unsent,
    letter_regenerate,
    letter_restore_previous,
    letter_save,
    letter_today,
)

CONFLICT = "This letter changed in another tab or window since you opened it"


def _letter(request, pk: int) -> Letter:
    return get_object_or_404(letters_for_editor(user=request.user), pk=pk)


def _post_only(request) -> HttpResponse | None:
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


def _checklist_context(letter: Letter, subject: str, body: str) -> dict:
    checks = letter_checklist(letter=letter, subject=subject, body=body)
    return {"letter": letter, "checks": checks, "checks_done": sum(c.ok for c in checks)}


def _render_editor(
    request,
    letter: Letter,
    *,
    form: LetterTextForm | None = None,
    sent_form: MarkSentForm | None = None,
    conflict: Letter | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    today = letter_today(letter=letter)
    if form is None:
        form = LetterTextForm(
            initial={"subject": letter.subject, "body": letter.body, "version": letter.version}
        )
    if sent_form is None:
        sent_form = MarkSentForm(today=today)
    subject, body = checklist_text(form.data) if form.is_bound else (letter.subject, letter.body)
    letters = letters_of_interview(interview_id=letter.interview_id)
    context = {
        "letter": letter,
        "interview": letter.interview,
        "contact": letter.contact,
        "form": form,
        "sent_form": sent_form,
        "conflict": conflict,
        "problem": problem,
        "today": today,
        "interview_day": letter.interview.ends_at.astimezone(letter.user.zone).date(),
        "mailto": _typed_mailto(letter, subject, body) if form.is_bound else letter_mailto(letter),
        "other_letters": [other for other in letters if other.pk != letter.pk],
        "person_letters": {other.kind: other for other in letters if other.contact_id == letter.contact_id},
        **_checklist_context(letter, subject, body),
    }
    return render(request, "letters/edit.html", context, status=status)


def _typed_mailto(letter: Letter, subject: str, body: str) -> str:
    # Shown again after an error, the link carries the text in the editor, as the page's script would.
    typed = Letter(contact=letter.contact, subject=subject, body=body)
    return letter_mailto(typed)


def _save_typed(request, letter: Letter, *, required: bool = False) -> HttpResponse | None:
    """Save the editor's text posted with this request; a response when that cannot be done as asked.

    Buttons outside the editor's form (the confirm page, a sent letter's) post no text; unless the text
    is `required`, there is then nothing to save.
    """
    form = LetterTextForm(request.POST)
    if not (required or form.has_text()):
        return None
    if not form.is_valid():
        return _render_editor(request, letter, form=form, status=400)
    subject, body = form.cleaned_data["subject"], form.cleaned_data["body"]
    if (subject, body) == (letter.subject, letter.body):
        return None
    try:
        letter_save(letter=letter, subject=subject, body=body, version=form.cleaned_data["version"])
    except LetterConflict as error:
        return _render_conflict(request, letter, error.current)
    except LetterError as error:
        return _render_editor(request, letter, form=form, problem=str(error), status=409)
    return None


def _render_conflict(request, letter: Letter, current: Letter) -> HttpResponse:
    """The typed text stays in the editor; the saved one is shown beside it. Saving again keeps the typed one."""
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = LetterTextForm(data)
    form.is_valid()
    return _render_editor(request, current, form=form, conflict=current, status=409)


@never_cache
@cached_page
def edit(request, pk: int):
    letter = _letter(request, pk)
    if request.method == "POST":
        response = _save_typed(request, letter, required=True)
        if response is not None:
            return response
        messages.success(request, "Saved.")
        return redirect(letter)
    return _render_editor(request, letter)


@never_cache
def checklist(request, pk: int):
    letter = _letter(request, pk)
    if request.method == "POST":
        subject, body = checklist_text(request.POST)
    else:
        subject, body = letter.subject, letter.body
    return render(request, "letters/_checklist.html", _checklist_context(letter, subject, body))


def regenerate(request, pk: int):
    letter = _letter(request, pk)
    if request.method != "POST":
        return redirect(letter)
    response = _save_typed(request, letter)
    if response is not None:
        return response
    tone = request.POST.get("tone") or None
    tone = tone if tone in Letter.Tone.values else None
    confirmed = request.POST.get("confirmed") == "1"
    try:
        version = int(request.POST["confirmed_version"]) if confirmed else None
    except (KeyError, ValueError):
        version = None
    try:
        letter = letter_regenerate(letter=letter, tone=tone, confirmed=confirmed, version=version)
    except NeedsConfirmation as ask:
        return render(
            request,
            "letters/confirm_regenerate.html",
            {"letter": letter, "tone": ask.tone, "tone_label": Letter.Tone(ask.tone).label},
        )
    except LetterConflict:
        messages.warning(request, f"{CONFLICT}. Nothing was replaced: here is the letter as it is now.")
        return redirect(letter)
    except LetterError as error:
        messages.error(request, str(error))
        return redirect(letter)
    if letter.can_restore:
        messages.success(
            request, "New draft written. Your earlier text is kept: “Bring back the previous text”."
        )
    else:
        messages.success(request, "New draft written.")
    return redirect(letter)


def restore(request, pk: int):
    letter = _letter(request, pk)
    if (response := _post_only(request)) is not None:
        return response
    response = _save_typed(request, letter)
    if response is not None:
        return response
    try:
        letter_restore_previous(letter=letter)
    except LetterConflict:
        messages.warning(request, f"{CONFLICT}. Nothing was replaced: here is the letter as it is now.")
    except LetterError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, "The previous text is back. The text it replaced can be brought back the same way."
        )
    return redirect(letter)


def eml(request, pk: int):
    letter = _letter(request, pk)
    content = letter_eml(letter, now=timezone.now())
    response = HttpResponse(content, content_type="message/rfc822")
    response["Content-Disposition"] = content_disposition_header(True, letter_eml_filename(letter)) or ""
    return response


def print_view(request, pk: int):
    letter = _letter(request, pk)
    printed = letter_printed(letter, today=letter_today(letter=letter))
    return render(request, "letters/print.html", {"letter": letter, "printed": printed})


def mark_sent(request, pk: int):
    letter = _letter(request, pk)
    if (response := _post_only(request)) is not None:
        return response
    today = letter_today(letter=letter)
    sent_form = MarkSentForm(request.POST, today=today)
    if not sent_form.is_valid():
        text_form = LetterTextForm(request.POST)
        form = text_form if text_form.has_text() and not letter.is_sent else None
        if form is not None:
            form.is_valid()
        return _render_editor(request, letter, form=form, sent_form=sent_form, status=400)
    response = _save_typed(request, letter)
    if response is not None:
        return response
    try:
        letter = letter_mark_sent(letter=letter, sent_on=sent_form.cleaned_data["sent_on"])
    except LetterError as error:
        messages.error(request, str(error))
        return redirect(letter)
    messages.success(
        request,
        f"Marked sent on {date_format(cast(dt.date, letter.sent_on), 'DATE_FORMAT')}. "
        "Reminders about this letter stop; “Mark as not sent” undoes it.",
    )
    return redirect(letter)


def mark_unsent(request, pk: int):
    letter = _letter(request, pk)
    if (response := _post_only(request)) is not None:
        return response
    letter_mark_unsent(letter=letter)
    messages.success(request, "Marked as not sent: it is a draft again.")
    return redirect(letter)


def new(request, interview_id: int, contact_id: int, kind: str):
    if kind not in Letter.Kind.values:
        raise Http404("No such kind of letter.")
    interview = get_object_or_404(
        Interview.objects.filter(user=request.user).select_related("company", "user"), pk=interview_id
    )
    contact = get_object_or_404(Contact.objects.filter(user=request.user), pk=contact_id)
    if not Participant.objects.filter(interview=interview, contact=contact).exists():
        raise Http404("This person was not at this interview.")
    if (response := _post_only(request)) is not None:
        return response
    if not interview.has_ended(timezone.now()):
        # Every kind of letter speaks of the meeting as past; the page says when drafts will appear.
        messages.error(request, "Letters are written once the interview has ended.")
        return redirect(interview)
    letter = letter_ensure(interview=interview, contact=contact, kind=kind)
    return redirect(letter)
