"""What the programme does when another app tells it something happened."""

from django.dispatch import receiver

from plenary.programme import services
from plenary.registration.models import Registration
from plenary.registration.signals import onsite_seat_released


@receiver(onsite_seat_released, sender=Registration, dispatch_uid="programme.release_session_seats")
def release_session_seats(sender, *, registration, actor, **kwargs) -> None:
    """A delegate without an onsite seat at the track keeps no seat at its sessions."""
    services.release_seats_of(registration=registration, actor=actor)
