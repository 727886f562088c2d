"""Reading a user's rows into the followup.json structure (see portability/schema.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from followup.models import User
from followup.portability.schema import FORMAT, FORMAT_VERSION, SECTIONS, USER_FIELDS


def json_value(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def account_dump(
    *, user: User, now: dt.datetime, progress: Callable[[int], None] = lambda percent: None
) -> dict[str, Any]:
    """Every row the user owns, each with its id and its links to other rows by id."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": now.isoformat(),
        "user": {name: json_value(getattr(user, name)) for name in USER_FIELDS},
    }
    for step, section in enumerate(SECTIONS, start=1):
        columns = ["id", *(f"{link}_id" for link in section.links), *section.fields]
        rows = (
            section.model._default_manager.filter(**{section.owner: user})
            .order_by("pk")
            .values_list(*columns)
        )
        names = ["id", *section.links, *section.fields]
        data[section.key] = [
            {name: json_value(value) for name, value in zip(names, row, strict=True)}
            for row in rows.iterator(chunk_size=2000)
        ]
        progress(int(70 * step / len(SECTIONS)))
    return data
