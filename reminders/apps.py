"""App configuration for reminders."""

from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"

    def ready(self):
        from followup import calendar_feed, health
        from followup.views import page_cache
        from reminders import receivers  # noqa: F401  (connects the signal receivers)
        from reminders.calendar import SOURCE as CALENDAR_SOURCE
        from reminders.health import check_reminder_lateness
        from reminders.selectors import reminders_next_change

        if check_reminder_lateness not in health.EXTRA_CHECKS:
            health.EXTRA_CHECKS.append(check_reminder_lateness)

        if CALENDAR_SOURCE not in calendar_feed.FEED_SOURCES:
            calendar_feed.FEED_SOURCES.append(CALENDAR_SOURCE)

        # Cached pages are rendered again when a reminder comes due.
        if reminders_next_change not in page_cache.TIME_SOURCES:
            page_cache.TIME_SOURCES.append(reminders_next_change)
