from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand

from plenary.core import demo_accounts
from plenary.core.links import page_url

TRACK_SLUG = "igf2023-pt"


def link(name: str, **kwargs) -> str:
    return page_url(name, "en", **kwargs)


def journeys() -> list[str]:
    """Where each user of the demo starts: one account or one link each."""
    from plenary.funding.demo import APPLICANT_TO_BE_EMAIL
    from plenary.outcomes.demo import DELEGATE_EMAIL
    from plenary.programme.demo import RAPPORTEUR_EMAIL
    from plenary.registration import links
    from plenary.registration.models import Delegation

    egypt = Delegation.objects.get(track__slug=TRACK_SLUG, parliament__country__iso3="EGY")
    track = {"track": TRACK_SLUG}
    return [
        "",
        "Journeys (where each user starts; e-mailed codes and links are printed by the server):",
        f"  Secretariat: {link('account_login')} with {demo_accounts.SECRETARIAT_EMAIL} (password and "
        f"authenticator code above), then the overview {link('overview:dashboard', **track)}",
        f"  Focal point of Japan: {link('account_login')} with {demo_accounts.FOCAL_POINT_EMAIL}, "
        "'send me a code'",
        f"  Focal point of Egypt (Arabic): {links.delegation_link(egypt, settings.SITE_URL, 'ar')}, or "
        f"{page_url('account_login', 'ar')} with {demo_accounts.EGYPT_FOCAL_POINT_EMAIL}, 'send me a code'",
        f"  A member (Kenya, registered): {link('account_login')} with {DELEGATE_EMAIL}, 'send me a code', "
        f"then {link('outcomes:outcome', **track)}",
        f"  An MP from a least developed country (Malawi), applying for funding: {link('account_login')} "
        f"with {APPLICANT_TO_BE_EMAIL}, 'send me a code', then {link('funding:calls', **track)}",
        f"  The rapporteur: {link('account_login')} with {RAPPORTEUR_EMAIL}, 'send me a code', then "
        f"{link('outcomes:main_points', **track)}",
        f"  A visitor: {link('programme:programme', **track)}",
        f"  A question to the secretariat: {link('queries:ask', **track)}",
    ]


class Command(BaseCommand):
    help = "Load the IGF 2023 Parliamentary Track demo (after load_reference_data) and demo accounts."

    def handle(self, *args, **options):
        from plenary.directory.models import Country

        if settings.PRODUCTION:
            raise ImproperlyConfigured("The demo is never loaded in production.")
        if not Country.objects.filter(iso3="JPN").exists():
            call_command("load_reference_data", stdout=self.stdout)
        for app in apps.get_app_configs():
            module_name = f"{app.name}.demo"
            if app.name.startswith("plenary.") and find_spec(module_name):
                import_module(module_name).load(stdout=self.stdout)
        for line in demo_accounts.create():
            self.stdout.write(line)
        for line in journeys():
            self.stdout.write(line)
