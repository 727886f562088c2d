"""Contact pages: the list with search and filters, one person and every interview they were in, add,
edit, delete."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

from followup.forms.contacts import ContactFilterForm, ContactForm
from followup.models import Company, Contact
from followup.selectors import contacts_for_list
from followup.services.contacts import (
    CONTACT_FIELDS,
    contact_create_from_form,
    contact_delete,
    contact_deletion_summary,
    contact_update_from_form,
)
from followup.views.editing import EditsACopyMixin, ServiceFormMixin
from followup.views.paging import PAGE_SIZE, ClampedPaginationMixin


class OwnedContactMixin:
    """Every contact view looks rows up through the signed-in user's own contacts: others are 404."""

    # Any: the list and detail views this is mixed into type `model` differently.
    model: Any = Contact
    request: HttpRequest

    def get_queryset(self):
        return Contact.objects.owned_by(self.request.user).select_related("company")


class ContactListView(OwnedContactMixin, ClampedPaginationMixin, ListView):
    template_name = "followup/contacts/list.html"
    context_object_name = "contacts"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.filters = ContactFilterForm(self.request.GET or None, user=self.request.user)
        # A filter that does not validate (a forged company id, say) is ignored and shown as an error.
        self.filters.is_valid()
        cleaned = getattr(self.filters, "cleaned_data", {})
        self.query = (cleaned.get("q") or "").strip()
        contacts = contacts_for_list(
            user=self.request.user, query=self.query, role=cleaned.get("role"), company=cleaned.get("company")
        )
        self.filtering = bool(self.query or cleaned.get("role") or cleaned.get("company"))
        return contacts

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filters=self.filters, query=self.query, filtering=self.filtering, **kwargs
        )


class ContactDetailView(OwnedContactMixin, DetailView):
    template_name = "followup/contacts/detail.html"
    context_object_name = "contact"

    def get_context_data(self, **kwargs):
        now = timezone.now()
        participations = list(
            self.object.participations.select_related("interview", "interview__company").order_by(
                "-interview__starts_at"
            )
        )
        for participation in participations:
            participation.status_now = participation.interview.current_status_label(now)
        # The choice labels carry an example greeting for another person ("Dear Dr. Singh"): drop it here.
        address_style = self.object.get_address_style_display().split(" (")[0]
        return super().get_context_data(participations=participations, address_style=address_style, **kwargs)


class ContactFormMixin(ServiceFormMixin):
    form_class: type[ContactForm] | None = ContactForm
    template_name: str | None = "followup/contacts/form.html"

    def contact_data(self, form) -> dict:
        return {name: form.cleaned_data[name] for name in CONTACT_FIELDS}


class ContactCreateView(ContactFormMixin, CreateView):
    def get_initial(self):
        # "Add a contact here" on a company page preselects that company (only one of the user's own).
        initial = super().get_initial()
        company_id = self.request.GET.get("company", "")
        if company_id.isdigit():
            company = Company.objects.owned_by(self.request.user).filter(pk=company_id).first()
            if company is not None:
                initial["company"] = company
        return initial

    def save(self, form):
        contact = contact_create_from_form(
            user=self.request.user, data=self.contact_data(form), new_company=form.cleaned_data["new_company"]
        )
        messages.success(self.request, f"Added {contact.name}.")
        return contact


class ContactUpdateView(EditsACopyMixin, ContactFormMixin, OwnedContactMixin, UpdateView):
    context_object_name = "contact"

    def save(self, form):
        contact = self.object
        changed = contact_update_from_form(
            contact=contact,
            data=self.contact_data(form),
            new_company=form.cleaned_data["new_company"],
            expected_version=form.opened_version(),
        )
        messages.success(self.request, "Saved your changes." if changed else "Nothing changed.")
        return contact


class ContactDeleteView(OwnedContactMixin, DeleteView):
    template_name = "followup/contacts/delete.html"
    context_object_name = "contact"

    def get_context_data(self, **kwargs):
        return super().get_context_data(summary=contact_deletion_summary(contact=self.object), **kwargs)

    def form_valid(self, form):
        name = self.object.name
        contact_delete(contact=self.object)
        messages.success(self.request, f"Deleted {name}.")
        return HttpResponseRedirect(reverse("contacts:list"))
