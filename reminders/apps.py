"""App configuration for reminders."""

from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"

    def ready(self):
        from followup import calendar_feed, demo, health
        from reminders import receivers  # noqa: F401  (connects the signal receivers)
        from reminders.calendar import SOURCE as CALENDAR_SOURCE
        from reminders.demo import build_bulk_reminders
        from reminders.health import check_reminder_lateness

        if build_bulk_reminders not in demo.DEMO_EXTENSIONS:
            demo.DEMO_EXTENSIONS.append(build_bulk_reminders)

        if check_reminder_lateness not in health.EXTRA_CHECKS:
            health.EXTRA_CHECKS.append(check_reminder_lateness)

        if CALENDAR_SOURCE not in calendar_feed.FEED_SOURCES:
            calendar_feed.FEED_SOURCES.append(CALENDAR_SOURCE)
