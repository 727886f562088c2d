"""The private calendar feed, its address on the settings page, and one interview's .ics download."""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable
from contextlib import suppress
from functools import partial

import segno
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST, require_safe
from redis.exceptions import RedisError

from followup.calendar_feed import FEED_SOURCES, FeedEvent, feed_assemble, feed_build, feed_events_text
from followup.data_stamp import data_stamp, stamps_enabled
from followup.models import Interview, User
from followup.services.calendar import (
    calendar_token_renew,
    calendar_token_revoke,
    interview_feed_event,
    interviews_feed_stamp,
    interviews_for_feed,
)
from followup.views.page_cache import code_digest

FEED_CACHE_SECONDS = 60 * 60


def _too_many(key: str, limit: int, window: int) -> bool:
    """Counts a request against `key` in a fixed window; True once the window's limit is passed."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key) > limit
    except ValueError:  # the key expired between add and incr: this is the window's first request
        cache.set(key, 1, timeout=window)
        return False


def _rate_limited(request, token: str) -> bool:
    limit, window = settings.CALENDAR_FEED_RATE_LIMIT, settings.CALENDAR_FEED_RATE_WINDOW
    token_key = hashlib.sha256(token.encode()).hexdigest()[:32]
    by_address = _too_many(f"calendar-feed-rate:ip:{request.META.get('REMOTE_ADDR', '')}", limit * 2, window)
    by_token = _too_many(f"calendar-feed-rate:token:{token_key}", limit, window)
    return by_address or by_token


@require_safe
def feed(request, token: str):
    """The feed behind the secret address: 404 for an unknown or revoked token, the same as no page."""
    if _rate_limited(request, token):
        response = HttpResponse(
            "Too many requests for this calendar; try again in a few minutes.\n",
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(settings.CALENDAR_FEED_RATE_WINDOW)
        return response
    user = User.objects.filter(calendar_token=token, is_active=True).first() if len(token) >= 32 else None
    if user is None:
        raise Http404("No such calendar.")
    etag, compressed = _feed_as_stored(user, token)
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(content_type="text/calendar; charset=utf-8")
        if _accepts_gzip(request):
            response.content = compressed
            response["Content-Encoding"] = "gzip"
        else:
            response.content = gzip.decompress(compressed)
        response["Content-Disposition"] = 'inline; filename="followup.ics"'
    response["Vary"] = "Accept-Encoding"
    response["ETag"] = etag
    response["Cache-Control"] = "private, max-age=300"
    return response


def _accepts_gzip(request) -> bool:
    for coding in request.headers.get("Accept-Encoding", "").split(","):
        name, _, weight = coding.strip().partition(";")
        if name.strip().lower() == "gzip" and weight.replace(" ", "") not in ("q=0", "q=0.0"):
            return True
    return False


def _feed_as_stored(user: User, token: str) -> tuple[str, bytes]:
    """The feed's ETag and gzipped body: kept whole under the user's data stamp, so a calendar app polling
    an unchanged feed costs one small query and one cache read; rebuilt from its parts when it moved.

    The feed shows nothing that changes with the clock alone: every event has fixed times.
    """
    key = None
    if settings.PAGE_CACHE and stamps_enabled():
        # The stamp is read before the feed's rows (followup/views/page_cache.py says why).
        shown = f"{user.pk}:{data_stamp(user_id=user.pk)}:{token}:{settings.SITE_URL}:{code_digest()}"
        key = "calendar-feed-whole:" + hashlib.sha256(shown.encode()).hexdigest()
        with suppress(RedisError):
            stored = cache.get(key)
            if stored is not None:
                return stored
    parts = feed_parts(user)
    version = hashlib.sha256("|".join([token, *(key for key, _ in parts)]).encode()).hexdigest()[:32]
    # Compressed once here rather than on every poll; calendar apps ask for gzip.
    stored = (f'"{version}"', gzip.compress(feed_body(user, parts), compresslevel=6))
    if key is not None:
        with suppress(RedisError):
            cache.set(key, stored, timeout=FEED_CACHE_SECONDS)
    return stored


def feed_parts(user: User) -> list[tuple[str, Callable[[], list[FeedEvent]]]]:
    """The feed's parts, each a cache key naming its events as they stand and a way to read them.

    Each key comes from a cheap stamp (an aggregate or two) that changes whenever the part's events
    would, so marking a letter sent rebuilds the reminder days and leaves the interviews' text cached.
    """
    site, zone = settings.SITE_URL, user.time_zone
    parts = [
        (
            f"interviews:{zone}:{interviews_feed_stamp(user=user)}",
            lambda: [
                interview_feed_event(interview=i, site_url=site) for i in interviews_for_feed(user=user)
            ],
        )
    ]
    for source in FEED_SOURCES:
        parts.append((f"{source.name}:{zone}:{source.stamp(user=user)}", partial(source.events, user=user)))
    return [
        (f"calendar-feed:{user.pk}:{hashlib.sha256(key.encode()).hexdigest()[:32]}", read)
        for key, read in parts
    ]


def feed_body(user: User, parts: list[tuple[str, Callable[[], list[FeedEvent]]]] | None = None) -> bytes:
    """The user's feed from its parts, each from the cache or, when it has changed, built afresh."""
    parts = feed_parts(user) if parts is None else parts
    cached = cache.get_many([key for key, _ in parts])
    texts = []
    for key, read in parts:
        text = cached.get(key)
        if text is None:
            text = feed_events_text(events=read(), zone=user.zone)
            cache.set(key, text, timeout=FEED_CACHE_SECONDS)
        texts.append(text)
    return feed_assemble(parts=texts, name="Followup: interviews and follow-ups", zone=user.zone)


@require_GET
def interview_ics(request, pk: int):
    """One interview as an .ics file, with the same UID as in the feed."""
    interview = get_object_or_404(
        Interview.objects.owned_by(request.user)
        .select_related("company")
        .prefetch_related("participants__contact"),
        pk=pk,
    )
    event = interview_feed_event(interview=interview, site_url=settings.SITE_URL)
    body = feed_build(events=[event], name=str(interview), zone=request.user.zone)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="interview-{interview.pk}.ics"'
    return response


def feed_addresses(token: str) -> tuple[str, str]:
    """The https address of a feed, and the same as webcal://, which calendar apps open to subscribe."""
    https = f"{settings.SITE_URL}{reverse('calendar_feed', args=[token])}"
    return https, "webcal://" + https.split("://", 1)[1]


def calendar_context(user: User) -> dict:
    """What the settings page shows about the feed: its addresses and a QR code of the webcal one."""
    if not user.calendar_token:
        return {"calendar_url": None}
    https, webcal = feed_addresses(user.calendar_token)
    qr = segno.make(webcal, error="m").svg_inline(
        scale=3, border=2, omitsize=False, title="QR code of the address"
    )
    # segno writes the SVG from the address alone; nothing the user typed goes into it.
    return {"calendar_url": webcal, "calendar_https_url": https, "calendar_qr": mark_safe(qr)}  # noqa: S308


@require_POST
def calendar_settings(request):
    """Turns the feed on, gives it a new address, or turns it off (the settings page's buttons)."""
    action = request.POST.get("action")
    user = User.objects.get(pk=request.user.pk)
    if action == "renew":
        had = bool(user.calendar_token)
        calendar_token_renew(user=user)
        messages.success(
            request,
            "Your calendar has a new address; the old one no longer works, so subscribe again with this one."
            if had
            else "Your calendar feed is on: subscribe to the address below.",
        )
    elif action == "revoke":
        calendar_token_revoke(user=user)
        messages.success(request, "Your calendar feed is off; its address no longer works.")
    else:
        messages.error(request, "That button was not recognised; nothing changed.")
    return redirect(f"{reverse('settings:profile')}#calendar-heading")
