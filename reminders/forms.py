"""Forms of the reminders pages."""

from django import forms

from reminders.schedule import SNOOZE_CHOICES


class SnoozeForm(forms.Form):
    choice = forms.ChoiceField(
        label="Remind me again in",
        choices=[(key, label) for key, (label, _duration) in SNOOZE_CHOICES.items()],
        error_messages={"invalid_choice": "Choose a day, three days or a week."},
    )
