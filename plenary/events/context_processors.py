from django.utils.functional import SimpleLazyObject

from plenary.events.selectors import current_track_or_none


def secretariat_track(request):
    """The current track for the secretariat's menu; looked up only when a staff page shows it."""
    return {"secretariat_track": SimpleLazyObject(current_track_or_none)}
