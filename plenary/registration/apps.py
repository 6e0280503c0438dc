from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "plenary.registration"
    label = "registration"
    verbose_name = _("Delegations and registration")

    def ready(self):
        from plenary.core import private_files
        from plenary.registration.models import Registration
        from plenary.registration.selectors import may_open_photo

        private_files.register(Registration, "photo", may_open_photo)
