# The production image: gunicorn serves the web app; the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 1000 followup
WORKDIR /app

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY --chown=followup:followup . .
# The trimmed Bootstrap stylesheet (make assets), from the packages just installed, for collectstatic.
RUN python scripts/build_assets.py
# collectstatic needs settings that load; these throwaway values never reach a running container.
RUN DEBUG=0 SECRET_KEY=build-only ALLOWED_HOSTS=build python manage.py collectstatic --no-input

USER followup
EXPOSE 8000
CMD ["gunicorn", "followup.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
