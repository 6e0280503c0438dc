"""A focal point's page of API tokens for its own delegation: create one (its secret shown once),
see when each was last used, revoke one."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from plenary.api import selectors, services
from plenary.api.forms import FocalPointTokenForm
from plenary.core.ids import parse_id
from plenary.core.models import Role
from plenary.core.permissions import is_secretariat, parliament_ids_for
from plenary.directory.models import Parliament
from plenary.events.models import Track


@login_required
@require_http_methods(["GET", "POST"])
def delegation_tokens(request, track, parliament):
    track = get_object_or_404(Track, slug=track)
    if parliament not in parliament_ids_for(request.user, Role.FOCAL_POINT):
        if is_secretariat(request.user):
            return redirect("admin:api_apitoken_add")
        raise Http404
    parliament = get_object_or_404(
        Parliament.objects.select_related("country"), pk=parliament, tracks_invited_to=track
    )
    here = reverse("api_tokens:delegation", kwargs={"track": track.slug, "parliament": parliament.pk})
    if request.method == "POST" and request.POST.get("action") == "revoke":
        _revoke(request, track, parliament)
        return redirect(here)
    form, secret = _created(request, track, parliament)
    context = {
        "track": track,
        "parliament": parliament,
        "form": form,
        "secret": secret,
        "here": here,
        "tokens": selectors.focal_point_tokens(request.user, track, parliament),
        "delegation_page": reverse(
            "registration:delegation", kwargs={"track": track.slug, "parliament": parliament.pk}
        ),
    }
    response = render(request, "api/delegation_tokens.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _revoke(request, track, parliament) -> None:
    tokens = selectors.focal_point_tokens(request.user, track, parliament)
    token = get_object_or_404(tokens, pk=parse_id(request.POST.get("token")))
    services.revoke_token(token=token, actor=request.user)


def _created(request, track, parliament) -> tuple[FocalPointTokenForm, str | None]:
    """The form to show and, when it just made a token, that token's secret (shown this once)."""
    if request.method != "POST":
        return FocalPointTokenForm(), None
    form = FocalPointTokenForm(request.POST)
    if not form.is_valid():
        return form, None
    _token, secret = services.create_token(
        owner=request.user,
        name=form.cleaned_data["name"],
        scopes=form.cleaned_data["scopes"],
        track=track,
        expires_at=form.expires_at(),
        actor=request.user,
        parliament=parliament,
    )
    return FocalPointTokenForm(), secret
