"""Login rules: accounts are made by the secretariat or by an invitation, never by sign-up."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False


def user_display(user) -> str:
    full_name = user.get_full_name().strip()
    return full_name or user.email or user.get_username()
