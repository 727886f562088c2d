"""App configuration for data export and import."""

from django.apps import AppConfig


class PortabilityConfig(AppConfig):
    name = "followup.portability"
    label = "portability"
    verbose_name = "Your data"
