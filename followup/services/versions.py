"""Stale-edit protection: every edit page carries the version of the row it was opened on."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.db import models


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


_Row = TypeVar("_Row", bound=models.Model)


def versioned_save(
    *,
    row: _Row,
    wanted: Mapping[str, Any],
    values: Mapping[str, Any],
    expected_version: int | None,
    changed_elsewhere: type[ChangedElsewhere],
    stored_value: Callable[[_Row, str], Any] = getattr,
) -> set[str]:
    """Saves the fields whose `wanted` value differs from the stored row's (setting them from `values`)
    and moves the row's version; returns the names of the fields that changed.

    With `expected_version`, a row whose version has moved on since is left as it is and
    `changed_elsewhere` is raised. Call it inside a transaction: the stored row is read under a lock, so
    two saves at once cannot both pass the check.
    """
    # Any: each versioned model has a `version` field, which Model itself does not declare.
    stored: Any = type(row)._default_manager.select_for_update().get(pk=row.pk)
    saving: Any = row
    if expected_version is not None and stored.version != expected_version:
        raise changed_elsewhere(stored.version)
    changed = {name for name, value in wanted.items() if stored_value(stored, name) != value}
    saving.version = stored.version
    if not changed:
        return changed
    for name in changed:
        setattr(saving, name, values[name])
    saving.version = stored.version + 1
    saving.save(update_fields=[*sorted(changed), "version"])
    return changed
