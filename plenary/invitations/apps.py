from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvitationsConfig(AppConfig):
    name = "plenary.invitations"
    verbose_name = _("Invitations")

    def ready(self):
        from plenary.core import private_files
        from plenary.core.permissions import is_secretariat
        from plenary.invitations.models import Invitation, LetterArchive
        from plenary.invitations.selectors import may_open_letter

        private_files.register(Invitation, "letter", may_open_letter)
        private_files.register(LetterArchive, "file", lambda user, archive: is_secretariat(user))
