from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand

from plenary.core import demo_accounts


class Command(BaseCommand):
    help = "Load the IGF 2023 Parliamentary Track demo (after load_reference_data) and demo accounts."

    def handle(self, *args, **options):
        from plenary.directory.models import Country

        if not Country.objects.filter(iso3="JPN").exists():
            call_command("load_reference_data", stdout=self.stdout)
        for app in apps.get_app_configs():
            module_name = f"{app.name}.demo"
            if app.name.startswith("plenary.") and find_spec(module_name):
                import_module(module_name).load(stdout=self.stdout)
        for line in demo_accounts.create():
            self.stdout.write(line)
