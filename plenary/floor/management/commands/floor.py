"""`plenary floor verify <list>`: recompute a speakers' list's drawing of lots from its published seed."""

import json

from django.core.management.base import BaseCommand, CommandError

from plenary.floor.models import Draw
from plenary.floor.verification import verify


class Command(BaseCommand):
    help = "Speakers' lists: `verify <list id>` recomputes the drawing of lots and compares it."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        verify_parser = actions.add_parser("verify", help="recompute a list's draw from its published seed")
        verify_parser.add_argument("list", type=int, help="the speakers' list's id (shown on its pages)")

    def handle(self, *args, action, **options):
        published = Draw.objects.filter(speakers_list_id=options["list"], drawn_at__isnull=False).first()
        if published is None:
            raise CommandError(f"Speakers' list {options['list']} has no drawing of lots.")
        verdict = verify(published)
        self.stdout.write(f"commitment {published.commitment}")
        self.stdout.write(f"announced value {json.dumps(published.announced_value, ensure_ascii=False)}")
        self.stdout.write(f"algorithm {published.algorithm}")
        self.stdout.write(f"order {' '.join(str(number) for number in verdict.recomputed_order)}")
        checks = {
            "the commitment is the SHA-256 of the published requests": verdict.commitment_matches,
            "the recomputed order is the stored order": verdict.order_matches,
        }
        for label, passed in checks.items():
            self.stdout.write(f"{'ok' if passed else 'MISMATCH'}: {label}")
        if not verdict.places_match:
            self.stdout.write("note: delegations swapped places since the draw (audit action floor.swapped)")
        if not verdict.agrees:
            raise CommandError("The draw does not verify.")
        self.stdout.write("verified")
