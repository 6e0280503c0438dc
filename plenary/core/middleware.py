from django.urls import Resolver404, resolve

from plenary.core.permissions import needs_second_factor, passed_second_factor, second_factor_redirect

# What a user who still owes the second factor may open: the pages that take it, and the way out.
SECOND_FACTOR_PAGES = frozenset(
    {
        "account_login",
        "account_logout",
        "account_reauthenticate",
        "account_request_reauthentication_code",
        "account_confirm_reauthentication_code",
        "mfa_authenticate",
        "mfa_reauthenticate",
        "mfa_activate_totp",
        "set_language",
    }
)


class SecondFactorMiddleware:
    """Backs `secretariat_required`: whoever may act as secretariat (staff, superusers, secretariat
    and reviewer roles) opens nothing but the second-factor pages until they have used their
    authenticator app in this session, whatever the page, whatever the way they logged in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not passed_second_factor(request)
            and needs_second_factor(user)
            and not self._takes_the_second_factor(request)
        ):
            return second_factor_redirect(request)
        return self.get_response(request)

    @staticmethod
    def _takes_the_second_factor(request) -> bool:
        try:
            return resolve(request.path_info).url_name in SECOND_FACTOR_PAGES
        except Resolver404:
            return False
