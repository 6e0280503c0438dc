# Personal files move to private storage under unguessable names (existing ones too).

import plenary.core.storage
import plenary.invitations.models
from django.db import migrations, models


def move_invitation_letter(apps, schema_editor):
    plenary.core.storage.move_to_private(apps.get_model("invitations", "Invitation"), "letter")


def move_letterarchive_file(apps, schema_editor):
    plenary.core.storage.move_to_private(apps.get_model("invitations", "LetterArchive"), "file")


class Migration(migrations.Migration):

    dependencies = [
        ('invitations', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='invitation',
            name='letter',
            field=models.FileField(blank=True, storage=plenary.core.storage.private_storage, upload_to=plenary.invitations.models.invitation_letter_path, verbose_name='letter'),
        ),
        migrations.AlterField(
            model_name='letterarchive',
            name='file',
            field=models.FileField(blank=True, storage=plenary.core.storage.private_storage, upload_to=plenary.invitations.models.archive_path, verbose_name='file'),
        ),
        migrations.RunPython(move_invitation_letter, migrations.RunPython.noop),
        migrations.RunPython(move_letterarchive_file, migrations.RunPython.noop),
    ]
