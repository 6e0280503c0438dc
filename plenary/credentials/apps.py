from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "plenary.credentials"
    label = "credentials"
    verbose_name = _("Credentials")

    def ready(self):
        from plenary.core import private_files
        from plenary.credentials import selectors, views
        from plenary.credentials.models import Credentials
        from plenary.registration import hooks

        private_files.register(Credentials, "document", selectors.may_open_document)
        hooks.register_gate("badges", selectors.gate("badges"))
        hooks.register_gate("participants", selectors.gate("participants"))
        hooks.register_delegation_action("credentials_upload", views.upload_on_delegation_page)
        hooks.register_delegation_action("credentials_standing", views.standing_on_delegation_page)
