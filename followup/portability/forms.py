"""Forms of the data pages: uploading a file, choosing a CSV's columns, confirming an import."""

from django import forms

from followup.portability.contact_files import FIELDS
from followup.portability.models import ContactImport


class ContactFileForm(forms.Form):
    file = forms.FileField(
        allow_empty_file=True,
        label="Contacts file",
        help_text="LinkedIn's Connections.csv, a vCard file (.vcf) from your phone or address book, or a CSV "
        "with a header row. Up to 5 MB and 20,000 contacts.",
    )


class RestoreForm(forms.Form):
    file = forms.FileField(
        allow_empty_file=True,
        label="followup.json",
        help_text="The followup.json file inside an export archive.",
    )


class ColumnsForm(forms.Form):
    """One choice per field: which of the file's columns holds it."""

    def __init__(self, *args, headers: list[str], initial_mapping: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            ("", "Not in the file"),
            *((str(i), h or f"Column {i + 1}") for i, h in enumerate(headers)),
        ]
        for key, label in FIELDS.items():
            self.fields[key] = forms.TypedChoiceField(
                label=label, choices=choices, required=False, coerce=int, empty_value=None
            )
            if key in initial_mapping:
                self.initial[key] = str(initial_mapping[key])

    def mapping(self) -> dict[str, int]:
        return {key: value for key, value in self.cleaned_data.items() if value is not None}


class ConfirmImportForm(forms.Form):
    existing = forms.ChoiceField(
        label="Contacts you already have",
        choices=ContactImport.Existing.choices,
        initial=ContactImport.Existing.KEEP,
        widget=forms.RadioSelect,
    )
