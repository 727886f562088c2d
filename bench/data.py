"""The benchmark's data: the database, `manage.py demo` with bulk users, and the pages each user opens."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from bench import config


def ensure_database() -> None:
    """Creates the benchmark database when it does not exist yet (a fresh clone), then migrates."""
    import psycopg2

    url = urlsplit(os.environ["DATABASE_URL"])
    name = url.path.lstrip("/")
    conn = psycopg2.connect(
        host=url.hostname or "127.0.0.1",
        port=url.port or 5432,
        user=url.username or "postgres",
        password=url.password or None,
        dbname="postgres",
    )
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()
    manage("migrate", "--no-input", "-v", "0")


def manage(*args: str) -> str:
    result = subprocess.run(
        [config.PYTHON, "manage.py", *args],
        cwd=config.ROOT,
        env=config.child_env(),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def build(limits: config.Limits) -> dict:
    """`manage.py demo` with the bulk options, then second follow-ups up to the heavy user's letter count."""
    started = time.monotonic()
    manage(
        "demo",
        "--password",
        config.PASSWORD,
        "--heavy-interviews",
        str(config.HEAVY_INTERVIEWS),
        "--users",
        str(config.LIGHT_USERS),
        "--contacts-per-company",
        str(config.CONTACTS_PER_COMPANY),
    )
    demo_seconds = time.monotonic() - started
    _grow(config.MEDIUM_EMAIL, config.MEDIUM_INTERVIEWS)
    topped_up = _top_up_letters(config.HEAVY_EMAIL, config.HEAVY_LETTERS)
    analyze()
    return {
        "demo_seconds": round(demo_seconds, 1),
        "second_follow_ups_added": topped_up,
        "build_seconds": round(time.monotonic() - started, 1),
    }


def _grow(email: str, interviews: int) -> None:
    """Adds bulk interviews (with their letters and reminders) to a light user, up to `interviews`."""
    import random

    from django.db import transaction
    from django.utils import timezone

    from followup import demo
    from followup.management.commands.demo import DEMO_EXTENSIONS
    from followup.models import Interview, User

    user = User.objects.get(email=email)
    missing = interviews - Interview.objects.filter(user=user).count()
    with transaction.atomic():
        added = demo.build_bulk_interviews(
            rng=random.Random(demo.DEFAULT_SEED),
            now=timezone.now(),
            users=[user],
            interviews_per_user=missing,
            companies_per_user=max(1, interviews // 20),
            contacts_per_company=config.CONTACTS_PER_COMPANY,
        )
        demo.after_build([user], added, DEMO_EXTENSIONS)


def _top_up_letters(email: str, target: int) -> int:
    """Drafts second follow-ups (oldest interviews first) through letter_ensure until `target` letters."""
    from django.utils import timezone

    from followup.models import Participant, User
    from letters.models import Letter
    from letters.services import letter_ensure

    user = User.objects.get(email=email)
    missing = target - Letter.objects.filter(user=user).count()
    if missing <= 0:
        return 0
    have = set(
        Letter.objects.filter(user=user, kind=Letter.Kind.FOLLOW_UP_2).values_list(
            "interview_id", "contact_id"
        )
    )
    participants = (
        Participant.objects.filter(interview__user=user, interview__ends_at__lt=timezone.now())
        .select_related("interview__company", "interview__user", "contact")
        .order_by("interview__ends_at", "interview_id", "position")
    )
    added = 0
    for participant in participants.iterator(chunk_size=500):
        if added >= missing:
            break
        if (participant.interview_id, participant.contact_id) in have:
            continue
        letter_ensure(
            interview=participant.interview, contact=participant.contact, kind=Letter.Kind.FOLLOW_UP_2
        )
        added += 1
    return added


def analyze() -> None:
    """VACUUM ANALYZE: what autovacuum would have done while the data grew.

    Right after a bulk load PostgreSQL still believes the tables are small (or empty), and picks plans
    no long-running database would (a hash join over every contact to find three people, say); and
    without a visibility map no index-only scan (a count) avoids reading the table.
    """
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")


def counts() -> dict:
    """Rows per user: the heavy user's and a light user's, and the whole database's."""
    from followup.models import Contact, Interview, User
    from letters.models import Letter
    from reminders.models import Reminder

    def of(email: str) -> dict:
        user = User.objects.get(email=email)
        return {
            "email": email,
            "interviews": Interview.objects.filter(user=user).count(),
            "contacts": Contact.objects.filter(user=user).count(),
            "letters": Letter.objects.filter(user=user).count(),
            "reminders": Reminder.objects.filter(user=user).count(),
        }

    return {
        "users": User.objects.count(),
        "heavy": of(config.HEAVY_EMAIL),
        "light": of(config.LIGHT_EMAIL),
        "medium": of(config.MEDIUM_EMAIL),
        "all_interviews": Interview.objects.count(),
        "all_letters": Letter.objects.count(),
        "all_reminders": Reminder.objects.count(),
    }


@dataclass(frozen=True)
class UserPages:
    """The pages one user opens in the benchmark, by name."""

    email: str
    interview_id: int
    letter_id: int
    calendar_token: str = ""

    def paths(self) -> dict[str, str]:
        return {
            "trivial": "/bench/trivial/",
            "dashboard": "/",
            "interviews p1": "/interviews/",
            "interviews p40": "/interviews/?page=40",
            "interview": f"/interviews/{self.interview_id}/",
            "letter editor": f"/letters/{self.letter_id}/",
            "reminders": "/reminders/",
            # The private calendar feed, as a calendar app polls it (cached between changes).
            "calendar feed": f"/calendar/{self.calendar_token}.ics",
        }

    def as_dict(self) -> dict:
        return {**asdict(self), "paths": self.paths()}


def pages_for(email: str) -> UserPages:
    """The user's latest finished interview among those with the most people, and its first thank-you."""
    from django.db.models import Count
    from django.utils import timezone

    from followup.models import Interview
    from followup.services.calendar import calendar_token_renew
    from letters.models import Letter

    interview = (
        Interview.objects.filter(user__email=email, ends_at__lt=timezone.now(), letters__isnull=False)
        .annotate(people=Count("participants", distinct=True))
        .order_by("-people", "-ends_at")
        .first()
    )
    first = interview.participants.order_by("position", "pk").first()
    letter = Letter.objects.get(interview=interview, contact_id=first.contact_id, kind=Letter.Kind.THANK_YOU)
    user = interview.user
    token = user.calendar_token or calendar_token_renew(user=user)
    return UserPages(email=email, interview_id=interview.pk, letter_id=letter.pk, calendar_token=token)
