"""Take away drafts written before their interview ended, which nobody has touched.

Drafts used to be written as soon as an interview was recorded, so an interview still ahead could carry
a thank-you for a meeting that had not happened. From now on they are written when the interview ends;
the ones already there go, unless they hold something of the user's: an edit, a sent date, or text that
a regenerate replaced. What goes is written again, the same way, once the interview ends.
"""

from django.db import migrations
from django.db.models import F
from django.utils import timezone


def remove_untouched_drafts_before_end(apps, schema_editor):
    Letter = apps.get_model("letters", "Letter")
    Letter.objects.filter(
        interview__ends_at__gt=timezone.now(),
        status="draft",
        subject=F("generated_subject"),
        body=F("generated_body"),
        previous_body="",
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]

    # Nothing to bring back on the way down: the drafts are written again when each interview ends.
    operations = [migrations.RunPython(remove_untouched_drafts_before_end, migrations.RunPython.noop)]
