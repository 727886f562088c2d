#!/usr/bin/env python
"""Django's command-line utility for Followup."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "followup.settings")
    # manage.py is the local tool: on a developer's machine it runs in debug mode unless told otherwise.
    # Deployments set DEBUG=0 (docker-compose.yml and the Dockerfile do); gunicorn and Celery, which
    # do not start here, keep the production default of DEBUG off.
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    from followup.env import settings_loaded_or_exit

    settings_loaded_or_exit()
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
