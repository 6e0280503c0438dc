from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "plenary.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self):
        from plenary.core import accounts
        from plenary.directory.accounts import people_with_address

        accounts.register(known_people=people_with_address)
