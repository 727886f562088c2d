"""Forms for the user's own account: settings, the first-run step, and deleting the account."""

from __future__ import annotations

import functools
import re
import zoneinfo
from typing import cast

import holidays
from django import forms
from django.utils.html import format_html, format_html_join

from followup.forms.text import TextBlockField
from followup.models import User

NO_COUNTRY_LABEL = "No country (weekends only)"
TIME_ZONE_LIST_ID = "time-zone-options"


@functools.cache
def time_zone_names() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


@functools.cache
def _time_zones_by_lower_name() -> dict[str, str]:
    return {name.lower(): name for name in time_zone_names()}


_SMALL_WORDS = {"And", "Of", "The", "Da", "Du"}


def _words(class_name: str) -> str:
    """'SaintVincentAndTheGrenadines' -> 'Saint Vincent and the Grenadines'."""
    words = re.findall(r"[A-Z][a-z]*|[a-z]+|[0-9]+", class_name) or [class_name]
    return " ".join(w.lower() if i and w in _SMALL_WORDS else w for i, w in enumerate(words))


@functools.cache
def country_choices() -> tuple[tuple[str, str], ...]:
    """(code, name) for every country the holidays package knows, sorted by name.

    The package lists two- and three-letter codes and a few aliases (UK for GB); the user's country
    field holds the ISO two-letter one. Names come from the package's registry of country classes;
    should that registry move, every two-letter code is offered under its code.
    """
    codes = {code for code in holidays.list_supported_countries() if len(code) == 2}
    names: dict[str, str] = {}
    try:
        from holidays import registry

        for entry in registry.COUNTRIES.values():
            class_name, code = entry[0], entry[1]
            if code in codes:
                names[code] = _words(class_name)
    except (ImportError, AttributeError, IndexError, TypeError):
        names = {}
    if not names:
        names = {code: code for code in codes}
    return tuple(sorted(names.items(), key=lambda item: item[1]))


class DatalistInput(forms.TextInput):
    """A text box that suggests values from a <datalist> as the user types (no script needed)."""

    def __init__(self, options, list_id, attrs=None):
        super().__init__(attrs)
        self.options = options
        self.list_id = list_id

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["list"] = self.list_id
        return context

    def render(self, name, value, attrs=None, renderer=None):
        text_box = super().render(name, value, attrs, renderer)
        options = format_html_join("", '<option value="{}">', ((option,) for option in self.options()))
        return format_html('{}<datalist id="{}">{}</datalist>', text_box, self.list_id, options)


class TimeZoneField(forms.CharField):
    default_error_messages = {
        "unknown": "“%(value)s” is not a time zone we know. Start typing a city and pick one from the "
        "list, such as Europe/London or America/New_York.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault(
            "widget",
            DatalistInput(
                time_zone_names, TIME_ZONE_LIST_ID, attrs={"autocomplete": "off", "spellcheck": "false"}
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in (None, ""):
            return value
        canonical = _time_zones_by_lower_name().get(value.lower())
        if canonical is None:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"value": value}
            )
        return canonical


HOUR_CHOICES = [(hour, f"{hour:02d}:00") for hour in range(24)]

LABELS = {
    "full_name": "Your full name",
    "time_zone": "Time zone",
    "country": "Country for public holidays",
    "signature": "Signature",
    "reminders_enabled": "Email me reminders",
    "thank_you_delay_minutes": "Thank-you reminder, minutes after the interview ends",
    "follow_up_after_decision_days": "Follow-up, business days after the decision date",
    "follow_up_after_interview_days": "Follow-up, business days after the interview (no decision date)",
    "second_follow_up_days": "Second follow-up, business days after the first",
    "reminder_hour": "Time of day for follow-up reminders",
    "follow_up_digest": "Send follow-up reminders as one daily email",
}
HELP_TEXTS = {
    "full_name": "Your letters are signed with it, exactly as you write it here.",
    "time_zone": "Times are shown and reminders sent in this zone. Start typing a city, for example "
    "Europe/Berlin, and pick from the list.",
    "country": "Follow-ups never fall on a weekend, nor on a public holiday of this country.",
    "signature": "The lines under your name at the end of each letter: phone, LinkedIn, and your postal "
    "address if you print letters.",
    "reminders_enabled": "Turn this off to stop every reminder email. Your interviews and letters stay.",
    "thank_you_delay_minutes": "How long to wait after an interview ends before reminding you to send "
    "thank-you letters. From 0 to 1440 (a whole day); 120 is two hours.",
    "follow_up_after_decision_days": "When they told you when they would decide: how many working days "
    "after that date to remind you to follow up. From 1 to 30.",
    "follow_up_after_interview_days": "When they gave no date: how many working days after the interview "
    "to remind you to follow up. From 1 to 30.",
    "second_follow_up_days": "If you still have no reply: working days between the first and the second "
    "follow-up. From 1 to 30. After the second there are no more.",
    "reminder_hour": "Follow-up reminders arrive at this hour in your time zone. Thank-you reminders "
    "come as soon as they are due.",
    "follow_up_digest": "One email a day listing every follow-up due, instead of one email each. "
    "Thank-you reminders always come on their own.",
}


class ProfileForm(forms.ModelForm):
    time_zone = TimeZoneField(label=LABELS["time_zone"], help_text=HELP_TEXTS["time_zone"])
    country = forms.ChoiceField(label=LABELS["country"], help_text=HELP_TEXTS["country"], required=False)
    reminder_hour = forms.TypedChoiceField(
        label=LABELS["reminder_hour"],
        help_text=HELP_TEXTS["reminder_hour"],
        choices=HOUR_CHOICES,
        coerce=int,
    )

    class Meta:
        model = User
        fields = [*User.PROFILE_FIELDS, *User.REMINDER_FIELDS]
        labels = LABELS
        help_texts = HELP_TEXTS
        widgets = {"signature": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"signature": TextBlockField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", NO_COUNTRY_LABEL), *country_choices()]
        # Letters are signed with it: clearing it would leave them signed by nobody.
        self.fields["full_name"].required = True
        self.fields["full_name"].widget.attrs.setdefault("autocomplete", "name")


class WelcomeForm(forms.Form):
    full_name = forms.CharField(
        label="Your full name",
        max_length=150,
        help_text="Your letters are signed with it, exactly as you write it here.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    time_zone = TimeZoneField(
        label="Your time zone",
        initial="UTC",
        help_text="We guessed it from your browser. Reminders arrive by this clock; change it if it is wrong.",
    )
    signature = TextBlockField(
        label="Signature (optional)",
        required=False,
        max_length=cast(int, User._meta.get_field("signature").max_length),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The lines under your name in each letter, for example your phone number and "
        "LinkedIn address: “+1 555 0100 · linkedin.com/in/your-name”. You can change it later in Settings.",
    )

    def __init__(self, *args, guess_time_zone: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        attrs = self.fields["time_zone"].widget.attrs
        attrs["data-guess-time-zone"] = ""
        if self.is_bound or not guess_time_zone:
            # The page script only fills the box while the user has not chosen: keep what they typed.
            attrs["data-user-chose"] = "1"


class DeleteAccountForm(forms.Form):
    email = forms.CharField(
        label="Your email address",
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["email"].help_text = f"Type {user.email} to confirm that you want to delete everything."

    def clean_email(self):
        typed = self.cleaned_data["email"].strip()
        if typed.casefold() != self.user.email.casefold():
            raise forms.ValidationError(
                "That is not the email address of this account. Type it exactly as shown to confirm.",
                code="mismatch",
            )
        return typed
