from pathlib import PurePosixPath

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect

from plenary.core import accounts, private_files
from plenary.core.permissions import is_secretariat, parliament_ids_for


@login_required
def after_login(request):
    """Send each user where their work is: staff to the back office, focal points to their delegation,
    the people the apps know to the page each names (a delegate's funding, a member's registration,
    a speaker's programme)."""
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
    return redirect(accounts.landing_page(request.user) or "events:current_track")


def private_file(request, name):
    """A personal file, to whoever may see the record that holds it; 404 to anyone else."""
    file = private_files.file_for(request.user, name)
    if file is None or not file.storage.exists(file.name):
        raise Http404
    response = FileResponse(file.open("rb"), filename=PurePosixPath(file.name).name)
    response["Cache-Control"] = "private, no-store"
    return response
