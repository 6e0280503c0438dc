import time

from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from plenary.core.demo_accounts import SECRETARIAT_EMAIL


class Command(BaseCommand):
    help = "Print the demo secretariat account's current authenticator code (never in production)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("demo_totp is for the demo only.")
        totp = Authenticator.objects.filter(
            user__email=SECRETARIAT_EMAIL, type=Authenticator.Type.TOTP
        ).first()
        if totp is None:
            raise CommandError("No demo account yet: run `plenary load_demo` first.")
        secret = decrypt(totp.data["secret"])
        counter = int(time.time()) // app_settings.TOTP_PERIOD
        self.stdout.write(format_hotp_value(hotp_value(secret, counter)))
