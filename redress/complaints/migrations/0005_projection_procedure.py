"""The procedure a complaint is under now, in its projection, so the caseload filters by it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0004_complaint_contact_details"),
    ]

    operations = [
        migrations.AddField(
            model_name="projection",
            name="procedure",
            field=models.CharField(
                default="children-england",
                help_text="The procedure the complaint is under now (after any move to another).",
                max_length=40,
            ),
        ),
        migrations.AddIndex(
            model_name="projection",
            index=models.Index(fields=["council", "procedure", "status"], name="projection_procedure"),
        ),
    ]
