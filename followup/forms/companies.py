"""Forms for companies: the edit form and the list's search box."""

from typing import TYPE_CHECKING, cast

from django import forms
from django.db import models
from django.http import QueryDict

from followup.forms.text import TextBlockField
from followup.models import Company
from followup.services.companies import DUPLICATE_NAME_MESSAGE, company_name_taken
from followup.services.versions import version_from_form


def https_urls(db_field, **kwargs):
    """Form fields for the model's fields, where a web address typed without a scheme means https."""
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


# The mixin's methods use the model form they are mixed into; the type checker is told so.
if TYPE_CHECKING:
    _ModelForm = forms.ModelForm
else:
    _ModelForm = object


class VersionedFormMixin(_ModelForm):
    """A hidden field carrying the version of the row the page was opened on, for stale-edit checks."""

    def add_version_field(self) -> None:
        self.fields["version"] = forms.CharField(required=False, widget=forms.HiddenInput)
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)

    def opened_version(self) -> int | None:
        return version_from_form(self.cleaned_data.get("version"))

    def show_current_version(self, current_version: int) -> None:
        """After a refused save: keep everything typed, and let the next save (made after looking) through."""
        typed = cast(QueryDict, self.data).copy()
        typed["version"] = str(current_version)
        self.data = typed


class CompanyForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Company
        formfield_callback = https_urls
        fields = ["name", "website", "notes"]
        labels = {"name": "Company name", "website": "Website"}
        help_texts = {
            "name": "As you would write it in a letter. Each of your companies has its own name.",
            "website": "Optional. The full address, for example https://example.com.",
            "notes": "Optional. Anything worth remembering: what they make, who referred you, the team.",
        }
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"notes": TextBlockField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["name"].widget.attrs.setdefault("autocomplete", "organization")
        self.add_version_field()

    def clean_name(self):
        name = self.cleaned_data["name"]
        if company_name_taken(user=self.user, name=name, exclude_pk=self.instance.pk):
            raise forms.ValidationError(DUPLICATE_NAME_MESSAGE, code="duplicate", params={"name": name})
        return name


class CompanySearchForm(forms.Form):
    q = forms.CharField(
        label="Search companies",
        required=False,
        max_length=200,
        help_text="Part of a company's name or website.",
    )
