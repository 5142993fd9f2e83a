"""API tokens expire: existing tokens expire API_TOKEN_DAYS after they were made, like new ones."""

import datetime as dt

from django.conf import settings
from django.db import migrations, models


def expire_existing_tokens(apps, schema_editor):
    ApiToken = apps.get_model("councils", "ApiToken")
    days = dt.timedelta(days=getattr(settings, "API_TOKEN_DAYS", 90))
    for token in ApiToken.objects.filter(expires_at__isnull=True).only("pk", "created_at"):
        ApiToken.objects.filter(pk=token.pk).update(expires_at=token.created_at + days)


class Migration(migrations.Migration):

    dependencies = [
        ("councils", "0003_protect_who_did_what"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(expire_existing_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(
                help_text="The token stops working then (settings.API_TOKEN_DAYS after it was made)."
            ),
        ),
    ]
