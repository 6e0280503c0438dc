"""plenary's own "page not found", in every mode: never Django's technical page, which lists the URL
patterns (and the settings) when DEBUG is on."""

from django.http import HttpResponseNotFound
from django.shortcuts import render
from django.template.loader import render_to_string

TEMPLATE = "core/404.html"


def page_not_found(request, exception=None):
    """handler404: what a visitor sees for an address that leads nowhere, with DEBUG off."""
    return render(request, TEMPLATE, status=404)


class NotFoundPageMiddleware:
    """With DEBUG on, Django answers an unknown address or an Http404 with its technical page, an
    HttpResponseNotFound; plenary's pages that answer 404 (the 404 page itself, an invalid personal
    link) are rendered responses. The technical page's body is replaced by plenary's 404 page, keeping
    the headers and cookies the other middleware set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotFound):
            response.content = render_to_string(TEMPLATE, request=request)
            response["Content-Type"] = "text/html; charset=utf-8"
        return response
