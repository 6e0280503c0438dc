from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class CoreConfig(AppConfig):
    default = True  # this module also holds BackgroundTasksConfig
    name = "plenary.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from plenary.core import receivers, rules

        receivers.connect()
        rules.load_rules()


class BackgroundTasksConfig(TasksAppConfig):
    """django-tasks-db's tables, under a name the back office shows in the user's language."""

    verbose_name = _("Background tasks")
