"""Batch documents: the cost of one document on the batch path against bare WeasyPrint on the same
HTML, and the list of participants for 1,000 people against bare WeasyPrint of its HTML.

    .venv/bin/python bench/documents.py [--quick] [--people N]

The batch path is what a worker process does per chunk (read the registrations, write the HTML,
WeasyPrint, fonts checked); the baseline is `weasyprint.HTML(string=html).write_pdf()`, tagged
PDF/UA-1 as plenary's are, on the HTML the batch path wrote. Rounds alternate the two so that other
work on the machine weighs on both.
It builds its own SQLite database (reference data, the IGF 2023 demo, N registrations checked in).
"""

import argparse
import statistics
import tempfile

import _harness as harness


def setup(var_dir: str) -> None:
    harness.start_django(var_dir)
    from plenary.events import demo as events_demo

    events_demo.load()


def people(track, count: int) -> list[int]:
    """`count` confirmed onsite registrations spread over the parliaments, consenting to the list and
    checked in on the first day, written in bulk (the bench measures documents, not registering)."""
    from django.utils import timezone

    from plenary.directory.models import Parliament, Person
    from plenary.registration import services
    from plenary.registration.models import CheckIn, Registration

    parliaments = list(Parliament.objects.select_related("country").order_by("id")[:150])
    delegations = {p.pk: services.delegation_for(track=track, parliament=p) for p in parliaments}
    now = timezone.now()
    persons = Person.objects.bulk_create(
        Person(parliament=parliaments[n % len(parliaments)], given_name="Amal", family_name=f"Delegate {n}")
        for n in range(count)
    )
    registrations = Registration.objects.bulk_create(
        Registration(
            track=track,
            person=person,
            delegation=delegations[person.parliament_id],
            status=Registration.Status.CONFIRMED,
            queue_number=n + 1,
            language=("ar", "en", "fr", "ru", "es", "zh-hans")[n % 6],
            email=f"delegate{n}@example.org",
            given_name=person.given_name,
            family_name=person.family_name,
            name_arabic="أمل حداد" if n % 6 == 0 else "",
            functions="Member of the Committee on Digital Affairs",
            nationality=person.parliament.country,
            consent_at=now,
            consent_language="en",
            list_consent_at=now,
            list_consent_language="en",
            list_consent_version="bench",
        )
        for n, person in enumerate(persons)
    )
    CheckIn.objects.bulk_create(
        CheckIn(registration=registration, day=track.start_date, at=now) for registration in registrations
    )
    return [registration.pk for registration in registrations]


def report(title: str, times: dict, per: int, baseline: str, measured: str) -> None:
    base, ours = statistics.median(times[baseline]), statistics.median(times[measured])
    print(f"{title}:")
    print(f"  {baseline:<28} {1000 * base / per:8.1f} ms per document")
    print(f"  {measured:<28} {1000 * ours / per:8.1f} ms per document")
    print(f"  ratio {measured} / {baseline}: {ours / base:.2f} (goal <= 1.2)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run")
    parser.add_argument("--people", type=int, help="people in the list of participants (default 1000)")
    args = parser.parse_args()
    listed = args.people or (200 if args.quick else 1000)
    rounds = 4 if args.quick else 10

    with tempfile.TemporaryDirectory(prefix="plenary-bench-") as var_dir:
        setup(var_dir)
        from weasyprint import HTML

        from plenary.core.pdf import PDF_VARIANT
        from plenary.documents import rendering, services
        from plenary.events.models import Track
        from plenary.registration import documents as registration_documents
        from plenary.registration.models import Registration

        track = Track.objects.get(slug="igf2023-pt")
        pks = people(track, listed)
        chunk = tuple(pks[: services.CHUNK_SIZE])
        registrations = list(
            Registration.objects.select_related("track__forum", "delegation__parliament__country").filter(
                pk__in=chunk
            )
        )
        certificate_html = [rendering.certificate_html(registration) for registration in registrations]
        badge_chunk = services.Chunk("badges", chunk)
        certificate_chunk = services.Chunk("certificates", chunk)
        # The badge chunk's HTML as the batch path writes it (one page per badge).
        from django.template.loader import render_to_string

        badge_html = render_to_string(
            "registration/pdf/badges.html",
            {
                "track": track,
                "forum": track.forum,
                "badges": [registration_documents._badge(registration) for registration in registrations],
                "size": "a6",
            },
        )
        print(f"{len(chunk)} documents a chunk, {rounds} alternating rounds, medians")
        times = harness.alternate(
            rounds,
            {
                "bare WeasyPrint": lambda: [
                    HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT) for html in certificate_html
                ],
                "batch path": lambda: services._render_chunk(certificate_chunk),
            },
        )
        report("Certificates of attendance", times, len(chunk), "bare WeasyPrint", "batch path")
        times = harness.alternate(
            rounds,
            {
                "bare WeasyPrint": lambda: HTML(string=badge_html).write_pdf(pdf_variant=PDF_VARIANT),
                "batch path": lambda: services._render_chunk(badge_chunk),
            },
        )
        report("Badges (one PDF a chunk)", times, len(chunk), "bare WeasyPrint", "batch path")

        list_html = rendering.participants_html(track, "ar")
        list_rounds = 2 if args.quick else 5
        times = harness.alternate(
            list_rounds,
            {
                "bare WeasyPrint": lambda: HTML(string=list_html).write_pdf(pdf_variant=PDF_VARIANT),
                "list of participants": lambda: rendering.participants_pdf(track, "ar"),
            },
        )
        report(
            f"List of participants, {listed} people, Arabic ({list_rounds} rounds)",
            times,
            1,
            "bare WeasyPrint",
            "list of participants",
        )


if __name__ == "__main__":
    main()
