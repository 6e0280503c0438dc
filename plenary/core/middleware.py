from django.shortcuts import redirect
from django.urls import reverse


class StaffTOTPRequiredMiddleware:
    """Secretariat staff reach the back office only once they have set up an authenticator app."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.is_staff
            and request.path.startswith(reverse("admin:index"))
            and not user.authenticator_set.filter(type="totp").exists()
        ):
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return self.get_response(request)
