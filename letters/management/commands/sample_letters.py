"""`manage.py sample_letters`: print the drafts of the sample interviews, to read them as a recipient would."""

from django.core.management.base import BaseCommand, CommandError

from letters.compose import KINDS, compose
from letters.samples import CASES, SENDERS


class Command(BaseCommand):
    help = (
        "Prints every draft of every kind for the sample interviews in letters/samples.py, built in memory "
        "(the database is not touched)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--case", type=int, action="append", help="Only this sample (1-based); repeatable."
        )
        parser.add_argument("--kind", choices=KINDS, action="append", help="Only this kind; repeatable.")

    def handle(self, *args, **options):
        numbers = options["case"] or range(1, len(CASES) + 1)
        kinds = options["kind"] or KINDS
        for number in numbers:
            if not 1 <= number <= len(CASES):
                raise CommandError(f"There are {len(CASES)} samples; pick one from 1 to {len(CASES)}.")
            case = CASES[number - 1]
            self.stdout.write(self.style.MIGRATE_HEADING(f"\n#{number} {case.role} at {case.company}"))
            for kind in kinds:
                for recipient in case.recipients():
                    draft = compose(
                        kind=kind, interview=case.facts(recipient), recipient=recipient, sender=SENDERS[0]
                    )
                    self.stdout.write(
                        f"\n--- {kind} to {recipient.name}\nSubject: {draft.subject}\n\n{draft.body}"
                    )
