"""Form widgets of the project."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class QuickSelect(forms.Select):
    """A <select> with the same markup as forms.Select, its options written in Python.

    Django renders every <option> through a template of its own, tens of microseconds each: for a
    user with a hundred companies the filter's company list took more time than the rest of the
    interviews page. Option groups are not supported.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = []
        for group_name, choices, _index in widget["optgroups"]:
            if group_name:
                raise ValueError("QuickSelect does not render option groups; use forms.Select.")
            options.extend(choices)
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            _attrs(widget["attrs"]),
            format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((str(o["value"]), _attrs(o["attrs"]), o["label"]) for o in options),
            ),
        )


def _attrs(attrs: dict) -> str:
    # As Django's attrs.html: True writes the bare name, False leaves the attribute out.
    return flatatt({key: value for key, value in attrs.items() if value is not False})
