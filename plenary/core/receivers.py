"""Signal receivers of core, connected in CoreConfig.ready."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.signals import authenticator_added
from django.db.models.signals import pre_save

from plenary.core.fields import clean_stored_text


def second_factor_given_at_activation(sender, request, user, authenticator, **kwargs):
    """Setting up the authenticator app takes a valid code from it: that is the session's second
    factor, so the secretariat is not asked for a second code straight after."""
    if request is not None:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)


def connect() -> None:
    authenticator_added.connect(second_factor_given_at_activation, dispatch_uid="plenary.second_factor")
    pre_save.connect(clean_stored_text, dispatch_uid="plenary.core.clean_stored_text")
