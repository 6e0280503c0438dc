import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plenary.core.languages import parse_language_list
from plenary.core.pdf import MissingFontError
from plenary.directory.models import Parliament
from plenary.events.models import Track
from plenary.invitations import services


def progress_bar(stream):
    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // total if total else width
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            stream.write("\n")
        stream.flush()

    return show


class Command(BaseCommand):
    help = "Render a track's invitation letter for one parliament, or merge the letters of all invited ones."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        render = commands.add_parser("render", help="one parliament's letter as a PDF")
        render.add_argument("--track", required=True)
        render.add_argument("--parliament", required=True, help="ISO3 code, e.g. JPN")
        render.add_argument("--out", required=True)
        render.add_argument(
            "--languages", help="e.g. ar,en (default: the parliament's correspondence languages)"
        )
        merge = commands.add_parser("merge", help="one PDF per invited parliament, named by ISO3 code")
        merge.add_argument("--track", required=True)
        merge.add_argument("--out", required=True, help="directory")
        merge.add_argument("--languages")
        merge.add_argument("--processes", type=int, help="worker processes (default: all CPU cores)")

    def handle(self, *args, action, track, languages=None, **options):
        try:
            track_obj = Track.objects.select_related("forum").get(slug=track)
        except Track.DoesNotExist:
            raise CommandError(f"No track {track!r}.") from None
        try:
            chosen = parse_language_list(languages) if languages else None
            if action == "render":
                self.render(track_obj, options["parliament"], Path(options["out"]), chosen)
            else:
                self.merge(track_obj, Path(options["out"]), chosen, options["processes"])
        except (ValueError, services.InvitationError, MissingFontError) as error:
            raise CommandError(str(error)) from None

    def render(self, track, iso3, out, languages):
        parliament = Parliament.objects.select_related("country").filter(country__iso3=iso3.upper()).first()
        if parliament is None:
            raise CommandError(f"No parliament with ISO3 code {iso3!r}.")
        out.write_bytes(services.render_letter(track=track, parliament=parliament, languages=languages))
        self.stdout.write(f"Wrote {out}")

    def merge(self, track, out, languages, processes):
        out.mkdir(parents=True, exist_ok=True)
        jobs = services.merge_jobs(track, out, languages)
        started = time.monotonic()
        results = services.run_jobs(jobs, processes=processes, progress=progress_bar(sys.stderr))
        elapsed = time.monotonic() - started
        failed = [result for result in results if result.error]
        for result in failed:
            self.stderr.write(f"Skipped {result.iso3}: {result.error}")
        skipped = f"; {len(failed)} skipped (listed above)" if failed else ""
        self.stdout.write(
            f"{len(results) - len(failed)} letters written to {out} in {elapsed:.1f} s{skipped}."
        )
