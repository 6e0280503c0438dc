"""Who may see what. Every view that shows a parliament's data asks here."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from plenary.core.models import Role, RoleAssignment


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


def secretariat_required(view):
    """Secretariat pages: a visitor not logged in is sent to the login page; anyone else who is not
    secretariat gets 404, as for another parliament's data, so the page's existence is not told."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_secretariat(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
