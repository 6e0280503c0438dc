from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from plenary.core.permissions import is_secretariat, parliament_ids_for


@login_required
def after_login(request):
    """Send each user where their work is: staff to the back office, focal points to their delegation."""
    if request.user.is_staff and is_secretariat(request.user):
        return redirect("admin:index")
    parliaments = sorted(parliament_ids_for(request.user))
    if parliaments and apps.is_installed("plenary.registration"):
        from plenary.events.selectors import current_track_or_none

        track = current_track_or_none()
        if track is not None:
            return redirect("registration:my_delegations", track=track.slug)
    if parliaments:
        return redirect("directory:parliament", pk=parliaments[0])
    return redirect("events:current_track")
