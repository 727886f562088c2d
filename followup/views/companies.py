"""Company pages: the searchable list, one company with its people and interviews, add, edit, delete."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

from followup.forms.companies import CompanyForm, CompanySearchForm
from followup.models import Company, Contact, Interview, Participant
from followup.services.companies import (
    company_create,
    company_delete,
    company_deletion_sentence,
    company_deletion_summary,
    company_update,
)
from followup.services.versions import ChangedElsewhere

PAGE_SIZE = 25


def count_of(model, field: str):
    """A correlated COUNT subquery: one number per row, no join that multiplies rows."""
    counted = (
        model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class ClampedPaginationMixin:
    """A page number past the end shows the last page, and garbage shows the first, instead of 404."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


def stale_edit_response(view, form, changed: ChangedElsewhere):
    """The form again, everything typed kept, with why nothing was saved: a conflict (409)."""
    form.show_current_version(changed.current_version)
    form.add_error(None, changed.message)
    response = view.form_invalid(form)
    response.status_code = 409
    return response


class OwnedCompanyMixin:
    """Every company view looks rows up through the signed-in user's own companies: others are 404."""

    model = Company

    def get_queryset(self):
        return Company.objects.owned_by(self.request.user)


class CompanyListView(OwnedCompanyMixin, ClampedPaginationMixin, ListView):
    template_name = "followup/companies/list.html"
    context_object_name = "companies"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.search = CompanySearchForm(self.request.GET or None)
        companies = (
            super()
            .get_queryset()
            .annotate(
                contact_count=count_of(Contact, "company"),
                interview_count=count_of(Interview, "company"),
            )
        )
        query = self.search.cleaned_data.get("q", "") if self.search.is_valid() else ""
        self.query = query.strip()
        if self.query:
            companies = companies.filter(Q(name__icontains=self.query) | Q(website__icontains=self.query))
        return companies

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


class CompanyFormMixin:
    form_class = CompanyForm
    template_name = "followup/companies/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def save(self, form) -> Company:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.object = self.save(form)
        except ChangedElsewhere as changed:
            return stale_edit_response(self, form, changed)
        except ValidationError as error:
            # Two requests raced on the same name: the database said no, the form says why.
            form.add_error(None, error)
            return self.form_invalid(form)
        return HttpResponseRedirect(self.object.get_absolute_url())


class CompanyCreateView(CompanyFormMixin, CreateView):
    def save(self, form):
        data = form.cleaned_data
        company = company_create(
            user=self.request.user, name=data["name"], website=data["website"], notes=data["notes"]
        )
        messages.success(self.request, f"Added {company.name}.")
        return company


class CompanyUpdateView(CompanyFormMixin, OwnedCompanyMixin, UpdateView):
    context_object_name = "company"

    def get_form_kwargs(self):
        # The form edits a copy: self.object stays as stored, for the page heading and for the service
        # to compare against.
        return {**super().get_form_kwargs(), "instance": copy.copy(self.object)}

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
