"""Signed-in pages kept whole in the cache between visits, until the user's data or the clock changes them.

A page is stored under a key of the user, their data stamp (followup/data_stamp.py: it moves at the commit
of any change to their rows), the address with its query, the host, the time zone and a digest of the code
and templates. With it is stored `fresh_until`: the next moment anything the page shows could change on
its own (an interview starting or ending, a reminder coming due, midnight in the user's zone), asked of
every source in TIME_SOURCES. So an edit, a status that turns as an interview ends, or a new release all
lead to a new rendering; the user's id in the key keeps one user's page from ever serving another.

The stamp is read before anything else: a page rendered under stamp N shows rows at least as new as N, and
when they are newer, N is already outdated and its entry is never read again.

The CSRF token is stored as a placeholder and each visit gets a fresh one. Pages with messages to show,
htmx fragments, anything but a plain 200 and requests without a signed-in user bypass the cache.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from contextlib import suppress
from functools import cache, wraps
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache as page_store
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from redis.exceptions import RedisError

from followup.data_stamp import data_stamp, stamps_enabled
from followup.models import User
from followup.selectors import interviews_next_change

# Each returns the next moment after `now` at which something a page shows changes with no write to the
# database, or None. followup's own covers interviews and midnight; other apps append theirs in ready().
TIME_SOURCES: list[Callable[[User, dt.datetime], dt.datetime | None]] = [interviews_next_change]
# An entry lives at most this long: entries under outdated stamps fall out of the cache on their own.
LONGEST = dt.timedelta(hours=6)
# Stands in for the CSRF token in a stored page. The same in every process (any web process may serve a
# page another stored), and never found in a rendered page otherwise: tokens are letters and digits, and
# the template engine escapes "<" in anything a user typed.
_TOKEN_PLACEHOLDER = "<csrf-token/>"
# Headers a view sets that a stored page must carry again; the rest (cookies, Vary) come from middleware.
_KEPT_HEADERS = ("Content-Type", "Cache-Control", "Expires", "Content-Language")


@cache
def code_digest() -> str:
    """Templates and the apps' code as deployed: a new release never serves a page an older one rendered."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for folder in ("templates", "followup", "letters", "reminders"):
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in (".html", ".txt", ".py") and path.is_file():
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _cacheable(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE
        and request.method == "GET"
        and request.user.is_authenticated
        and "HX-Request" not in request.headers
        and stamps_enabled()
        and not len(get_messages(request))  # counting does not mark them shown
    )


def _key(request: HttpRequest, stamp: int) -> str:
    assert request.user.pk is not None
    shown = "\0".join(
        [
            request.get_full_path(),
            request.get_host(),
            request.scheme or "",
            timezone.get_current_timezone_name(),
            code_digest(),
        ]
    )
    return f"page:{request.user.pk}:{stamp}:{hashlib.sha256(shown.encode()).hexdigest()}"


def next_change_at(*, user: User, now: dt.datetime) -> dt.datetime:
    """The earliest moment any source names, and never later than LONGEST from now."""
    moments = [moment for source in TIME_SOURCES if (moment := source(user, now)) is not None]
    return min([now + LONGEST, *moments])


def _stored(response: HttpResponse, token: str, fresh_until: dt.datetime) -> dict[str, Any] | None:
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    if not response.get("Content-Type", "").startswith("text/html"):
        return None
    body = response.content.decode(response.charset).replace(token, _TOKEN_PLACEHOLDER)
    headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
    return {"body": body, "headers": headers, "fresh_until": fresh_until}


def _served(request: HttpRequest, stored: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(stored["body"].replace(_TOKEN_PLACEHOLDER, get_token(request)))
    for name, value in stored["headers"].items():
        response[name] = value
    return response


def page_csrf_token(request: HttpRequest) -> dict[str, str]:
    """Context processor: the one token a cached page is rendered with, so it can be swapped out."""
    token = getattr(request, "page_csrf_token", None)
    return {"csrf_token": token} if token else {}


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serves the page from the cache while nothing it shows has changed; renders and stores it otherwise."""

    @wraps(view)
    def serve(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        now = timezone.now()
        user: Any = request.user
        key = _key(request, data_stamp(user_id=user.pk))  # first: see the module's docstring
        try:
            stored = page_store.get(key)
            reachable = True
        except RedisError:
            # The cache only saves time: without Redis every page is rendered, as it would be anyway.
            stored, reachable = None, False
        if stored is not None and now < stored["fresh_until"]:
            return _served(request, stored)
        fresh_until = next_change_at(user=user, now=now)
        token = get_token(request)
        setattr(request, "page_csrf_token", token)  # noqa: B010 (read by page_csrf_token above)
        response = view(request, *args, **kwargs)
        if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
            response.render()  # a class-based view's TemplateResponse: its content is needed now
        entry = _stored(response, token, fresh_until)
        if entry is not None and reachable:
            seconds = max(1, min(int((fresh_until - now).total_seconds()), int(LONGEST.total_seconds())))
            with suppress(RedisError):  # a failed write only means the next visit renders again
                page_store.set(key, entry, timeout=seconds)
        return response

    return serve
