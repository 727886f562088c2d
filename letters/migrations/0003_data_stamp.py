# A change to a letter moves its user's data stamp, so cached pages that show it are rendered again.

from django.db import migrations

from followup.data_stamp import stamping_operations


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0002_remove_drafts_before_interview_end"),
        ("followup", "0006_data_stamp"),
    ]

    operations = stamping_operations({"letters_letter": "user_id"})
