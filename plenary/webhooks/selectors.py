from plenary.webhooks.models import Delivery, Endpoint

RECENT_DELIVERIES = 200


def endpoints():
    return Endpoint.objects.select_related("track").order_by("track__slug", "name", "pk")


def recent_deliveries(endpoint: Endpoint):
    """The endpoint's newest deliveries first, each with its last response (body left out)."""
    return Delivery.objects.filter(endpoint=endpoint).defer("body").order_by("-pk")[:RECENT_DELIVERIES]
