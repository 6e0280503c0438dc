"""Who may see what. Every view that shows a parliament's data asks here."""

from functools import wraps
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plenary.core.models import Role, RoleAssignment

# Roles that see people of every parliament (passports, photos, applications): they work only after
# a second factor in the same session, as staff and superusers do.
SECOND_FACTOR_ROLES = (Role.SECRETARIAT, Role.REVIEWER)
ENTER_THE_CODE = _("Your work for the secretariat opens with the code from your authenticator app.")
SET_UP_THE_APP = _(
    "Your work for the secretariat opens only with a second factor: set up an authenticator app to go on."
)


def has_role(user, role: Role) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return RoleAssignment.objects.filter(user=user, role=role).exists()


def is_secretariat(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or has_role(user, Role.SECRETARIAT)


def parliament_ids_for(user, *roles: Role) -> set[int]:
    """The parliaments `user` acts for in any of `roles` (default: focal point)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    roles = roles or (Role.FOCAL_POINT,)
    return set(
        RoleAssignment.objects.filter(user=user, role__in=roles, parliament__isnull=False).values_list(
            "parliament_id", flat=True
        )
    )


def can_view_parliament(user, parliament_id: int) -> bool:
    return is_secretariat(user) or parliament_id in parliament_ids_for(user)


def require_parliament_access(user, parliament_id: int) -> None:
    """Raise 404, not 403, so that an outsider learns nothing, not even that the id exists."""
    if not can_view_parliament(user, parliament_id):
        raise Http404


def needs_second_factor(user) -> bool:
    """Whoever may act for the secretariat anywhere: staff, superusers, secretariat and reviewers."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return RoleAssignment.objects.filter(user=user, role__in=SECOND_FACTOR_ROLES).exists()


def passed_second_factor(request) -> bool:
    """The authenticator app (TOTP) or a recovery code was used in this session, by this user."""
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


def second_factor_redirect(request):
    """To the authenticator code page, or to setting up the app for one who has none yet."""
    has_app = request.user.authenticator_set.filter(type="totp").exists()
    page = reverse("mfa_reauthenticate" if has_app else "mfa_activate_totp")
    messages.info(request, ENTER_THE_CODE if has_app else SET_UP_THE_APP, fail_silently=True)
    return redirect(f"{page}?{urlencode({'next': request.get_full_path()}, safe='/')}")


def secretariat_required(view):
    """Secretariat pages: a visitor not logged in is sent to the login page; anyone else who is not
    secretariat gets 404, as for another parliament's data, so the page's existence is not told;
    the secretariat is asked for its second factor if it has not given it in this session."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_secretariat(request.user):
            raise Http404
        if not passed_second_factor(request):
            return second_factor_redirect(request)
        return view(request, *args, **kwargs)

    wrapper.requires_secretariat = True
    return wrapper
