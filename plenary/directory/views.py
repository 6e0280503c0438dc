from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from plenary.directory import selectors
from plenary.directory.models import Parliament


@login_required
def parliament_detail(request, pk: int):
    """A parliament's contacts: for the secretariat and that parliament's focal points only."""
    try:
        parliament = selectors.parliaments_visible_to(request.user).get(pk=pk)
    except Parliament.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "directory/parliament_detail.html",
        {"parliament": selectors.parliament_with_people(parliament)},
    )
