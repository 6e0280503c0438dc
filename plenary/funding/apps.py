from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "plenary.funding"
    label = "funding"
    verbose_name = _("Travel funding")

    def ready(self):
        from plenary.core import private_files
        from plenary.funding import accounts
        from plenary.funding.models import Application
        from plenary.funding.selectors import may_open_endorsement_letter
        from plenary.registration import hooks

        private_files.register(Application, "endorsement_letter", may_open_endorsement_letter)
        hooks.register_delegate_page(accounts.delegate_page)
