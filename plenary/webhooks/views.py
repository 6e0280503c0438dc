"""The secretariat's webhook pages: endpoints, their secret, every delivery and "send again"."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plenary.core.errors import ServiceError, show_error
from plenary.core.permissions import secretariat_required
from plenary.webhooks import selectors, services
from plenary.webhooks.forms import EndpointForm
from plenary.webhooks.models import Delivery, Endpoint


@secretariat_required
def endpoints(request):
    form = EndpointForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint = services.create_endpoint(actor=request.user, **form.cleaned_data)
        except ServiceError as error:
            show_error(request, error)
        else:
            messages.success(request, _("Endpoint added. Give its secret to the receiving system."))
            return redirect("webhooks:endpoint", endpoint.pk)
    return render(request, "webhooks/endpoints.html", {"endpoints": selectors.endpoints(), "form": form})


@secretariat_required
def endpoint_page(request, pk):
    endpoint = get_object_or_404(Endpoint.objects.select_related("track"), pk=pk)
    return render(
        request,
        "webhooks/endpoint.html",
        {"endpoint": endpoint, "deliveries": selectors.recent_deliveries(endpoint)},
    )


@secretariat_required
@require_POST
def pause(request, pk):
    services.pause(endpoint=get_object_or_404(Endpoint, pk=pk), actor=request.user)
    return redirect("webhooks:endpoint", pk)


@secretariat_required
@require_POST
def resume(request, pk):
    services.resume(endpoint=get_object_or_404(Endpoint, pk=pk), actor=request.user)
    return redirect("webhooks:endpoint", pk)


@secretariat_required
@require_POST
def rotate_secret(request, pk):
    services.rotate_secret(endpoint=get_object_or_404(Endpoint, pk=pk), actor=request.user)
    messages.success(request, _("New secret made. Deliveries are signed with it from now on."))
    return redirect("webhooks:endpoint", pk)


@secretariat_required
@require_POST
def send_again(request, pk):
    delivery = get_object_or_404(Delivery.objects.select_related("endpoint"), pk=pk)
    try:
        services.send_again(delivery=delivery, actor=request.user)
    except ServiceError as error:
        show_error(request, error)
    else:
        messages.success(request, _("The delivery will be sent again, with the same id."))
    return redirect("webhooks:endpoint", delivery.endpoint_id)
