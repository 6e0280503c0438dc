"""Recompute a published drawing of lots and compare it with what was stored and applied."""

from dataclasses import dataclass

from plenary.floor import draw
from plenary.floor.models import Draw, Request


@dataclass(frozen=True)
class Verdict:
    commitment_matches: bool
    order_matches: bool
    places_match: bool
    recomputed_order: list

    @property
    def agrees(self) -> bool:
        """The published seed gives the stored order. The places may differ after a delegation swapped
        its own (audited as floor.swapped), so they are reported, not required."""
        return self.commitment_matches and self.order_matches


def recompute(requests: list[list], announced_value: str) -> tuple[str, list]:
    """From the published requests and value alone: the commitment and the order of request numbers."""
    commitment = draw.commitment(requests)
    return commitment, draw.shuffled([row[0] for row in requests], draw.seed(commitment, announced_value))


def verify(published: Draw) -> Verdict:
    commitment, order = recompute(published.requests, published.announced_value)
    by_place = Request.objects.filter(
        speakers_list=published.speakers_list, number__in=[row[0] for row in published.requests]
    ).order_by("position")
    return Verdict(
        commitment_matches=commitment == published.commitment,
        order_matches=order == published.order,
        places_match=list(by_place.values_list("number", flat=True)) == order,
        recomputed_order=order,
    )
