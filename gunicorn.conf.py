"""gunicorn reads this file from the working directory: it checks the settings before any worker starts."""

import os

from followup.env import settings_loaded_or_exit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "followup.settings")
settings_loaded_or_exit()
