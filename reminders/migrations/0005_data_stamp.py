# A change to a reminder (sent, snoozed, failed) moves its user's data stamp, so cached pages that show it
# are rendered again.

from django.db import migrations

from followup.data_stamp import stamping_operations


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0004_sending_claim_index"),
        ("followup", "0006_data_stamp"),
    ]

    operations = stamping_operations({"reminders_reminder": "user_id"})
