from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from plenary.core.permissions import is_secretariat, parliament_ids_for


@login_required
def after_login(request):
    """Send each user where their work is."""
    if request.user.is_staff and is_secretariat(request.user):
        return redirect("admin:index")
    parliaments = sorted(parliament_ids_for(request.user))
    if parliaments:
        return redirect("directory:parliament", pk=parliaments[0])
    return redirect("events:current_track")
