"""Pages that gather every app at once: the only code here, beside settings, root URLs, the Celery app,
the demo command and portability, that may import letters and reminders (CONTRIBUTING.md: Layering)."""
