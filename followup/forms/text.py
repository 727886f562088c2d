"""A form field for free text in a text box: line breaks as stored, and its limit stated."""

from django import forms

from followup.limits import stated


def unix_newlines(text: str) -> str:
    # Browsers post a text box's line breaks as CRLF but count each as one character against its
    # maxlength; stored text uses "\n", so the server counts as the browser did.
    return text.replace("\r\n", "\n").replace("\r", "\n")


class TextBlockField(forms.CharField):
    """Several lines of text, checked against `max_length` after line breaks are made single characters.

    The help text ends with the limit ("Up to 1,000 characters.") unless `state_limit` is false.
    """

    widget = forms.Textarea

    def __init__(self, *, max_length: int, state_limit: bool = True, help_text: str = "", **kwargs):
        if state_limit:
            help_text = stated(help_text, max_length)
        super().__init__(max_length=max_length, help_text=help_text, **kwargs)
        self.error_messages["max_length"] = (
            f"This holds at most {max_length:,} characters, and this text has %(show_value)s. "
            "Shorten it to save."
        )

    def to_python(self, value):
        value = super().to_python(value)
        return unix_newlines(value) if isinstance(value, str) else value
