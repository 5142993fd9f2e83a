"""The procedures a council runs: children-england for every council that existed before the choice."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0005_one_time_password_expiry"),
    ]

    operations = [
        migrations.AddField(
            model_name="council",
            name="procedures",
            field=models.CharField(
                default="children-england",
                help_text="The complaints procedures the council runs, by name, space-separated (`redress procedures`).",
                max_length=400,
            ),
        ),
    ]
