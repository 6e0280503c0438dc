"""Mail merge speed: letters per second, the cost of templating and the database over bare WeasyPrint
(both tagged PDF/UA-1), what tagging costs, and the speed-up from one to two processes.

    .venv/bin/python bench/letters.py [--quick] [--letters N]

It builds its own SQLite database (reference data and the IGF 2023 demo) in a temporary directory.
"""

import argparse
import os
import tempfile
from pathlib import Path

import _harness as harness

ROOT = harness.ROOT


def setup(var_dir: str) -> None:
    harness.start_django(var_dir)
    from plenary.events import demo as events_demo
    from plenary.invitations import demo as invitations_demo

    events_demo.load()
    invitations_demo.load()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (6 letters)")
    parser.add_argument("--letters", type=int, help="how many letters (default 16, quick 6)")
    args = parser.parse_args()
    count = args.letters or (6 if args.quick else 16)
    rounds = 2 if args.quick else 3

    with tempfile.TemporaryDirectory(prefix="plenary-bench-") as var_dir:
        setup(var_dir)
        from weasyprint import HTML

        from plenary.core.pdf import PDF_VARIANT
        from plenary.events.models import Track
        from plenary.invitations import letters, services

        track = Track.objects.get(slug="igf2023-pt")
        out = Path(var_dir) / "letters"
        out.mkdir()
        jobs = services.merge_jobs(track, out, ["ar", "en"])[:count]
        parliaments = list(
            track.invited_parliaments.select_related("country").order_by("country__iso3")[:count]
        )

        def build_html() -> list[str]:
            template = services.template_for(track)
            return [
                letters.letter_html(template, services.recipient_for(template, parliament), ["ar", "en"])
                for parliament in parliaments
            ]

        prebuilt = build_html()
        # Warm up fonts and caches once, outside the timings.
        HTML(string=prebuilt[0], base_url=str(ROOT)).write_pdf()

        best = harness.bests(
            harness.alternate(
                rounds,
                {
                    "bare": lambda: [
                        HTML(string=html, base_url=str(ROOT)).write_pdf(pdf_variant=PDF_VARIANT)
                        for html in prebuilt
                    ],
                    "untagged": lambda: [
                        HTML(string=html, base_url=str(ROOT)).write_pdf() for html in prebuilt
                    ],
                    "merge_1": lambda: services.run_jobs(jobs, processes=1),
                    "merge_2": lambda: services.run_jobs(jobs, processes=2),
                    "templating": build_html,
                },
            )
        )
        bare, untagged, merge_1, merge_2, templating = (
            best["bare"],
            best["untagged"],
            best["merge_1"],
            best["merge_2"],
            best["templating"],
        )

    print(
        f"letters: {count} (Arabic and English, 4 pages each), best of {rounds} rounds;"
        f" CPU cores: {os.cpu_count()}"
    )
    print(f"bare WeasyPrint, pre-built HTML, 1 process: {bare:6.2f} s  {count / bare:5.2f} letters/s")
    print(f"the same untagged (not PDF/UA-1):           {untagged:6.2f} s  tagging: {bare / untagged:4.2f}x")
    print(f"plenary merge, 1 process:                   {merge_1:6.2f} s  {count / merge_1:5.2f} letters/s")
    print(f"plenary merge, 2 processes:                 {merge_2:6.2f} s  {count / merge_2:5.2f} letters/s")
    print(f"merge / bare WeasyPrint (goal <= 1.15):     {merge_1 / bare:6.2f}x")
    print(f"speed-up from 1 to 2 processes:             {merge_1 / merge_2:6.2f}x")
    # The same ratio from its parts, less exposed to other work on the machine than the two wall-clock
    # runs above: database reads, placeholders, Markdown and the template, without WeasyPrint.
    print(
        f"templating and database work alone:         {templating:6.2f} s  "
        f"{1000 * templating / count:5.1f} ms a letter, {100 * templating / bare:4.1f} % of WeasyPrint's time"
    )


if __name__ == "__main__":
    main()
