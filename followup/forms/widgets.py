"""Form widgets of the project."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


class QuickSelect(forms.Select):
    """A <select> with the same markup as forms.Select, its options written in Python.

    Django renders every <option> through a template of its own, tens of microseconds each: for a
    user with a hundred companies the filter's company list took more time than the rest of the
    interviews page. Option groups are not supported.
    """

    def render(self, name, value, attrs=None, renderer=None):
        # Straight from the choices: building Django's option dicts (get_context) cost as much as the rest.
        widget_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            widget_attrs["multiple"] = True
        wanted = set(self.format_value(value))
        options = []
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                raise ValueError("QuickSelect does not render option groups; use forms.Select.")
            text = "" if option_value is None else str(option_value)
            chosen = text in wanted
            if chosen and not self.allow_multiple_selected:
                wanted = set()  # as Select: only the first option with the value is selected
            options.append(
                f'<option value="{conditional_escape(text)}"{" selected" if chosen else ""}>'
                f"{conditional_escape(label)}</option>"
            )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            _attrs(widget_attrs),
            mark_safe("".join(options)),  # noqa: S308 (each part escaped above)
        )


def _attrs(attrs: dict) -> str:
    # As Django's attrs.html: True writes the bare name, False leaves the attribute out.
    return flatatt({key: value for key, value in attrs.items() if value is not False})
