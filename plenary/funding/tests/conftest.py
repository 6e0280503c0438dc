import pytest


@pytest.fixture(autouse=True)
def run_tasks_at_once(settings):
    """Selection runs explain themselves in a task: here it runs inside the request or the call."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
