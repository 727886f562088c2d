"""The calendar feed built afresh for the heavy user (what a request costs when the cache misses): the
reads and the writing of the iCalendar text, timed apart; median of three rounds."""

from __future__ import annotations

import statistics
import time

REPEATS = 3


def measure(email: str) -> dict:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from followup.calendar_feed import FEED_SOURCES, feed_build
    from followup.models import User
    from followup.services.calendar import interview_feed_event, interviews_for_feed

    user = User.objects.get(email=email)
    reads, writes, sizes = [], [], []
    for _ in range(REPEATS):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            events = [
                interview_feed_event(interview=i, site_url=settings.SITE_URL)
                for i in interviews_for_feed(user=user)
            ]
            for source in FEED_SOURCES:
                events.extend(source.events(user=user))
        read = time.perf_counter()
        body = feed_build(events=events, name="bench", zone=user.zone)
        done = time.perf_counter()
        reads.append(read - started)
        writes.append(done - read)
        sizes.append(len(body))
    return {
        "events": len(events),
        "queries": len(captured.captured_queries),
        "read_ms": round(statistics.median(reads) * 1000, 1),
        "write_ms": round(statistics.median(writes) * 1000, 1),
        "total_ms": round(statistics.median(r + w for r, w in zip(reads, writes, strict=True)) * 1000, 1),
        "bytes": sizes[-1],
    }
