from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "plenary.programme"
    verbose_name = _("Programme")

    def ready(self):
        from plenary.core import accounts
        from plenary.programme import receivers  # noqa: F401  (connects the signal handlers)
        from plenary.programme.accounts import landing_page, rapporteurs

        accounts.register(known_people=rapporteurs, landing_page=landing_page)
