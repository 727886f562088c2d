"""Forms of the letter editor: the text, the date a letter was sent."""

import datetime as dt
from typing import cast

from django import forms

from followup.forms.text import TextBlockField, unix_newlines
from letters.models import Letter

SUBJECT_MAX = cast(int, Letter._meta.get_field("subject").max_length)
# A thank-you runs to about 1,500 characters. Every text the composer takes is limited (followup/limits.py),
# so the longest draft it can write is about 5,700 characters, line breaks counted twice as a browser posts
# them (tests/letters/test_text_limits.py composes it): this leaves room for the user's own additions and
# for a few more fields, and no more.
BODY_MAX = 10_000


class LetterTextForm(forms.Form):
    subject = forms.CharField(max_length=SUBJECT_MAX)
    # Line breaks are made single characters before the length is checked, as the browser counted them.
    body = TextBlockField(max_length=BODY_MAX, state_limit=False)
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def clean_subject(self) -> str:
        # One line: a subject is an email header.
        return " ".join(self.cleaned_data["subject"].split())

    def clean_body(self) -> str:
        return unix_newlines(self.cleaned_data["body"]).strip()

    def has_text(self) -> bool:
        """Whether the editor's text came with the request (the buttons of the editor's form send it)."""
        return "body" in self.data or "subject" in self.data


class MarkSentForm(forms.Form):
    sent_on = forms.DateField(label="Sent on", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["sent_on"].widget.attrs["max"] = today.isoformat()
        if not self.is_bound:
            self.initial.setdefault("sent_on", today)

    def clean_sent_on(self) -> dt.date:
        sent_on = self.cleaned_data["sent_on"]
        if sent_on > self.today:
            raise forms.ValidationError("The date it was sent can't be in the future.")
        return sent_on


def checklist_text(data) -> tuple[str, str]:
    """The subject and body the checklist should judge: what is in the editor now, clipped to the limits."""
    subject = " ".join(str(data.get("subject", ""))[: SUBJECT_MAX * 2].split())
    body = unix_newlines(str(data.get("body", ""))[:BODY_MAX]).strip()
    return subject, body
