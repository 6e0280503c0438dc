from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from plenary.events.models import Track
from plenary.invitations import selectors, services


class Command(BaseCommand):
    help = "Send a track's invitations (letter PDF and documents attached) through the mail outbox."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        send = commands.add_parser("send", help="queue the invitation e-mails of every draft invitation")
        send.add_argument("--track", required=True)
        send.add_argument("--dry-run", action="store_true", help="list what would go out, send nothing")
        send.add_argument("--only", help="ISO3 codes, e.g. JPN,FRA")
        send.add_argument(
            "--skip-problems",
            action="store_true",
            help="send to the others, leaving out those with a problem",
        )
        status = commands.add_parser("status", help="each invitation's status, following the outbox")
        status.add_argument("--track", required=True)

    def handle(self, *args, action, track, dry_run=False, only=None, skip_problems=False, **options):
        try:
            track_obj = Track.objects.select_related("forum").get(slug=track)
        except Track.DoesNotExist:
            raise CommandError(f"No track {track!r}.") from None
        if action == "status":
            self.status(track_obj)
            return
        codes = [code.strip().upper() for code in only.split(",") if code.strip()] if only else None
        if codes:
            known = set(
                track_obj.invited_parliaments.filter(country__iso3__in=codes).values_list(
                    "country__iso3", flat=True
                )
            )
            unknown = sorted(set(codes) - known)
            if unknown:
                raise CommandError(f"Not invited to {track}: {', '.join(unknown)}.")
        try:
            plan = services.send_invitations(
                track=track_obj, only=codes, dry_run=dry_run, skip_problems=skip_problems
            )
        except services.InvitationError as error:
            raise CommandError(str(error)) from None
        for invitation, problem in plan.problems:
            self.stderr.write(f"{invitation.parliament.country.iso3} {invitation.parliament}: {problem}")
        summary = f"{len(plan.ready)} parliaments, {plan.emails} e-mail addresses"
        if plan.problems and not skip_problems:
            raise CommandError(
                f"Nothing sent: {len(plan.problems)} problem(s) listed above ({summary} without a problem);"
                " fix them, leave those parliaments out with --only,"
                " or send to the others with --skip-problems."
            )
        if dry_run:
            for invitation in plan.ready:
                self.stdout.write(
                    f"{invitation.reference}  {invitation.parliament.country.iso3}  to {invitation.to_email}"
                    f"  cc {', '.join(invitation.cc) or '-'}  languages {','.join(invitation.languages)}"
                )
            self.stdout.write(f"Dry run: would send to {summary}.")
        else:
            skipped = (
                f"; skipped: {', '.join(i.parliament.country.iso3 for i in plan.skipped)}"
                if plan.skipped
                else ""
            )
            self.stdout.write(f"Queued: {len(plan.sent)} invitations ({summary}){skipped}.")

    def status(self, track):
        invitations = list(selectors.invitations_of(track))
        services.refresh_statuses(invitations)
        for invitation in invitations:
            error = f"  {invitation.last_error}" if invitation.last_error else ""
            self.stdout.write(
                f"{invitation.reference}  {invitation.parliament.country.iso3}  {invitation.status}{error}"
            )
        counts = Counter(invitation.status for invitation in invitations)
        self.stdout.write(", ".join(f"{status}: {count}" for status, count in sorted(counts.items())) or "-")
