from django.db import migrations

import plenary.core.sealed
from plenary.core.sealed import seal_column, unseal_column


def seal_secrets(apps, schema_editor):
    seal_column(schema_editor.connection, "webhooks_endpoint", "secret")


def unseal_secrets(apps, schema_editor):
    unseal_column(schema_editor.connection, "webhooks_endpoint", "secret")


class Migration(migrations.Migration):
    dependencies = [
        ("webhooks", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="endpoint",
            name="secret",
            field=plenary.core.sealed.SealedTextField(),
        ),
        migrations.RunPython(seal_secrets, unseal_secrets),
    ]
