"""`manage.py demo`: create or refresh the demo account, optionally with bulk data for benchmarks."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from followup import demo
from letters.demo import build_bulk_letters
from reminders.demo import build_bulk_reminders

# Other apps' rows for bulk interviews. Letters come first: the reminders' extension reads which letters
# are sent.
DEMO_EXTENSIONS = (build_bulk_letters, build_bulk_reminders)


def non_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        f"Creates or refreshes the demo account {demo.DEMO_EMAIL} (verified, with companies, contacts and "
        "interviews in every status) and prints how to sign in. Running it again rebuilds the same data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password", help="Password for the demo account (and bulk users). Default: a new random one."
        )
        parser.add_argument("--seed", type=int, default=demo.DEFAULT_SEED, help="Seed for the bulk data.")
        parser.add_argument(
            "--heavy-interviews",
            type=non_negative,
            default=0,
            metavar="N",
            help="Give the demo account N extra interviews (bulk benchmark data).",
        )
        parser.add_argument(
            "--users",
            type=non_negative,
            default=0,
            metavar="N",
            help=f"Also create N light users ({demo.BULK_EMAIL_PREFIX}0001{demo.BULK_EMAIL_DOMAIN}, …). "
            "Earlier ones are deleted first.",
        )
        parser.add_argument(
            "--interviews-per-user",
            type=non_negative,
            default=5,
            metavar="N",
            help="Interviews per light user.",
        )
        parser.add_argument(
            "--companies-per-user", type=non_negative, default=5, metavar="N", help="Companies per bulk user."
        )
        parser.add_argument(
            "--contacts-per-company",
            type=non_negative,
            default=3,
            metavar="N",
            help="Contacts per bulk company.",
        )

    def handle(self, *args, **options):
        if options["password"] is not None and len(options["password"]) < 8:
            raise CommandError("--password must be at least 8 characters long.")
        started = time.monotonic()
        result = demo.build_demo(
            password=options["password"],
            seed=options["seed"],
            heavy_interviews=options["heavy_interviews"],
            users=options["users"],
            interviews_per_user=options["interviews_per_user"],
            companies_per_user=options["companies_per_user"],
            contacts_per_company=options["contacts_per_company"],
            extensions=DEMO_EXTENSIONS,
        )
        elapsed = time.monotonic() - started
        out = self.stdout
        out.write(self.style.SUCCESS(f"Demo account ready in {elapsed:.1f}s."))
        out.write(
            f"  {result.companies} companies, {result.contacts} contacts, {result.interviews} interviews"
            + (f", plus {result.bulk_interviews} bulk interviews" if result.bulk_interviews else "")
        )
        if result.bulk_users:
            out.write(
                f"  {len(result.bulk_users)} light users: {result.bulk_users[0].email} … "
                f"{result.bulk_users[-1].email} (same password)"
            )
        out.write("")
        out.write("Sign in at " + settings.SITE_URL + "/accounts/login/ with")
        out.write(f"  email:    {result.user.email}")
        out.write(f"  password: {result.password}")
