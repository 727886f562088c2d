"""Company pages: the searchable list, one company with its people and interviews, add, edit, delete."""

from typing import Any

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

from followup.forms.companies import CompanyForm, CompanySearchForm
from followup.models import Company, Participant
from followup.selectors import companies_for_list, count_of
from followup.services.companies import (
    company_create,
    company_delete,
    company_deletion_sentence,
    company_deletion_summary,
    company_update,
)
from followup.views.editing import EditsACopyMixin, ServiceFormMixin
from followup.views.paging import PAGE_SIZE, ClampedPaginationMixin


class OwnedCompanyMixin:
    """Every company view looks rows up through the signed-in user's own companies: others are 404."""

    # Any: the list and detail views this is mixed into type `model` differently.
    model: Any = Company
    request: HttpRequest

    def get_queryset(self):
        return Company.objects.owned_by(self.request.user)


class CompanyListView(OwnedCompanyMixin, ClampedPaginationMixin, ListView):
    template_name = "followup/companies/list.html"
    context_object_name = "companies"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.search = CompanySearchForm(self.request.GET or None)
        query = self.search.cleaned_data.get("q", "") if self.search.is_valid() else ""
        self.query = query.strip()
        return companies_for_list(user=self.request.user, query=self.query)

    def get_context_data(self, **kwargs):
        return super().get_context_data(search=self.search, query=self.query, **kwargs)


class CompanyDetailView(OwnedCompanyMixin, DetailView):
    template_name = "followup/companies/detail.html"
    context_object_name = "company"

    def get_context_data(self, **kwargs):
        company = self.object
        now = timezone.now()
        contacts = company.contacts.annotate(interview_count=count_of(Participant, "contact"))
        interviews = list(
            company.interviews.prefetch_related(
                Prefetch("participants", queryset=Participant.objects.select_related("contact"))
            )
        )
        for interview in interviews:
            interview.status_now = interview.current_status_label(now)
        return super().get_context_data(contacts=contacts, interviews=interviews, **kwargs)


class CompanyFormMixin(ServiceFormMixin):
    form_class: type[CompanyForm] | None = CompanyForm
    template_name: str | None = "followup/companies/form.html"


class CompanyCreateView(CompanyFormMixin, CreateView):
    def save(self, form):
        data = form.cleaned_data
        company = company_create(
            user=self.request.user, name=data["name"], website=data["website"], notes=data["notes"]
        )
        messages.success(self.request, f"Added {company.name}.")
        return company


class CompanyUpdateView(EditsACopyMixin, CompanyFormMixin, OwnedCompanyMixin, UpdateView):
    context_object_name = "company"

    def save(self, form):
        company = self.object
        changed = company_update(
            company=company,
            name=form.cleaned_data["name"],
            website=form.cleaned_data["website"],
            notes=form.cleaned_data["notes"],
            expected_version=form.opened_version(),
        )
        messages.success(self.request, "Saved your changes." if changed else "Nothing changed.")
        return company


class CompanyDeleteView(OwnedCompanyMixin, DeleteView):
    template_name = "followup/companies/delete.html"
    context_object_name = "company"
    success_url = reverse_lazy("companies:list")

    def get_context_data(self, **kwargs):
        summary = company_deletion_summary(company=self.object)
        return super().get_context_data(
            summary=summary, summary_sentence=company_deletion_sentence(summary), **kwargs
        )

    def form_valid(self, form):
        name = self.object.name
        company_delete(company=self.object)
        messages.success(self.request, f"Deleted {name}.")
        return HttpResponseRedirect(reverse("companies:list"))
