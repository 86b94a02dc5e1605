"""Private addresses become `<lookup>-<HMAC with SECRET_KEY>`, checked with the current key.

The old addresses (looked up by a stored hash, so they outlived a change of key) stop working:
each member gets a new random lookup, and their account page shows the new address.
"""

import secrets

from django.db import migrations, models


def give_each_token_a_lookup(apps, schema_editor):
    FeedToken = apps.get_model("meetings", "FeedToken")
    for feed_token in FeedToken.objects.all():
        feed_token.lookup = secrets.token_hex(16)
        feed_token.save(update_fields=["lookup"])


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="feedtoken",
            name="lookup",
            field=models.CharField(max_length=32, null=True),
        ),
        migrations.RunPython(give_each_token_a_lookup, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="feedtoken",
            name="lookup",
            field=models.CharField(max_length=32, unique=True),
        ),
        migrations.RemoveField(model_name="feedtoken", name="nonce"),
        migrations.RemoveField(model_name="feedtoken", name="token_hash"),
    ]
