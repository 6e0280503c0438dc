"""Login rules: accounts are made by the secretariat or by an invitation, never by sign-up."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from plenary.core import ratelimits
from plenary.core.clients import client_address


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def format_email_subject(self, subject) -> str:
        return f"plenary · {subject}"

    def send_mail(self, template_prefix, email, context):
        """allauth's e-mails (login codes) signed with plenary's address, not the request's host."""
        super().send_mail(template_prefix, email, {**context, "site_url": settings.SITE_URL})

    def get_client_ip(self, request) -> str:
        return client_address(request)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """allauth's per-key limit on failed logins counts an account from one address."""
        return ratelimits.account_from_address(
            super()._get_login_attempts_cache_key(request, **credentials), request
        )

    def pre_authenticate(self, request, **credentials) -> None:
        ratelimits.refuse_while_backing_off("login_failed", login_of(credentials))
        super().pre_authenticate(request, **credentials)

    def authentication_failed(self, request, **credentials) -> None:
        ratelimits.record_attempt(request, "login_failed", login_of(credentials))


def login_of(credentials: dict) -> str:
    return credentials.get("email", credentials.get("username", ""))


def user_display(user) -> str:
    full_name = user.get_full_name().strip()
    return full_name or user.email or user.get_username()
