"""App configuration for reminders."""

from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"
