"""Forms for contacts: the edit form and the list's search and filters."""

from django import forms

from followup.forms.companies import VersionedFormMixin, https_urls
from followup.forms.text import TextBlockField
from followup.models import Company, Contact


class ContactForm(VersionedFormMixin, forms.ModelForm):
    # A contact always works somewhere; a new company can be named right here instead of picked.
    new_company = forms.CharField(
        label="Or a new company",
        required=False,
        max_length=200,
        help_text="Type a name here to add a company you have not recorded yet.",
    )

    class Meta:
        model = Contact
        formfield_callback = https_urls
        fields = list(Contact.EDITABLE_FIELDS)
        labels = {
            "name": "Full name",
            "honorific": "Honorific",
            "title": "Job title",
            "company": "Company",
            "email": "Email address",
            "phone": "Phone",
            "linkedin_url": "LinkedIn profile",
            "role": "How you know them",
            "address_style": "How they like to be addressed",
        }
        help_texts = {
            "name": "Spelled exactly as they spell it: letters use it as written.",
            "honorific": "Optional. Used in formal greetings, such as “Dear Dr. Singh”.",
            "title": "Optional. For example: Engineering Manager.",
            "email": "Optional. Where your thank-you letter goes.",
            "phone": "Optional.",
            "linkedin_url": "Optional. The full address of their profile, starting with https://.",
            "role": "Interviewer, recruiter, the person who referred you, a lead, or someone else.",
            "address_style": "Follow how they introduced themselves. When unsure, formal is the safe choice.",
            "notes": "Optional. Anything worth remembering about them.",
        }
        field_classes = {"notes": TextBlockField}
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 4}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }
        error_messages = {
            "company": {"invalid_choice": "Choose one of your own companies from the list."},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        company = self.fields["company"]
        company.queryset = Company.objects.owned_by(user)
        company.required = False
        company.empty_label = "Choose a company"
        company.help_text = "Where they work. Pick one of yours, or type a new one below."
        # The list shows only the user's own companies, so a forged id is an invalid choice.
        self.order_fields(["name", "honorific", "title", "company", "new_company"])
        self.add_version_field()

    def clean_new_company(self):
        return self.cleaned_data["new_company"].strip()

    def clean(self):
        cleaned = super().clean()
        company, new_company = cleaned.get("company"), cleaned.get("new_company")
        if "company" in self.errors or "new_company" in self.errors:
            return cleaned
        if company and new_company:
            self.add_error("new_company", "Pick a company from the list or type a new one, not both.")
        elif not company and not new_company:
            self.add_error("company", "Choose the company they work at, or type a new one below.")
        return cleaned


class ContactFilterForm(forms.Form):
    q = forms.CharField(
        label="Search contacts",
        required=False,
        max_length=200,
        help_text="Part of a name, job title, email address or company.",
    )
    role = forms.ChoiceField(
        label="How you know them",
        required=False,
        choices=[("", "Any role"), *Contact.Role.choices],
    )
    company = forms.ModelChoiceField(
        label="Company", required=False, queryset=Company.objects.none(), empty_label="Any company"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = Company.objects.owned_by(user)
