"""WSGI entry point for gunicorn and runserver."""

import os

from django.core.wsgi import get_wsgi_application

from followup.env import settings_loaded_or_exit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "followup.settings")
# Status 4 is gunicorn's "application failed to load": the master stops instead of booting workers forever.
settings_loaded_or_exit(status=4)
application = get_wsgi_application()
