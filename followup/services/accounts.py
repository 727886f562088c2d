"""A user's own account: profile and reminder preferences, the first-run step, deleting everything."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from followup import signals
from followup.models import User

PROFILE_FIELDS = User.PROFILE_FIELDS
REMINDER_FIELDS = User.REMINDER_FIELDS
# Everything a user may change about themselves here; listeners of preferences_changed receive a subset.
PREFERENCE_FIELDS = PROFILE_FIELDS + REMINDER_FIELDS


def _apply(*, user: User, data: Mapping[str, Any], extra_fields: tuple[str, ...] = ()) -> set[str]:
    """Saves the changed fields and announces them, in one transaction. Returns the changed names."""
    unknown = set(data) - set(PREFERENCE_FIELDS)
    if unknown:
        raise ValueError(f"Not preference fields: {', '.join(sorted(unknown))}")
    changed = {name for name, value in data.items() if getattr(user, name) != value}
    if not changed and not extra_fields:
        return changed
    with transaction.atomic():
        for name in changed:
            setattr(user, name, data[name])
        user.save(update_fields=sorted(changed | set(extra_fields)))
        if changed:
            # Inside the transaction: reminder schedules are rewritten atomically with the change.
            signals.preferences_changed.send(sender=User, user=user, changes=set(changed))
    return changed


def user_update_preferences(*, user: User, data: Mapping[str, Any]) -> set[str]:
    """Saves profile and reminder preferences; sends preferences_changed only when something changed."""
    return _apply(user=user, data=data)


def user_complete_onboarding(
    *, user: User, full_name: str, time_zone: str, signature: str = "", now: dt.datetime | None = None
) -> set[str]:
    """The first-run step: name, time zone and signature, then the user is onboarded."""
    user.onboarded_at = now or timezone.now()
    return _apply(
        user=user,
        data={"full_name": full_name, "time_zone": time_zone, "signature": signature},
        extra_fields=("onboarded_at",),
    )


def user_delete_account(*, user: User) -> None:
    """Deletes the user and every row that belongs to them (companies, interviews, letters, reminders)."""
    with transaction.atomic():
        user.delete()
