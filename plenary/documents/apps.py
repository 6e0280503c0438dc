from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "plenary.documents"
    label = "documents"
    verbose_name = _("Published documents")

    def ready(self):
        from plenary.core import private_files
        from plenary.documents import rules
        from plenary.documents.models import DocumentBatch

        private_files.register(DocumentBatch, "file", lambda user, batch: rules.can_make_documents(user))
