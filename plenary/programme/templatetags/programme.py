import datetime as dt

from django import template

register = template.Library()


@register.filter
def instant(value: dt.datetime) -> str:
    """An aware datetime as an ISO 8601 UTC instant, for <time datetime> and the local-time script."""
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
