"""Registration's links on the pages of apps above it."""

from django import template

from plenary.registration import accounts

register = template.Library()


@register.simple_tag(takes_context=True)
def my_registration_url(context, track) -> str:
    """The logged-in user's registration page for `track`, or "" if they are not in a delegation."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return ""
    return accounts.member_page(user, track) or ""
