"""Login rules: accounts are made by the secretariat or by an invitation, never by sign-up."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def format_email_subject(self, subject) -> str:
        return f"plenary · {subject}"

    def send_mail(self, template_prefix, email, context):
        """allauth's e-mails (login codes) signed with plenary's address, not the request's host."""
        super().send_mail(template_prefix, email, {**context, "site_url": settings.SITE_URL})


def user_display(user) -> str:
    full_name = user.get_full_name().strip()
    return full_name or user.email or user.get_username()
