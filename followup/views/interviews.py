"""Interview pages: the list, recording and editing, the detail page, deleting and one-click status."""

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.generic import DeleteView, DetailView, ListView

from followup.forms.interviews import InterviewEntry, InterviewFilterForm, StatusForm
from followup.forms.invites import InviteForm
from followup.models import Interview
from followup.redirects import safe_next_path
from followup.selectors import contacts_search, interviews_for_list, interviews_with_people
from followup.services.calendar import interview_link_invite
from followup.services.interviews import interview_delete, interview_set_status
from followup.signals import interview_opened
from followup.views.invites import invite_import
from followup.views.page_cache import cached_page
from followup.views.paging import PAGE_SIZE, ClampedPaginationMixin
from followup.views.row_cache import interview_rows_render
from followup.views.shown_status import mark_shown_status, status_buttons


@method_decorator(cached_page, name="get")
class InterviewListView(ClampedPaginationMixin, ListView):
    template_name = "followup/interviews/list.html"
    context_object_name = "interviews"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.filter_form = InterviewFilterForm(self.request.GET or None, user=self.request.user)
        filters = self.filter_form.filters() if self.filter_form.is_bound else {}
        self.is_filtering = bool(filters)
        self.now = timezone.now()
        return interviews_for_list(user=self.request.user, filters=filters, now=self.now)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(context["interviews"])
        mark_shown_status(rows, self.now)
        interview_rows_render(rows, now=self.now)
        has_any = bool(rows) or self.is_filtering or Interview.objects.owned_by(self.request.user).exists()
        context.update(
            filter_form=self.filter_form,
            is_filtering=self.is_filtering,
            has_any=has_any,
            upcoming=[i for i in rows if i.is_upcoming],
            past=[i for i in rows if not i.is_upcoming],
        )
        return context


@method_decorator(cached_page, name="get")
class InterviewDetailView(DetailView):
    template_name = "followup/interviews/detail.html"
    context_object_name = "interview"

    def get_queryset(self):
        return interviews_with_people(user=self.request.user)

    def http_method_not_allowed(self, request, *args, **kwargs):
        self.get_object()  # another user's interview is a 404 whatever the method
        return super().http_method_not_allowed(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        interview = context["interview"]
        # Listeners write what became due since the interview ended (its thank-you drafts) before the
        # page reads them.
        interview_opened.send(sender=Interview, interview=interview, now=now)
        current = interview.current_status(now)
        context.update(
            has_ended=interview.has_ended(now),
            current_status=current,
            current_status_label=Interview.Status(current).label,
            participants=list(interview.participants.all()),
            status_buttons=status_buttons(),
            notes=[
                (Interview._meta.get_field(name).verbose_name.capitalize(), getattr(interview, name))
                for name in ("topics", "missed_point", "why_role", "contribution", "since_we_spoke", "notes")
            ],
        )
        return context


def _render_form(request, entry: InterviewEntry, interview: Interview | None = None, *, status=200, **extra):
    context = {
        "entry": entry,
        "form": entry.form,
        "formset": entry.formset,
        "interview": interview,
        "companies": entry.companies,
        # A new interview can start from a calendar invite (followup.views.invites).
        "invite_form": InviteForm() if interview is None else None,
        **extra,
    }
    # A save refused because another tab changed the interview is a conflict, not a success.
    if entry.conflict:
        status = 409
    return render(request, "followup/interviews/form.html", context, status=status)


def interview_new(request):
    if request.method == "POST":
        if "import_invite" in request.POST:
            return invite_import(request, render_form=_render_form)
        entry = InterviewEntry(user=request.user, data=request.POST)
        if "add_person" in request.POST:
            return _render_form(request, entry.with_another_person())
        if entry.is_valid():
            interview = entry.save()
            if interview is not None:
                interview_link_invite(
                    interview=interview,
                    key=entry.form.cleaned_data.get("invite_uid", ""),
                    sequence=entry.form.cleaned_data.get("invite_sequence", ""),
                )
                messages.success(request, "Interview saved.")
                return redirect(interview)
    else:
        entry = InterviewEntry(
            user=request.user,
            now=timezone.now(),
            company_id=request.GET.get("company"),
            contact_id=request.GET.get("contact"),
        )
    return _render_form(request, entry)


def interview_edit(request, pk: int):
    interview = get_object_or_404(
        Interview.objects.owned_by(request.user).select_related("company").prefetch_related("participants"),
        pk=pk,
    )
    if request.method == "POST":
        entry = InterviewEntry(user=request.user, data=request.POST, interview=interview)
        if "add_person" in request.POST:
            return _render_form(request, entry.with_another_person(), interview)
        if entry.is_valid():
            try:
                saved = entry.save()
            except Interview.DoesNotExist:
                raise Http404("This interview was deleted a moment ago.") from None
            if saved is not None:
                messages.success(request, "Changes saved.")
                return redirect(saved)
    else:
        entry = InterviewEntry(user=request.user, interview=interview)
    return _render_form(request, entry, interview)


class InterviewDeleteView(DeleteView):
    template_name = "followup/interviews/confirm_delete.html"
    context_object_name = "interview"

    def get_queryset(self):
        return Interview.objects.owned_by(self.request.user).select_related("company")

    def get_success_url(self):
        return reverse("interviews:list")

    def form_valid(self, form):
        described = str(self.object)
        interview_delete(interview=self.object)
        messages.success(self.request, f"Deleted the interview for {described}.")
        return redirect(self.get_success_url())


def interview_status(request, pk: int):
    """One click from the interview page or the dashboard: store the chosen status and go back."""
    # Looked up first, so another user's interview is a 404 whatever the method.
    interview = get_object_or_404(Interview.objects.owned_by(request.user).select_related("company"), pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    back = safe_next_path(request.POST.get("next"), fallback=interview.get_absolute_url())
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That status was not recognised; nothing changed.")
        return HttpResponseRedirect(back)
    interview_set_status(interview=interview, status=form.cleaned_data["status"])
    label = Interview.Status(interview.status).label
    messages.success(request, f"{interview}: marked “{label}”.")
    # Not redirect(): it would look a path-less value up as a URL name.
    return HttpResponseRedirect(back)


def contact_search(request):
    """The interview form's contact search: a short list of the signed-in user's matching contacts, as a
    fragment the search box swaps in under itself."""
    # The box in each person row is named for its row (people-0-contact_search); "q" serves anyone else.
    query = request.GET.get("q") or next(
        (value for name, value in request.GET.items() if name.endswith("-contact_search")), ""
    )
    query = query[:200]
    contacts = contacts_search(user=request.user, query=query)
    return render(
        request,
        "followup/interviews/_contact_results.html",
        {"contacts": contacts, "query": " ".join(query.split())},
    )
