"""Signals other apps listen to, so that registration never imports them."""

from django.dispatch import Signal

# Sent inside the registration's transaction (the track's capacity row and the registration row
# locked) when a registration stops holding an onsite seat at the track: cancelled, rejected or
# switched to online. Arguments: `registration`, `actor`. The programme frees its session seats.
onsite_seat_released = Signal()
