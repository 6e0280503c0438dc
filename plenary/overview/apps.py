from django.apps import AppConfig


class OverviewConfig(AppConfig):
    name = "plenary.overview"
    verbose_name = "Overview"
