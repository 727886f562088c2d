"""Demo and benchmark data: a realistic demo account, and bulk users and interviews built in seconds.

`build_demo()` creates or refreshes the account demo@followup.example: verified, onboarded, with a handful
of companies, contacts with varied honorifics, roles and address styles, and interviews in every status
across past and coming weeks. Those realistic interviews announce themselves with
`followup.signals.interview_changed`, exactly as recording one in the app does, so the letters and
reminders apps build their drafts and schedules through their own listeners.

Bulk data (`--heavy-interviews`, `--users`) is written with bulk_create, which sends no signals. Apps
that keep rows per interview provide an extension, a callable that `build_demo()` runs with the bulk
users and their bulk interviews once they exist. This module imports neither letters nor reminders: the
demo command, which is wiring, hands their extensions in.

Everything is deterministic for a given seed and `now`.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, cast

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import timezone

from followup import signals
from followup.models import Company, Contact, Interview, Participant, User
from followup.services.accounts import REMINDER_FIELDS

DEMO_EMAIL = "demo@followup.example"
# Light benchmark users: demo-user-0001@followup.example, … (refreshing deletes and rebuilds them all).
BULK_EMAIL_PREFIX = "demo-user-"
BULK_EMAIL_DOMAIN = "@followup.example"
DEFAULT_SEED = 20240611
BATCH_SIZE = 1000

# Callables (users, interviews) -> None, run after bulk rows exist. `users` are the users who received
# bulk interviews; `interviews` are those Interview rows (with pk, company_id, user_id set). Use
# bulk_create in them too: they run inside the builder's transaction.
DemoExtension = Callable[[Sequence[User], Sequence[Interview]], None]

# Apps whose rows belong to a user and are wiped when the demo account is refreshed.
DATA_APPS = ("followup", "letters", "reminders")


def after_build(
    users: Sequence[User], interviews: Sequence[Interview], extensions: Sequence[DemoExtension]
) -> None:
    """Lets other apps add their rows for bulk-built interviews, in the order of `extensions`."""
    for extension in extensions:
        extension(users, interviews)


@dataclass
class DemoResult:
    user: User
    password: str
    companies: int = 0
    contacts: int = 0
    interviews: int = 0
    bulk_users: list[User] = field(default_factory=list)
    bulk_interviews: int = 0


# --- The realistic demo account -----------------------------------------------------------------------

PROFILE = {
    "full_name": "Alex Morgan",
    "time_zone": "America/New_York",
    "country": "US",
    "signature": "Alex Morgan\n+1 555 0142 · alexmorgan.example\nBrooklyn, NY 11201",
}

# name, website, notes
COMPANIES = [
    (
        "Northwind Analytics",
        "https://northwind-analytics.example",
        "Data platform for mid-size retailers. Referred by Aoife.",
    ),
    ("Bellweather Health", "https://bellweather.example", "Patient scheduling; about 400 people, hybrid."),
    ("Kestrel & Finch", "https://kestrelfinch.example", "Payments for independent shops. Series B."),
    ("Orbital Freight", "https://orbitalfreight.example", "Logistics; the team runs on Python and Go."),
    ("Café Lumière Studios", "https://cafe-lumiere.example", "Small games studio in Montréal."),
    ("O'Brien Public Library Network", "", "City library system rebuilding its catalogue search."),
]

# company index, honorific, name, title, role, address style, email local part, notes
CONTACTS = [
    (0, "Dr.", "Priya Raman", "Director of Engineering", "interviewer", "formal", "priya.raman", ""),
    (0, "", "Aoife O'Connell", "Staff Engineer", "referral", "first_name", "aoife", "Former colleague."),
    (0, "Ms.", "Dana Whitfield", "Technical Recruiter", "recruiter", "first_name", "dana", ""),
    (1, "Mr.", "Tomás Ortega", "Engineering Manager", "interviewer", "formal", "t.ortega", ""),
    (1, "Mx.", "Sam Okafor", "Senior Engineer", "interviewer", "first_name", "sam.okafor", ""),
    (1, "Mrs.", "Yuki Tanaka", "Talent Partner", "recruiter", "formal", "yuki.tanaka", "Prefers email."),
    (2, "Prof.", "Ingrid Holm", "Chief Scientist", "interviewer", "formal", "ingrid", "Teaches part time."),
    (2, "", "Marcus Lee", "Head of Platform", "interviewer", "first_name", "marcus", ""),
    (3, "Ms.", "Fatima Al-Sayed", "VP Engineering", "interviewer", "formal", "fatima", ""),
    (3, "", "Jonah Becker", "Recruiting Coordinator", "recruiter", "first_name", "jonah", ""),
    (4, "Ms.", "Élodie Gagnon", "Studio Director", "lead", "formal", "elodie", "Met at a meetup."),
    (4, "", "Kai Nakamura-Ruiz", "Lead Programmer", "interviewer", "first_name", "kai", ""),
    (5, "Dr.", "Nnamdi Eze", "Head of Digital Services", "interviewer", "formal", "n.eze", ""),
    (5, "", "Rosa Lindqvist", "Product Owner", "other", "first_name", "rosa", ""),
]


class DemoInterview(NamedTuple):
    company: int  # index into COMPANIES
    role: str
    round: str
    format: str
    days: int  # from today, in the user's time zone (moved off weekends)
    hour: int | None  # local start hour; None means "ended three hours ago"
    minutes: int
    status: str
    decision_in_days: int | None  # the decision date, days after the interview
    topics: str
    people: list[tuple[int, str]]  # (index into CONTACTS, what was discussed with them)


# fmt: off
INTERVIEWS = [
    DemoInterview(
        0, "Senior Backend Engineer", "Recruiter screen", "phone", -41, 11, 30, "rejected", None,
        "Background, salary range, why Northwind.",
        [(2, "The team's move from nightly batch jobs to streaming updates.")],
    ),
    DemoInterview(
        1, "Platform Engineer", "First round", "video", -33, 14, 45, "withdrawn", 10,
        "On-call load and the scheduling service's database.",
        [
            (3, "How the on-call rotation is shared across two time zones."),
            (5, "Start dates and the hybrid schedule."),
        ],
    ),
    DemoInterview(
        2, "Backend Engineer, Payments", "Final panel", "onsite", -26, 10, 180, "offer", 7,
        "Idempotent payment retries, ledger design, a pairing exercise on refunds.",
        [
            (6, "Double-entry ledgers and why they keep reconciliation simple."),
            (7, "Making retries safe with idempotency keys on every write."),
        ],
    ),
    DemoInterview(
        3, "Senior Software Engineer", "Technical interview", "video", -19, 13, 60, "next_round", 5,
        "Route planning latency; a system design question about tracking parcels.",
        [
            (8, "Caching route plans per depot and invalidating them on road closures."),
            (9, "The format and timing of the next round."),
        ],
    ),
    DemoInterview(
        4, "Tools Programmer", "Portfolio review", "video", -15, 16, 60, "reply_received", None,
        "Build pipelines for game assets; my open-source profiler.",
        [
            (10, "Cutting asset build times for the art team."),
            (11, "The profiler I wrote and how it could help their level editor."),
        ],
    ),
    DemoInterview(
        5, "Search Engineer", "First round", "onsite", -12, 10, 90, "awaiting_reply", 5,
        "Catalogue search relevance; accessibility of the public site.",
        [
            (12, "Ranking results for patrons searching by partial titles."),
            (13, "Testing search with screen-reader users."),
        ],
    ),
    DemoInterview(
        0, "Senior Backend Engineer", "Second round", "video", -8, 15, 60, "scheduled", 4,
        "Event streaming, data contracts between teams.",
        [
            (0, "How data contracts stop one team's change from breaking another's dashboards."),
            (1, "What the first ninety days on the platform team look like."),
        ],
    ),
    DemoInterview(
        1, "Platform Engineer", "Hiring manager", "video", -1, 11, 45, "scheduled", 6,
        "Reliability goals for the coming year; my experience with Postgres upgrades.",
        [
            (3, "Zero-downtime Postgres major upgrades."),
            (4, "Their incident reviews and how actions get followed through."),
        ],
    ),
    DemoInterview(
        2, "Staff Engineer, Ledger", "Coffee chat", "onsite", 0, None, 60, "scheduled", None,
        "A possible staff role on the ledger team.",
        [(7, "Where the ledger team is heading after the launch in Canada.")],
    ),
    DemoInterview(
        3, "Senior Software Engineer", "Final round", "onsite", 2, 10, 240, "scheduled", 7, "",
        [(8, ""), (9, "")],
    ),
    DemoInterview(4, "Tools Programmer", "Team meet", "video", 9, 15, 45, "scheduled", None, "", [(11, "")]),
    # The employer called this one off (its invite was cancelled).
    DemoInterview(
        2, "Staff Engineer, Ledger", "Architecture chat", "video", 5, 11, 45, "cancelled", None, "", [(6, "")]
    ),
    DemoInterview(
        5, "Search Engineer", "Panel", "onsite", 16, 13, 120, "scheduled", None, "", [(12, ""), (13, "")]
    ),
]
# fmt: on

MISSED_POINTS = [
    "I did not mention that I led the migration of our search index without downtime.",
    "I meant to say I have mentored two junior engineers through their first on-call.",
    "",
]
# What the user added after the interview, for the first follow-up (index into INTERVIEWS).
SINCE_WE_SPOKE = {
    3: "I sketched how route plans could be cached per depot and dropped on a road closure: "
    "alexmorgan.example/route-cache",
    5: "I wrote up how partial-title matching could work on the catalogue's current index: "
    "alexmorgan.example/partial-titles",
}
WHY_ROLE = "The product solves a problem I have seen up close, and the team ships small changes often."
CONTRIBUTION = "I can make hot paths faster and releases calmer: profiling, caching, careful rollouts."


def _local_start(*, now: dt.datetime, zone, days: int, hour: int | None) -> dt.datetime:
    """A start time `days` from today at `hour` local time, moved off weekends; None means 4 hours ago."""
    if hour is None:
        return (now - dt.timedelta(hours=4)).replace(second=0, microsecond=0)
    day = now.astimezone(zone).date() + dt.timedelta(days=days)
    step = 1 if days >= 0 else -1
    while day.weekday() >= 5:
        day += dt.timedelta(days=step)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=zone)


def wipe_user_data(user: User) -> None:
    """Deletes every row of the followup, letters and reminders apps that belongs to the user."""
    Company.objects.filter(user=user).delete()  # contacts, interviews and what hangs off them
    for relation in User._meta.related_objects:
        model = cast(type[models.Model], relation.related_model)  # a model class once apps are loaded
        if model._meta.app_label in DATA_APPS and relation.on_delete is models.CASCADE:
            model._base_manager.filter(**{relation.field.name: user}).delete()


def _refresh_demo_user(*, password: str, now: dt.datetime) -> User:
    user = User.objects.filter(email=DEMO_EMAIL).first()
    if user is None:
        user = User(email=DEMO_EMAIL)
    else:
        wipe_user_data(user)
    # Reminder preferences back to their defaults, in case someone changed them while trying the demo.
    defaults = {
        name: cast(models.Field, User._meta.get_field(name)).get_default() for name in REMINDER_FIELDS
    }
    for name, value in {
        **defaults,
        **PROFILE,
        "is_active": True,
        "onboarded_at": now,
    }.items():
        setattr(user, name, value)
    user.set_password(password)
    user.save()
    EmailAddress.objects.filter(user=user).exclude(email__iexact=DEMO_EMAIL).delete()
    EmailAddress.objects.update_or_create(
        user=user, email=DEMO_EMAIL, defaults={"verified": True, "primary": True}
    )
    return user


def build_demo_account(*, user: User, now: dt.datetime) -> tuple[int, int, int]:
    """The realistic companies, contacts and interviews; returns how many of each were made."""
    zone = user.zone
    companies = [
        Company.objects.create(user=user, name=name, website=website, notes=notes)
        for name, website, notes in COMPANIES
    ]
    contacts = []
    for company_index, honorific, name, title, role, style, local, notes in CONTACTS:
        company = companies[company_index]
        domain = company.website.removeprefix("https://") or "library.example"
        contacts.append(
            Contact.objects.create(
                user=user,
                company=company,
                name=name,
                honorific=honorific,
                title=title,
                email=f"{local}@{domain}",
                role=role,
                address_style=style,
                notes=notes,
            )
        )
    for number, row in enumerate(INTERVIEWS):
        starts_at = _local_start(now=now, zone=zone, days=row.days, hour=row.hour)
        happened = row.days <= 0
        decision = row.decision_in_days
        interview = Interview.objects.create(
            user=user,
            company=companies[row.company],
            role=row.role,
            round=row.round,
            format=row.format,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(minutes=row.minutes),
            location="https://meet.example/alex" if row.format == "video" else "",
            topics=row.topics,
            missed_point=MISSED_POINTS[number % len(MISSED_POINTS)] if happened else "",
            why_role=WHY_ROLE if happened else "",
            contribution=CONTRIBUTION if happened else "",
            since_we_spoke=SINCE_WE_SPOKE.get(number, ""),
            decision_date=(starts_at.date() + dt.timedelta(days=decision)) if decision is not None else None,
            status=row.status,
        )
        for position, (contact_index, discussed) in enumerate(row.people):
            Participant.objects.create(
                interview=interview, contact=contacts[contact_index], discussed=discussed, position=position
            )
        # As recording it in the app would: letters and reminders build their rows from this.
        signals.interview_changed.send(
            sender=Interview,
            interview=interview,
            created=True,
            changes={"people", "times", "decision_date", "status", "details"},
        )
    return len(companies), len(contacts), len(INTERVIEWS)


# --- Bulk benchmark data ------------------------------------------------------------------------------

FIRST_NAMES = [
    "Ada",
    "Bilal",
    "Chen",
    "Daria",
    "Emeka",
    "Farah",
    "Gustavo",
    "Hana",
    "Ivan",
    "Jia",
    "Kofi",
    "Lena",
    "Mateo",
    "Nadia",
    "Oskar",
    "Pia",
    "Quentin",
    "Ravi",
    "Sofia",
    "Tariq",
    "Uma",
    "Viktor",
    "Wen",
    "Zoë",
]
LAST_NAMES = [
    "Abebe",
    "Brennan",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Hughes",
    "Iqbal",
    "Jensen",
    "Kowalski",
    "Laurent",
    "Mensah",
    "Novak",
    "O'Neill",
    "Park",
    "Quinn",
    "Rossi",
    "Sato",
    "Thompson",
]
COMPANY_WORDS = [
    "Amber",
    "Birch",
    "Cobalt",
    "Delta",
    "Ember",
    "Fjord",
    "Granite",
    "Harbor",
    "Indigo",
    "Juniper",
    "Kite",
    "Lumen",
    "Maple",
    "Nimbus",
    "Onyx",
    "Prairie",
    "Quartz",
    "Raven",
    "Summit",
    "Tidal",
]
COMPANY_KINDS = ["Labs", "Systems", "Health", "Logistics", "Software", "Media", "Energy", "Bank", "Studio"]
ROLES = [
    "Backend Engineer",
    "Data Analyst",
    "Product Designer",
    "Site Reliability Engineer",
    "Product Manager",
    "Frontend Engineer",
    "Data Engineer",
    "Engineering Manager",
    "QA Engineer",
    "Technical Writer",
]
TITLES = ["Engineering Manager", "Recruiter", "Staff Engineer", "Director", "Team Lead", "Designer"]
TOPICS = [
    "Scaling the main database and the read replicas.",
    "How the team plans work and ships small changes.",
    "A take-home exercise about parsing invoices.",
    "Accessibility in the customer dashboard.",
    "The on-call rotation and incident reviews.",
]
PAST_STATUSES = [
    Interview.Status.SCHEDULED,  # shows as awaiting reply once ended
    *Interview.AFTER_INTERVIEW_STATUSES,
    Interview.Status.CANCELLED,
]


def _bulk_companies_and_contacts(
    *, rng: random.Random, users: Sequence[User], companies_per_user: int, contacts_per_company: int
) -> tuple[dict[int, list[Company]], dict[int, list[Contact]]]:
    companies = []
    for user in users:
        taken = set(Company.objects.owned_by(user).values_list("name", flat=True))
        for n in range(companies_per_user):
            name = f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_KINDS)}"
            if name in taken:
                name = f"{name} {n + 1}"
            taken.add(name)
            companies.append(Company(user=user, name=name, website=""))
    Company.objects.bulk_create(companies, batch_size=BATCH_SIZE)
    contacts = []
    roles = Contact.Role.values
    for company in companies:
        for _ in range(contacts_per_company):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            contacts.append(
                Contact(
                    user_id=company.user_id,
                    company=company,
                    name=f"{first} {last}",
                    honorific=rng.choice(Contact.HONORIFICS),
                    title=rng.choice(TITLES),
                    email=f"{first}.{last}".lower().replace("'", "") + "@example.com",
                    role=rng.choice(roles),
                    address_style=rng.choice(Contact.AddressStyle.values),
                )
            )
    Contact.objects.bulk_create(contacts, batch_size=BATCH_SIZE)
    by_user: dict[int, list[Company]] = {}
    for company in companies:
        by_user.setdefault(company.user_id, []).append(company)
    by_company: dict[int, list[Contact]] = {}
    for contact in contacts:
        by_company.setdefault(contact.company_id, []).append(contact)
    return by_user, by_company


def build_bulk_interviews(
    *,
    rng: random.Random,
    now: dt.datetime,
    users: Sequence[User],
    interviews_per_user: int,
    companies_per_user: int = 5,
    contacts_per_company: int = 3,
) -> list[Interview]:
    """Companies, contacts and interviews (1–3 people each) for each user, with bulk_create.

    Interviews spread over the past four months and the coming month; past ones carry every status.
    No signals are sent: call after_build() (build_demo does) so other apps can add their rows.
    """
    if not users or interviews_per_user <= 0:
        return []
    companies_per_user = max(1, companies_per_user)
    contacts_per_company = max(1, contacts_per_company)
    companies, contacts = _bulk_companies_and_contacts(
        rng=rng, users=users, companies_per_user=companies_per_user, contacts_per_company=contacts_per_company
    )
    interviews: list[Interview] = []
    chosen_people: list[list[Contact]] = []
    for user in users:
        for _ in range(interviews_per_user):
            company = rng.choice(companies[user.pk])
            offset = dt.timedelta(minutes=rng.randrange(-120 * 24 * 60, 30 * 24 * 60, 15))
            starts_at = (now + offset).replace(second=0, microsecond=0)
            past = starts_at < now
            interviews.append(
                Interview(
                    user=user,
                    company=company,
                    role=rng.choice(ROLES),
                    round=rng.choice(["First round", "Second round", "Final", ""]),
                    format=rng.choice(Interview.Format.values),
                    starts_at=starts_at,
                    ends_at=starts_at + dt.timedelta(minutes=rng.choice([30, 45, 60, 90])),
                    topics=rng.choice(TOPICS),
                    decision_date=(starts_at.date() + dt.timedelta(days=rng.randint(3, 14)))
                    if rng.random() < 0.5
                    else None,
                    status=rng.choice(PAST_STATUSES) if past else Interview.Status.SCHEDULED,
                )
            )
            people = contacts[company.pk]
            chosen_people.append(rng.sample(people, k=min(len(people), rng.randint(1, 3))))
    Interview.objects.bulk_create(interviews, batch_size=BATCH_SIZE)
    participants = [
        Participant(interview=interview, contact=contact, position=position, discussed=rng.choice(TOPICS))
        for interview, people in zip(interviews, chosen_people, strict=True)
        for position, contact in enumerate(people)
    ]
    Participant.objects.bulk_create(participants, batch_size=BATCH_SIZE)
    return interviews


def _bulk_email(n: int) -> str:
    return f"{BULK_EMAIL_PREFIX}{n:04d}{BULK_EMAIL_DOMAIN}"


def bulk_users_queryset():
    return User.objects.filter(email__startswith=BULK_EMAIL_PREFIX, email__endswith=BULK_EMAIL_DOMAIN)


def build_bulk_users(*, count: int, password: str, now: dt.datetime) -> list[User]:
    """Replaces the light benchmark users with `count` new ones, verified and onboarded."""
    bulk_users_queryset().delete()
    if count <= 0:
        return []
    hashed = make_password(password)  # once: hashing is the slow part of creating users
    users = User.objects.bulk_create(
        [
            User(
                email=_bulk_email(n),
                full_name=f"Bench User {n:04d}",
                password=hashed,
                time_zone="Europe/London" if n % 2 else "America/Chicago",
                country="GB" if n % 2 else "US",
                onboarded_at=now,
            )
            for n in range(1, count + 1)
        ],
        batch_size=BATCH_SIZE,
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users],
        batch_size=BATCH_SIZE,
    )
    return users


# --- The whole build ----------------------------------------------------------------------------------


def build_demo(
    *,
    password: str | None = None,
    seed: int = DEFAULT_SEED,
    now: dt.datetime | None = None,
    heavy_interviews: int = 0,
    users: int = 0,
    interviews_per_user: int = 5,
    companies_per_user: int = 5,
    contacts_per_company: int = 3,
    extensions: Sequence[DemoExtension] = (),
) -> DemoResult:
    """Creates or refreshes the demo account and, optionally, bulk benchmark data. Idempotent.

    `extensions` add other apps' rows to the bulk interviews (the demo command passes them).
    """
    now = now or timezone.now()
    password = password or secrets.token_urlsafe(12)
    rng = random.Random(seed)
    with transaction.atomic():
        demo_user = _refresh_demo_user(password=password, now=now)
        companies, contacts, interviews = build_demo_account(user=demo_user, now=now)
        result = DemoResult(
            user=demo_user, password=password, companies=companies, contacts=contacts, interviews=interviews
        )
        heavy = build_bulk_interviews(
            rng=rng,
            now=now,
            users=[demo_user],
            interviews_per_user=heavy_interviews,
            companies_per_user=max(companies_per_user, heavy_interviews // 20),
            contacts_per_company=contacts_per_company,
        )
        bulk_users = build_bulk_users(count=users, password=password, now=now)
        light = build_bulk_interviews(
            rng=rng,
            now=now,
            users=bulk_users,
            interviews_per_user=interviews_per_user,
            companies_per_user=companies_per_user,
            contacts_per_company=contacts_per_company,
        )
        bulk_interviews = heavy + light
        if bulk_interviews or bulk_users:
            after_build(([demo_user] if heavy else []) + bulk_users, bulk_interviews, extensions)
        result.bulk_users = bulk_users
        result.bulk_interviews = len(bulk_interviews)
    return result
