# Personal files move to private storage under unguessable names (existing ones too).

import plenary.core.storage
import plenary.funding.endorsements
import plenary.funding.models
from django.db import migrations, models


def move_application_endorsement_letter(apps, schema_editor):
    plenary.core.storage.move_to_private(apps.get_model("funding", "Application"), "endorsement_letter")


class Migration(migrations.Migration):

    dependencies = [
        ('funding', '0002_alter_application_language'),
    ]

    operations = [
        migrations.AlterField(
            model_name='application',
            name='endorsement_letter',
            field=models.FileField(blank=True, storage=plenary.core.storage.private_storage, upload_to=plenary.funding.models.letter_upload_path, validators=[plenary.funding.endorsements.check_letter], verbose_name='endorsement letter'),
        ),
        migrations.RunPython(move_application_endorsement_letter, migrations.RunPython.noop),
    ]
