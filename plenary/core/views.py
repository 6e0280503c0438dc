from pathlib import PurePosixPath

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect

from plenary.core import accounts, private_files
from plenary.core.permissions import is_secretariat, parliament_ids_for


@login_required
def after_login(request):
    """Send each user where their work is: staff to the back office, the people the apps know to the
    page each names (a focal point's delegations; a delegate's travel funding when they may apply or
    have applied, else their registration; a member's registration; a speaker's programme), other
    focal points to their parliament."""
    if request.user.is_staff and is_secretariat(request.user):
        return redirect("admin:index")
    page = accounts.landing_page(request.user)
    if page:
        return redirect(page)
    parliaments = sorted(parliament_ids_for(request.user))
    if parliaments:
        return redirect("directory:parliament", pk=parliaments[0])
    return redirect("events:current_track")


def private_file(request, name):
    """A personal file, to whoever may see the record that holds it; 404 to anyone else."""
    file = private_files.file_for(request.user, name)
    if file is None or not file.storage.exists(file.name):
        raise Http404
    response = FileResponse(file.open("rb"), filename=PurePosixPath(file.name).name)
    response["Cache-Control"] = "private, no-store"
    return response
