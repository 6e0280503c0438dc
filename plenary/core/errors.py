"""The one error type services raise when a rule refuses a change, and the one way views show it."""

from django.contrib import messages
from django.core.exceptions import ValidationError


class ServiceError(Exception):
    """A rule refused the change: `message` is translated and safe to show; `code` names the rule."""

    def __init__(self, message, code=None):
        super().__init__(str(message))
        self.message = message
        self.code = code


def error_messages(error: ServiceError | ValidationError) -> list[str]:
    """What the user reads: a service's message, or each message of a validation error."""
    if isinstance(error, ServiceError):
        return [str(error.message)]
    return list(error.messages)


def show_error(request, error: ServiceError | ValidationError) -> None:
    """Show a refused change on the next page, in the user's language."""
    for message in error_messages(error):
        messages.error(request, message)
