"""The interviews page's rows, rendered once and kept in the cache under a key made of all they show.

Rendering a row through the template engine costs about half a millisecond; a page shows 25. A row's key
holds its user, its interview's id and version and every value the row prints (role, times, company name,
the names of the people met, the status shown now) together with the time zone and the year it is written
for, and the row templates' own source. So an edit anywhere, a status that turns to "awaiting reply" as
the interview ends, a renamed company or contact, or a new template, all make a new key: an outdated row
cannot be found, and the user's id in the key keeps one user's rows from ever serving another's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from contextlib import suppress
from functools import cache
from typing import Any, cast

from django.core.cache import cache as row_store
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from redis.exceptions import RedisError

ROW_TEMPLATE = "followup/interviews/_list_item.html"
# Every template the row includes: a change to any of them must change every key.
ROW_TEMPLATES = (ROW_TEMPLATE, "followup/interviews/_when.html", "followup/interviews/_status_badge.html")
# Rows not shown for a day leave the cache; a user's next visit renders them again.
ROW_SECONDS = 24 * 60 * 60


@cache
def _templates_digest() -> str:
    # The Django backend's template wraps the engine's, which holds the source.
    sources = [cast(Any, get_template(name)).template.source for name in ROW_TEMPLATES]
    return hashlib.sha256("\0".join(sources).encode()).hexdigest()[:16]


# Interviews here carry shown_status (set by mark_shown_status) and get row_html: attributes the model
# does not declare, so they are typed as Any.
def _row_key(interview: Any, *, zone: str, year: int) -> str:
    shown = [
        interview.user_id,
        interview.pk,
        interview.version,
        interview.role,
        interview.round,
        interview.format,
        interview.starts_at.isoformat(),
        interview.ends_at.isoformat(),
        interview.shown_status,  # set by mark_shown_status for the moment of the request
        interview.company_id,
        interview.company.name if interview.company_id else "",
        [(p.pk, p.contact_id, p.contact.name) for p in interview.participants.all()],
        zone,
        year,
        _templates_digest(),
    ]
    digest = hashlib.sha256(json.dumps(shown, default=str).encode()).hexdigest()
    return f"interview-row:{interview.user_id}:{interview.pk}:{digest}"


def interview_rows_render(interviews: Sequence[Any], *, now: dt.datetime) -> None:
    """Sets `row_html` on each interview: from the cache when its key is there, rendered otherwise."""
    zone = timezone.get_current_timezone_name()
    year = timezone.localtime(now).year
    keys = {interview.pk: _row_key(interview, zone=zone, year=year) for interview in interviews}
    try:
        found = row_store.get_many(list(keys.values()))
        reachable = True
    except RedisError:
        # The cache only saves time: without Redis the page renders every row, as it did before.
        found, reachable = {}, False
    rendered = {}
    for interview in interviews:
        key = keys[interview.pk]
        if key not in found:
            found[key] = rendered[key] = render_to_string(ROW_TEMPLATE, {"interview": interview})
        interview.row_html = mark_safe(found[key])  # noqa: S308 (our own template's output)
    if rendered and reachable:
        with suppress(RedisError):  # a failed write only means the next request renders them again
            row_store.set_many(rendered, timeout=ROW_SECONDS)
