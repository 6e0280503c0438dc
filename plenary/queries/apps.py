from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QueriesConfig(AppConfig):
    name = "plenary.queries"
    label = "queries"
    verbose_name = _("Queries to the secretariat")

    def ready(self):
        from plenary.core import private_files
        from plenary.queries.models import Message
        from plenary.queries.rules import can_view_query

        private_files.register(
            Message, "attachment", lambda user, message: can_view_query(user, message.query)
        )
