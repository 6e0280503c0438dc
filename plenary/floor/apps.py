from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FloorConfig(AppConfig):
    name = "plenary.floor"
    verbose_name = _("Taking the floor")
