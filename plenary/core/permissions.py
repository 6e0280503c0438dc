"""Who may see what. Every view that shows a parliament's data asks here."""

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
