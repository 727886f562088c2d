"""The interview form with its rows of people met, the status buttons' form and the list filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone

from followup.forms.text import TextBlockField
from followup.forms.widgets import QuickSelect
from followup.models import Company, Contact, Interview, Participant, User
from followup.selectors import companies_for_picker, contacts_at_company, contacts_by_ids
from followup.services.interviews import (
    FIELDS,
    InterviewChanged,
    PersonEntry,
    interview_record,
    interview_update,
)
from followup.services.versions import version_from_form

# Dates outside these years are typing slips, and they could not be stored in UTC at the extremes.
YEAR_MIN, YEAR_MAX = 1900, 2200
PEOPLE_MAX = 20


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class DateLocalInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _clock_change_message(naive: dt.datetime, zone: dt.tzinfo) -> str:
    """Why a local time cannot be stored: it happens twice (clocks go back) or never (clocks go forward)."""
    first = naive.replace(tzinfo=zone, fold=0)
    round_trip = first.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != naive:
        return (
            f"{naive:%H:%M} does not exist on {naive.day} {naive:%b %Y} in {zone}: the clocks go forward "
            "that day. Enter the time as the clock showed it, for example an hour later."
        )
    return (
        f"{naive:%H:%M} happens twice on {naive.day} {naive:%b %Y} in {zone}: the clocks go back that "
        "day. Enter a time just before or after the change."
    )


class LocalDateTimeField(forms.DateTimeField):
    """A date and time typed in the user's zone (the active one), stored as an aware datetime."""

    widget = DateTimeLocalInput
    default_error_messages = {"invalid": "Enter a date and time, for example 2026-03-03 14:00."}

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            if error.code == "ambiguous_timezone":
                raise ValidationError(
                    _clock_change_message(error.params["datetime"], error.params["current_timezone"]),
                    code="clock_change",
                ) from error
            raise
        except (OverflowError, ValueError) as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error

    def validate(self, value):
        super().validate(value)
        if value is not None and not YEAR_MIN <= value.year <= YEAR_MAX:
            raise ValidationError(f"Enter a date between {YEAR_MIN} and {YEAR_MAX}.", code="out_of_range")


class LocalDateField(forms.DateField):
    widget = DateLocalInput
    default_error_messages = {"invalid": "Enter a date, for example 2026-03-20."}

    def validate(self, value):
        super().validate(value)
        if value is not None and not YEAR_MIN <= value.year <= YEAR_MAX:
            raise ValidationError(f"Enter a date between {YEAR_MIN} and {YEAR_MAX}.", code="out_of_range")


def _text(model_field, label: str, *, rows: int = 3, help_text: str = "") -> forms.CharField:
    """A text box for one of the model's text fields, holding as much as the field does (and saying so)."""
    return TextBlockField(
        label=label,
        required=False,
        max_length=model_field.max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _interview_text(name: str, label: str, **kwargs) -> forms.CharField:
    return _text(Interview._meta.get_field(name), label, **kwargs)


def default_start(now: dt.datetime) -> dt.datetime:
    """An hour before now, on the half hour before it, in the active zone: the usual 'just got out'."""
    local = timezone.localtime(now)
    rounded = local.replace(minute=0 if local.minute < 30 else 30, second=0, microsecond=0)
    return rounded.astimezone(dt.UTC) - dt.timedelta(hours=1)


class InterviewForm(forms.Form):
    """The interview's own fields; the company is picked from a list or typed (a new name creates it)."""

    company_name = forms.CharField(
        label="Company",
        max_length=200,
        help_text="Pick one of yours or type a new name.",
        widget=forms.TextInput(attrs={"list": "company-options", "autocomplete": "off"}),
        error_messages={"required": "Enter the company's name."},
    )
    role = forms.CharField(
        label="Role",
        max_length=200,
        help_text="The job you interviewed for.",
        error_messages={"required": "Enter the role you interviewed for."},
    )
    round = forms.CharField(
        label="Round", max_length=100, required=False, help_text="For example: first round, final panel."
    )
    format = forms.ChoiceField(
        label="Format",
        choices=Interview.Format.choices,
        initial=Interview.Format.VIDEO,
        widget=forms.RadioSelect,
    )
    starts_at = LocalDateTimeField(label="Start", error_messages={"required": "Enter when it started."})
    ends_at = LocalDateTimeField(label="End", error_messages={"required": "Enter when it ended."})
    location = forms.CharField(label="Location or link", max_length=500, required=False)
    topics = _interview_text(
        "topics", "Topics discussed", help_text="What the conversation covered, in a few words."
    )
    missed_point = _interview_text("missed_point", "A point you did not get to make", rows=2)
    why_role = _interview_text("why_role", "Why you want this role", rows=2)
    contribution = _interview_text(
        "contribution",
        "How you would contribute",
        rows=2,
        help_text="A strength that meets a need they raised.",
    )
    decision_date = LocalDateField(
        label="Decision expected by",
        required=False,
        help_text="The date they said they would decide, if they gave one.",
    )
    since_we_spoke = _interview_text(
        "since_we_spoke",
        "Since we spoke",
        rows=2,
        help_text="Optional, for your first follow-up: something new since the interview, such as a link to a "
        "sample, a relevant piece of news or a thought on a problem they raised.",
    )
    status = forms.ChoiceField(
        label="Status",
        choices=Interview.Status.choices,
        initial=Interview.Status.SCHEDULED,
        help_text="Scheduled turns into Awaiting reply on its own once the interview has ended.",
    )
    notes = _interview_text("notes", "Other notes", rows=2)
    # When an edit page was opened: a save from a page older than the stored interview is refused.
    saved_version = forms.CharField(required=False, widget=forms.HiddenInput)
    # The calendar invite the form was filled from (followup.calendar_import), remembered on save.
    invite_uid = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)
    invite_sequence = forms.CharField(required=False, max_length=12, widget=forms.HiddenInput)

    def clean_company_name(self):
        return " ".join(self.cleaned_data["company_name"].split())

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", "The end must be after the start.")
        return cleaned

    def opened_version(self) -> int | None:
        return version_from_form(self.cleaned_data.get("saved_version"))

    def interview_data(self) -> dict[str, Any]:
        data = {f: self.cleaned_data[f] for f in FIELDS}
        data["company_name"] = self.cleaned_data["company_name"]
        return data

    @staticmethod
    def initial_for(interview: Interview) -> dict[str, Any]:
        initial: dict[str, Any] = {f: getattr(interview, f) for f in FIELDS}
        initial["company_name"] = interview.company.name
        initial["saved_version"] = interview.version
        return initial


class PersonForm(forms.Form):
    """One person met: a saved contact, or a new person's name, title and email; and what you discussed."""

    # The contact's id, filled by the search box (templates/followup/interviews/_contact_picker.html).
    contact = forms.CharField(label="Someone in your contacts", required=False, widget=forms.HiddenInput)
    name = forms.CharField(label="Or a new person's name", max_length=200, required=False)
    title = forms.CharField(label="Their job title", max_length=200, required=False)
    email = forms.EmailField(
        label="Their email",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.com."},
    )
    discussed = _text(
        Participant._meta.get_field("discussed"),
        "What you discussed with them",
        help_text="One thing to mention in their thank-you.",
    )

    def __init__(self, *args, contacts: Sequence[Contact] = (), **kwargs):
        super().__init__(*args, **kwargs)
        # Only the contacts named on this form, and only the user's own (InterviewEntry loads them).
        self.contacts_by_id = {str(c.pk): c for c in contacts}

    def clean_contact(self) -> Contact | None:
        value = self.cleaned_data["contact"].strip()
        if not value:
            return None
        # Another user's id, or anything else, is not in contacts_by_id.
        contact = self.contacts_by_id.get(value)
        if contact is None:
            raise ValidationError("Pick a person from the list.", code="invalid_choice")
        return contact

    def chosen_contact(self) -> Contact | None:
        """The contact this row shows as chosen: one of the user's own, or None (a bad id is dropped)."""
        value = self["contact"].value()
        return self.contacts_by_id.get(str(value).strip()) if value else None

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        contact, name = cleaned.get("contact"), cleaned.get("name", "")
        if contact and name:
            self.add_error("name", "Pick someone from your contacts or type a new name, not both.")
        elif not contact and not name and any(cleaned.get(f) for f in ("title", "email", "discussed")):
            self.add_error("name", "Type this person's name, or pick them from your contacts.")
        return cleaned

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("contact") and not data.get("name")

    def entry(self) -> PersonEntry:
        data = self.cleaned_data
        return PersonEntry(
            contact=data.get("contact"),
            name=data.get("name", ""),
            title=data.get("title", ""),
            email=data.get("email", ""),
            discussed=data.get("discussed", ""),
        )


class BasePeopleFormSet(forms.BaseFormSet):
    default_error_messages = {
        "missing_management_form": (
            "The list of people did not arrive complete. Check the people you met and save again."
        ),
        "too_many_forms": "You can list at most %(num)d people for one interview.",
        "too_few_forms": "List at least %(num)d people.",
    }

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this person from the interview"

    def kept_forms(self) -> list[PersonForm]:
        """Rows that name someone, in order; rows marked for removal and blank rows are left out."""
        return [
            form
            for form in self.forms
            # _should_delete_form is Django's own test for a ticked DELETE box (private, so not in the stubs).
            if not (self.can_delete and self._should_delete_form(form))  # type: ignore[attr-defined]
            and not form.is_blank
        ]


# formset_factory builds a subclass of the formset= class, which the stubs type as its plain base.
PeopleFormSet = cast(
    type[BasePeopleFormSet],
    forms.formset_factory(
        PersonForm,
        formset=BasePeopleFormSet,
        extra=1,
        can_delete=True,
        can_delete_extra=False,
        max_num=PEOPLE_MAX,
        validate_max=True,
        absolute_max=PEOPLE_MAX + 10,
    ),
)


class InterviewEntry:
    """The interview form and its people formset, checked and saved together through the services.

    Everything the form offers is the user's own, loaded once for all rows: every company (a short
    list), but only the contacts the rows name, so the page stays small whatever the size of the address
    book; the search box (followup.views.contact_search) finds the others.
    """

    prefix = "people"

    def __init__(
        self,
        *,
        user: User,
        data=None,
        interview: Interview | None = None,
        initial: dict[str, Any] | None = None,
        people_initial: list[dict[str, Any]] | None = None,
        now: dt.datetime | None = None,
        company_id: str | None = None,
        contact_id: str | None = None,
    ):
        self.user = user
        self.interview = interview
        self.companies: list[Company] = companies_for_picker(user=user)
        self.problems: list[str] = []
        # Set when a save was refused because the interview changed since the page was opened.
        self.conflict = False
        fresh = data is None and initial is None
        if fresh:
            initial, people_initial = self._initial(now or timezone.now())
        self.contacts: list[Contact] = contacts_by_ids(
            user=user, ids=self._named_contact_ids(data, people_initial, contact_id if fresh else None)
        )
        if fresh:
            initial, people_initial = self._prefill(initial, people_initial, company_id, contact_id)
        self.form = InterviewForm(data, initial=initial)
        self.formset: BasePeopleFormSet = PeopleFormSet(
            data,
            prefix=self.prefix,
            initial=people_initial,
            form_kwargs={"contacts": self.contacts},
        )

    def _named_contact_ids(self, data, people_initial, contact_id) -> list[str]:
        """The contact ids the form may show: the posted rows', the initial rows' and the one asked for in
        the address (a new interview started from a contact's page)."""
        if data is not None:
            prefix = f"{self.prefix}-"
            return [str(v) for k, v in data.items() if k.startswith(prefix) and k.endswith("-contact")]
        ids = [str(row.get("contact") or "") for row in people_initial or []]
        if contact_id:
            ids.append(str(contact_id))
        return ids

    def _initial(self, now: dt.datetime) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        if self.interview is not None:
            people = [
                {"contact": str(p.contact_id), "discussed": p.discussed}
                for p in self.interview.participants.all()
            ]
            return InterviewForm.initial_for(self.interview), people
        start = default_start(now)
        return {"starts_at": start, "ends_at": start + dt.timedelta(hours=1)}, []

    def _prefill(self, initial, people, company_id, contact_id):
        """Starts a new interview from a company's or contact's page with them already chosen.

        Only the user's own companies and contacts are looked up, so a foreign id is simply ignored.
        """
        if self.interview is not None:
            return initial, people
        contact = next((c for c in self.contacts if str(c.pk) == contact_id), None)
        company = next((c for c in self.companies if str(c.pk) == company_id), None)
        if contact is not None:
            people = [{"contact": str(contact.pk)}]
            company = company or next((c for c in self.companies if c.pk == contact.company_id), None)
        if company is not None:
            initial = {**initial, "company_name": company.name}
        return initial, people

    @property
    def is_bound(self) -> bool:
        return self.form.is_bound

    def with_another_person(self) -> InterviewEntry:
        """The same form, unbound, showing everything typed so far plus one more blank person row.

        Unbound, so nothing is flagged as an error while the user is still filling the form in.
        """
        typed = {name: self.form[name].value() for name in self.form.fields}
        try:
            rows = [{name: form[name].value() for name in form.fields} for form in self.formset.forms]
        except ValidationError:
            rows = []
        entry = InterviewEntry(
            user=self.user, interview=self.interview, initial=typed, people_initial=rows or None
        )
        if not self.formset.management_form.is_valid():
            entry.problems.append(str(BasePeopleFormSet.default_error_messages["missing_management_form"]))
        if len(rows) >= PEOPLE_MAX:
            entry.formset.extra = 0
            entry.problems.append(f"You can list at most {PEOPLE_MAX} people for one interview.")
        return entry

    def is_valid(self) -> bool:
        form_valid = self.form.is_valid()
        try:
            people_valid = self.formset.is_valid()
        except ValidationError as error:
            # Older Django raised here for a missing management form; either way it is the user's
            # problem to fix, never a server error.
            self.problems.extend(error.messages)
            people_valid = False
        if not (form_valid and people_valid):
            return False
        return self._check_each_person_once()

    def _check_each_person_once(self) -> bool:
        """Flags a row that repeats an earlier one: the same contact, or a typed name that is the same
        as a picked contact or an earlier typed name at this company (names compared ignoring case)."""
        company_key = self.form.cleaned_data["company_name"].casefold()
        at_company: dict[str, Contact] = {}
        for known in contacts_at_company(user=self.user, company_name=self.form.cleaned_data["company_name"]):
            if known.company.name.casefold() == company_key:
                at_company.setdefault(known.name.casefold(), known)
        kept = self.formset.kept_forms()
        seen: dict[Any, int] = {}
        ok = True
        for number, form in enumerate(self.formset.forms, start=1):
            if form not in kept:
                continue
            contact: Contact | None = form.cleaned_data.get("contact")
            name = form.cleaned_data.get("name", "")
            if contact is None:
                contact = at_company.get(name.casefold())
            key = contact.pk if contact is not None else ("new", name.casefold())
            if key in seen:
                who = contact.name if contact is not None else name
                form.add_error(
                    "contact" if form.cleaned_data.get("contact") else "name",
                    f"{who} is already listed as person {seen[key]}. Keep one row for each person.",
                )
                ok = False
            else:
                seen[key] = number
        return ok

    def people(self) -> list[PersonEntry]:
        return [form.entry() for form in self.formset.kept_forms()]

    def save(self) -> Interview | None:
        """Records or updates the interview; None (with the reason on the form) when a service says no."""
        data, people = self.form.interview_data(), self.people()
        try:
            if self.interview is None:
                return interview_record(user=self.user, data=data, people=people)
            return interview_update(
                interview=self.interview,
                data=data,
                people=people,
                expected_version=self.form.opened_version(),
            )
        except InterviewChanged as changed:
            # Keep everything typed; the next save (after the user has looked) goes through.
            typed = cast(QueryDict, self.form.data).copy()
            typed["saved_version"] = str(changed.current_version)
            self.form.data = typed
            self.problems.append(changed.message)
            self.conflict = True
            return None
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                self.form.add_error(None, error)
            else:
                self.problems.extend(error.messages)
            return None

    @property
    def error_count(self) -> int:
        if not self.is_bound:
            return 0
        count = len(self.form.errors) + len(self.problems) + len(self.formset.non_form_errors())
        return count + sum(len(form.errors) for form in self.formset.forms)


class StatusForm(forms.Form):
    """The one-click status buttons: each submits its own status value."""

    status = forms.ChoiceField(choices=Interview.Status.choices)


STATUS_BUTTONS = list(Interview.AFTER_INTERVIEW_STATUSES)


class InterviewFilterForm(forms.Form):
    """The interviews page's search and filters, read from the query string; a bad value is ignored."""

    q = forms.CharField(
        label="Search", max_length=200, required=False, help_text="Role, company or a person's name."
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *Interview.Status.choices],
        error_messages={"invalid_choice": "Pick a status from the list."},
    )
    company = forms.ModelChoiceField(
        label="Company",
        required=False,
        queryset=Company.objects.none(),
        widget=QuickSelect,
        empty_label="Any company",
        error_messages={"invalid_choice": "Pick a company from the list."},
    )
    date_from = LocalDateField(label="From", required=False)
    date_to = LocalDateField(label="To", required=False)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["company"]).queryset = Company.objects.owned_by(
            user
        ).order_by("name")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end of the range must be on or after its start.")
        return cleaned

    def filters(self) -> dict[str, Any]:
        """The filters that passed validation; a field with an error filters nothing."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
