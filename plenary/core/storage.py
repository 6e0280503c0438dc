"""Where files go: public documents under MEDIA_ROOT, everything personal under PRIVATE_MEDIA_ROOT.

Private files are never served by a web server nor by `DEBUG`'s media route: their URL leads to
the `private_file` view (plenary/urls.py), which serves a file only to whoever may see the record
that holds it. Their names carry a random token, so that one name tells nothing about the next.
"""

import secrets
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage, storages
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property


@deconstructible(path="plenary.core.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        return reverse("private_file", kwargs={"name": name})


def private_storage():
    """The storage of personal files (a callable, so that migrations name it, not its settings)."""
    return storages["private"]


def unguessable_name(folder: str, filename: str) -> str:
    """`folder/<random token>/filename`: the token makes the name impossible to guess or count."""
    return f"{folder}/{secrets.token_urlsafe(18)}/{PurePosixPath(filename).name}"


def move_to_private(model, field_name: str) -> None:
    """For data migrations: move the files of `field_name` from MEDIA_ROOT into private storage,
    under unguessable names. A name already in private storage, or absent from MEDIA_ROOT, stays."""
    public, private = storages["default"], private_storage()
    field = model._meta.get_field(field_name)
    for record in model._default_manager.exclude(**{field_name: ""}).iterator():
        old = getattr(record, field_name).name
        if private.exists(old) or not public.exists(old):
            continue
        with public.open(old, "rb") as handle:
            new = private.save(field.generate_filename(record, PurePosixPath(old).name), handle)
        model._default_manager.filter(pk=record.pk).update(**{field_name: new})
        public.delete(old)


@checks.register(checks.Tags.security, deploy=False)
def private_root_outside_media_root(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Whatever serves MEDIA_ROOT (DEBUG's route, a web server) must not reach personal files."""
    private, public = Path(settings.PRIVATE_MEDIA_ROOT).resolve(), Path(settings.MEDIA_ROOT).resolve()
    if private == public or public in private.parents or private in public.parents:
        return [
            checks.Error(
                "PRIVATE_MEDIA_ROOT and MEDIA_ROOT overlap: personal files would be served as public media.",
                hint="Give PRIVATE_MEDIA_ROOT a folder outside MEDIA_ROOT.",
                id="plenary.E001",
            )
        ]
    return []
