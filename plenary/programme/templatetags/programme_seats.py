"""The session-seat block other apps' pages include (the registration status page)."""

from django import template

from plenary.programme import selectors

register = template.Library()


@register.inclusion_tag("programme/seats/_registration_seats.html")
def registration_session_seats(registration, token):
    """A delegate's seats at sessions with limited places, acted on through their personal link."""
    return {
        "registration": registration,
        "token": token,
        "track": registration.track,
        "rows": selectors.seat_rows_for_registration(registration),
    }
