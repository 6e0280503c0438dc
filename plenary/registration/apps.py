from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "plenary.registration"
    label = "registration"
    verbose_name = _("Delegations and registration")

    def ready(self):
        from plenary.core import accounts, private_files
        from plenary.registration import accounts as registration_accounts
        from plenary.registration.models import Registration
        from plenary.registration.selectors import may_open_photo

        private_files.register(Registration, "photo", may_open_photo)
        accounts.register(
            known_people=registration_accounts.registered_people,
            landing_page=registration_accounts.landing_page,
        )
