"""Demo accounts for `plenary load_demo`; refused in production."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from plenary.core.models import Role, RoleAssignment


def reverse_in_english(name: str) -> str:
    with translation.override("en"):
        return reverse(name)


SECRETARIAT_EMAIL = "secretariat@example.org"
SECRETARIAT_PASSWORD = "demo-secretariat-2023"  # noqa: S105 - a documented demo account
FOCAL_POINT_EMAIL = "focal.jpn@example.org"
EGYPT_FOCAL_POINT_EMAIL = "focal.egy@example.org"
FOCAL_POINTS = [("JPN", "Japan", FOCAL_POINT_EMAIL), ("EGY", "Egypt", EGYPT_FOCAL_POINT_EMAIL)]


def _user(email: str, **fields):
    user, _ = get_user_model().objects.update_or_create(username=email, defaults={"email": email, **fields})
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def code_login_user(email: str, **fields):
    """A demo user who logs in by e-mailed code: no password to ask for, even when reauthenticating."""
    user = _user(email, **fields)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return user


def secretariat_user():
    """The demo secretariat, who acts in the demo data where a secretariat member would."""
    staff = _user(
        SECRETARIAT_EMAIL, is_staff=True, is_superuser=True, first_name="Demo", last_name="Secretariat"
    )
    if not staff.check_password(SECRETARIAT_PASSWORD):
        staff.set_password(SECRETARIAT_PASSWORD)
        staff.save(update_fields=["password"])
    RoleAssignment.objects.get_or_create(user=staff, role=Role.SECRETARIAT, parliament=None)
    return staff


def _focal_point(iso3: str, country: str, email: str) -> bool:
    from plenary.directory.models import Parliament

    parliament = Parliament.objects.filter(country__iso3=iso3).first()
    if parliament is None:
        return False
    focal = code_login_user(email, first_name="Demo", last_name=f"Focal Point ({country})")
    RoleAssignment.objects.get_or_create(user=focal, role=Role.FOCAL_POINT, parliament=parliament)
    return True


@transaction.atomic
def create() -> list[str]:
    if settings.PRODUCTION:
        raise ImproperlyConfigured("Demo accounts are never created in production.")
    staff = secretariat_user()
    totp = Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).first()
    secret = decrypt(totp.data["secret"]) if totp else None
    if secret is None:
        secret = generate_totp_secret()
        TOTP.activate(staff, secret)

    lines = [
        f"Demo secretariat (back office): {settings.SITE_URL}{reverse_in_english('account_login')}",
        f"  e-mail {SECRETARIAT_EMAIL}, password {SECRETARIAT_PASSWORD}",
        f"  authenticator app secret (TOTP) {secret}; or run `plenary demo_totp` for the current code",
    ]
    focal_points = [
        f"Demo focal point of {country}'s parliament: log in with {email} and 'send me a code';"
        for iso3, country, email in FOCAL_POINTS
        if _focal_point(iso3, country, email)
    ]
    if focal_points:
        lines += focal_points
        lines.append("  the code is printed by the server (e-mail goes to the console in the demo).")
    return lines
