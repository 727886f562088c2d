"""Celery's command line on the test's clock: `python -m tests.run_celery worker …` in tests/processes.py."""

from tests.clock import travel_by_env_offset

# Before Celery or Django read the time: a worker started by a travelled test shares its date.
travel_by_env_offset()

from celery.__main__ import main  # noqa: E402

main()
