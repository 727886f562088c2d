"""App configuration for letters."""

from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "letters"

    def ready(self):
        from letters import receivers  # noqa: F401  (connects the signal receivers)
