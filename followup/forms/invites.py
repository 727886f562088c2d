"""The "from a calendar invite" part of the new-interview form, and the forms behind an updated or
cancelled invite's confirm pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList

from followup.calendar_import import MAX_BYTES, InviteError, InviteEvent, calendar_text, invite_events

TOO_BIG = "That file is over 1 MB, too big for a calendar invite; choose the invite's .ics file."
NOTHING = "Choose an invite file (.ics or .eml) or paste the invite's text first."


class InviteForm(forms.Form):
    """An invite given as a file, as pasted text, or (after "which event?") as the text read before."""

    invite_file = forms.FileField(
        label="Invite file",
        required=False,
        help_text="An .ics file, or the invitation email saved as .eml.",
        widget=forms.FileInput(attrs={"accept": ".ics,.ical,.ifb,.eml,text/calendar,message/rfc822"}),
        error_messages={
            "empty": "The invite is empty: choose an .ics or .eml file, or paste the invite's text.",
            "invalid": NOTHING,
        },
    )
    invite_text = forms.CharField(
        label="Or paste the invite's text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 2, "spellcheck": "false"}),
        help_text="From “BEGIN:VCALENDAR” to “END:VCALENDAR”.",
    )
    invite_saved = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    invite_choice = forms.CharField(required=False, max_length=300)

    def __init__(
        self,
        *args,
        own_emails: Sequence[str] = (),
        zone: dt.tzinfo = dt.UTC,
        now: dt.datetime | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.own_emails, self.zone, self.now = own_emails, zone, now
        self.events: list[InviteEvent] = []
        self.calendar = ""

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        upload = cleaned.get("invite_file")
        if upload is not None:
            if upload.size > MAX_BYTES:
                raise ValidationError(TOO_BIG, code="too_big")
            data = upload.read(MAX_BYTES + 1)
        elif cleaned.get("invite_text", "").strip():
            data = cleaned["invite_text"].encode("utf-8", "surrogatepass")
        elif cleaned.get("invite_saved", "").strip():
            data = cleaned["invite_saved"].encode("utf-8", "surrogatepass")
        else:
            raise ValidationError(NOTHING, code="nothing")
        try:
            self.calendar = calendar_text(data)
            self.events = invite_events(
                self.calendar.encode("utf-8", "surrogatepass"),
                own_emails=self.own_emails,
                zone=self.zone,
                now=self.now or dt.datetime.now(dt.UTC),
            )
        except InviteError as error:
            raise ValidationError(error.message, code="invite") from None
        except UnicodeError:
            raise ValidationError(
                "The invite's text is garbled (it is not valid UTF-8); export the invite again and retry.",
                code="invite",
            ) from None
        return cleaned

    @property
    def message(self) -> str:
        """The one sentence that says what is wrong with the invite."""
        for errors in (self.non_field_errors(), *(self.errors.get(f, ErrorList()) for f in self.fields)):
            if errors:
                return str(errors[0])
        return ""

    def chosen(self) -> InviteEvent | None:
        """The event to fill the form from: the only one, or the one picked; None while a choice is needed."""
        if len(self.events) == 1:
            return self.events[0]
        choice = self.cleaned_data.get("invite_choice", "")
        return next((event for event in self.events if event.key == choice), None)


class InviteMoveForm(forms.Form):
    """The times of an updated invite, carried by the confirm page's form (ISO 8601 with offset)."""

    starts_at = forms.DateTimeField(widget=forms.HiddenInput)
    ends_at = forms.DateTimeField(widget=forms.HiddenInput)
    sequence = forms.IntegerField(min_value=0, max_value=2_000_000_000, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            raise ValidationError("The updated invite ends before it starts, so nothing was moved.")
        return cleaned
