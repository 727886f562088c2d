"""Restoring a followup.json into an empty account: every row back, with new ids and the same links."""

from __future__ import annotations

import json
import zoneinfo
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, models, transaction

from followup.models import Company, Contact, Interview, User
from followup.portability.schema import FORMAT, FORMAT_VERSION, SECTIONS, USER_FIELDS

MAX_BYTES = 200 * 1024 * 1024


class RestoreError(ValueError):
    """A file that cannot be restored; the message is the one sentence the user reads."""


def account_is_empty(*, user: User) -> bool:
    return not (
        Company.objects.filter(user=user).exists()
        or Contact.objects.filter(user=user).exists()
        or Interview.objects.filter(user=user).exists()
    )


def _load(data: bytes) -> dict[str, Any]:
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise RestoreError("This is not a followup.json file: choose the one inside your export.") from error
    if not isinstance(parsed, dict) or parsed.get("format") != FORMAT:
        raise RestoreError("This is not a followup.json file: choose the one inside your export.")
    version = parsed.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION or version < 1:
        raise RestoreError("This file comes from a newer Followup than this one, which cannot read it.")
    return parsed


def _value(field: Any, value: object) -> object:  # a concrete field, from _meta.get_field
    return field.to_python(value) if value is not None else None


def account_restore(*, user: User, data: bytes) -> dict[str, int]:
    """Restores an export into the user's account, which must be empty. All or nothing."""
    parsed = _load(data)
    try:
        with transaction.atomic():
            # Serialises two restores (two tabs) of the same account: the second finds it no longer empty.
            User.objects.select_for_update().filter(pk=user.pk).first()
            if not account_is_empty(user=user):
                raise RestoreError(
                    "Your account already has companies, contacts or interviews: a file is restored only "
                    "into an empty account."
                )
            return _restore(user=user, parsed=parsed)
    except RestoreError:
        raise
    except (KeyError, TypeError, ValueError, ValidationError, DatabaseError, AttributeError) as error:
        raise RestoreError("This followup.json is damaged or incomplete, so nothing was restored.") from error


def _restore(*, user: User, parsed: dict[str, Any]) -> dict[str, int]:
    profile = parsed.get("user") or {}
    meta = User._meta
    for name in USER_FIELDS:
        if name in profile:
            setattr(user, name, _value(meta.get_field(name), profile[name]))
    user.full_clean(exclude=["password", "email"])
    zoneinfo.ZoneInfo(user.time_zone)  # raises ValueError (or its subclass) for a zone that does not exist
    user.save(update_fields=list(USER_FIELDS))
    new_ids: dict[str, dict[int, int]] = {}
    counts = {}
    for section in SECTIONS:
        rows = parsed.get(section.key) or []
        if not isinstance(rows, list):
            raise TypeError(section.key)
        model_meta = section.model._meta
        fields = {name: model_meta.get_field(name) for name in section.fields}
        objects = []
        for row in rows:
            values = {name: _value(f, row[name]) for name, f in fields.items() if name in row}
            for link, target in section.links.items():
                values[f"{link}_id"] = new_ids[target][row[link]]
            if section.owner == "user":
                values["user_id"] = user.pk
            objects.append(section.model(**values))
        created = section.model._default_manager.bulk_create(objects, batch_size=1000)
        new_ids[section.key] = {row["id"]: obj.pk for row, obj in zip(rows, created, strict=True)}
        # bulk_create stamps auto_now fields with the time of the restore; write the exported ones back.
        auto = [name for name in section.auto_fields if all(name in row for row in rows)]
        if auto and created:
            _write_back(
                section.model,
                [fields[name] for name in auto],
                [
                    (obj.pk, [_value(fields[name], row[name]) for name in auto])
                    for row, obj in zip(rows, created, strict=True)
                ],
            )
        counts[section.key] = len(created)
    return counts


def _write_back(
    model: type[models.Model],
    fields: Sequence[Any],
    values: list[tuple[int, list[object]]],
    batch: int = 500,
) -> None:
    """Sets the fields of many rows, each to its own value, in one UPDATE … FROM (VALUES …) a batch.

    bulk_update would do the same through one CASE expression per field, which Django is slow to build
    for thousands of rows (bench/README.md has the numbers).
    PostgreSQL and SQLite both name the columns of a VALUES list column1, column2, …
    """
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    assignments = ", ".join(f"{qn(f.column)} = v.column{i + 2}" for i, f in enumerate(fields))
    row_sql = "(" + ", ".join(["%s"] * (len(fields) + 1)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(values), batch):
            chunk = values[start : start + batch]
            params = []
            for pk, row in chunk:
                params.append(pk)
                params.extend(
                    f.get_db_prep_save(value, connection) for f, value in zip(fields, row, strict=True)
                )
            # Only quoted names from the model and placeholders go into the text; every value is a parameter.
            sql = (
                f"UPDATE {table} SET {assignments} FROM (VALUES {', '.join([row_sql] * len(chunk))}) AS v "  # noqa: S608
                f"WHERE {table}.{qn(model._meta.pk.column)} = v.column1"
            )
            cursor.execute(sql, params)
