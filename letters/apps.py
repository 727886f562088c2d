"""App configuration for letters."""

from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "letters"

    def ready(self):
        from followup import demo
        from letters import receivers  # noqa: F401  (connects the signal receivers)
        from letters.demo import build_bulk_letters

        # Runs before the reminders app's extension (app order), which reads which letters are sent.
        if build_bulk_letters not in demo.DEMO_EXTENSIONS:
            demo.DEMO_EXTENSIONS.append(build_bulk_letters)
