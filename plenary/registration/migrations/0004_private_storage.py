# Personal files move to private storage under unguessable names (existing ones too).

import plenary.core.storage
import plenary.registration.models
from django.db import migrations, models


def move_registration_photo(apps, schema_editor):
    plenary.core.storage.move_to_private(apps.get_model("registration", "Registration"), "photo")


class Migration(migrations.Migration):

    dependencies = [
        ('registration', '0003_queue_number_order_of_submission'),
    ]

    operations = [
        migrations.AlterField(
            model_name='registration',
            name='photo',
            field=models.ImageField(blank=True, storage=plenary.core.storage.private_storage, upload_to=plenary.registration.models.photo_upload_path, verbose_name='photo for the badge'),
        ),
        migrations.RunPython(move_registration_photo, migrations.RunPython.noop),
    ]
