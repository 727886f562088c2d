"""Stale-edit protection: every edit page carries the version of the row it was opened on."""

from __future__ import annotations


class ChangedElsewhere(Exception):
    """The row was saved elsewhere (another tab, a status click) after its edit page was opened."""

    what = "item"

    def __init__(self, current_version: int):
        self.message = (
            f"This {self.what} was changed in another tab or window after you opened this page, so nothing "
            "was saved. Your changes are still below: check them, then save again to keep them."
        )
        super().__init__(self.message)
        self.current_version = current_version


def version_from_form(value: str | None) -> int | None:
    """The version a page was opened on, as posted back in its hidden field.

    None when the form carries none (nothing to compare with); 0, which no row ever has, when the value is
    not a version number (a page opened before versions were numbers, or a mangled one): such a save is
    treated as stale, so the user sees the current row before anything is overwritten.
    """
    value = (value or "").strip()
    if not value:
        return None
    return int(value) if value.isdigit() and len(value) < 10 else 0
