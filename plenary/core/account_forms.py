"""allauth's forms that e-mail an account, limited per account and address (see core.ratelimits)."""

from allauth.account import forms
from allauth.core import context

from plenary.core import accounts
from plenary.core.ratelimits import limit_account_request


class RequestLoginCodeForm(forms.RequestLoginCodeForm):
    def clean_email(self) -> str:
        """Within the limits, the code goes to the account for the address in any case, made now
        for a known person who has none; any other address gets the same answer and no mail."""
        email = super().clean_email()
        if email:
            limit_account_request(context.request, "request_login_code", email)
            self._user = accounts.account_for_login(email, found=self._user)
        return email


class ResetPasswordForm(forms.ResetPasswordForm):
    def clean_email(self) -> str:
        email = super().clean_email()
        limit_account_request(context.request, "reset_password", email)
        return email
