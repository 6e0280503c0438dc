import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext_lazy

from plenary.core.errors import ServiceError, show_error
from plenary.invitations.services import InvitationError
from plenary.programme.services import SeatError
from plenary.registration.services import RegistrationError


def request_with_messages():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_every_app_error_is_a_service_error():
    assert [issubclass(error, ServiceError) for error in (RegistrationError, SeatError, InvitationError)] == [
        True,
        True,
        True,
    ]


def test_a_service_error_keeps_its_message_and_code():
    error = SeatError("The session is full.", code="full")
    assert (str(error), error.message, error.code) == ("The session is full.", "The session is full.", "full")


def test_show_error_shows_the_message_in_the_users_language():
    request = request_with_messages()
    with translation.override("fr"):
        show_error(
            request, RegistrationError(gettext_lazy("This person is already registered for this track."))
        )
    assert [(message.level_tag, message.message) for message in get_messages(request)] == [
        ("error", "Cette personne est déjà inscrite à ce volet.")
    ]


@pytest.mark.parametrize(
    "error, shown",
    [
        (InvitationError("No letter template."), ["No letter template."]),
        (ValidationError(["Too late.", "Too much."]), ["Too late.", "Too much."]),
    ],
)
def test_show_error_shows_each_message(error, shown):
    request = request_with_messages()
    show_error(request, error)
    assert [message.message for message in get_messages(request)] == shown
