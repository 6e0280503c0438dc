"""`plenary privacy status [--track SLUG]`: per track, what each kind of personal data is kept for, the
day it goes, how many records still hold it, and the erasure requests waiting; `plenary privacy apply`
runs the daily retention job at once."""

from django.core.management.base import BaseCommand, CommandError

from plenary.events.models import Track
from plenary.privacy import selectors, services
from plenary.privacy.models import ErasureRequest


class Command(BaseCommand):
    help = "Show what personal data is due to be purged when, or purge what is due now."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        status = actions.add_parser(
            "status", help="each track's retention schedule and open erasure requests"
        )
        status.add_argument("--track", help="one track's short name (all tracks by default)")
        actions.add_parser("apply", help="purge or anonymise what is due now (the daily job)")

    def handle(self, *args, action, **options):
        if action == "apply":
            for slug, counts in services.apply_due_retention().items():
                self.stdout.write(
                    f"{slug}: " + ", ".join(f"{kind} {count}" for kind, count in counts.items())
                )
            return
        tracks = Track.objects.select_related("forum").order_by("start_date", "pk")
        if options["track"]:
            tracks = tracks.filter(slug=options["track"])
            if not tracks:
                raise CommandError(f"No track {options['track']!r}.")
        for track in tracks:
            self.track_status(track)

    def track_status(self, track):
        self.stdout.write(f"{track.slug} (last day {track.end_date.isoformat()})")
        for row in selectors.retention_schedule(track):
            state = "due" if row.is_due else "kept"
            self.stdout.write(
                f"  {row.kind:<13}{row.days_kept:>5} days  goes on {row.due_on.isoformat()}  "
                f"{state:<5}{row.remaining:>6} held"
            )
        waiting = selectors.erasure_requests(track).filter(status=ErasureRequest.Status.OPEN).count()
        self.stdout.write(f"  erasure requests waiting: {waiting}")
