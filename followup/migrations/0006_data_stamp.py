# The per-user stamp that keys cached pages, and the triggers that move it (followup/data_stamp.py).

from django.db import migrations, models

from followup.data_stamp import CREATE_FUNCTION, DROP_FUNCTION, SEED_STAMPS, stamping_operations


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_FUNCTION)
        schema_editor.execute(SEED_STAMPS)


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_FUNCTION)


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0005_interview_upcoming_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataStamp",
            fields=[
                ("user_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(create_function, drop_function, elidable=False),
        *stamping_operations(
            {
                "followup_user": "id",
                "followup_company": "user_id",
                "followup_contact": "user_id",
                "followup_interview": "user_id",
                "followup_participant": "interview_id",
            }
        ),
    ]
