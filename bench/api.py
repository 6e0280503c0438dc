"""API speed: a page of 100 of 5,000 registrations, walking the whole list by cursor, and check-in
writes, each as a ratio to the bare one-row page (same token, same machine, same run).

    .venv/bin/python bench/api.py [--quick] [--registrations N]

It builds its own SQLite database (reference data and the IGF 2023 track) in a temporary directory;
the registrations are inserted in bulk (the services' speed is bench/registration.py's subject).
"""

import argparse
import datetime as dt
import tempfile

import _harness as harness


def setup(var_dir: str) -> None:
    harness.start_django(var_dir, PLENARY_API_RATE_PER_MINUTE="1000000000")
    from plenary.events import demo as events_demo

    events_demo.load()


def insert_registrations(track, count: int) -> list[str]:
    """`count` confirmed onsite registrations spread over 50 parliaments; their references."""
    from django.utils import timezone

    from plenary.directory.models import Parliament, Person
    from plenary.registration import services
    from plenary.registration.models import Registration

    parliaments = list(Parliament.objects.select_related("country").order_by("id")[:50])
    delegations = [services.delegation_for(track=track, parliament=parliament) for parliament in parliaments]
    people = Person.objects.bulk_create(
        Person(parliament=parliaments[n % 50], given_name="Bench", family_name=f"Delegate {n}")
        for n in range(count)
    )
    now = timezone.now()
    rows = Registration.objects.bulk_create(
        Registration(
            track=track,
            person=person,
            delegation=delegations[n % 50],
            reference=f"BENCH{n:05d}",
            status="confirmed",
            mode="onsite",
            queue_number=n + 1,
            email=f"bench{n}@example.org",
            given_name="Bench",
            family_name=f"Delegate {n}",
            nationality_id=parliaments[n % 50].country_id,
            days=[str(track.start_date)],
            consent_at=now,
            consent_language="en",
        )
        for n, person in enumerate(people)
    )
    return [row.reference for row in rows]


def best_of(rounds: int, function) -> float:
    return min(harness.alternate(rounds, {"run": function})["run"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (1,000 registrations)")
    parser.add_argument("--registrations", type=int, help="how many (default 5,000, quick 1,000)")
    args = parser.parse_args()
    count = args.registrations or (1000 if args.quick else 5000)
    rounds = 3 if args.quick else 5

    with tempfile.TemporaryDirectory(prefix="plenary-bench-") as var_dir:
        setup(var_dir)
        from django.test import Client
        from django.utils import timezone

        from plenary.api import services
        from plenary.core.models import Role
        from plenary.core.testing import make_user
        from plenary.events.models import Track

        track = Track.objects.get(slug="igf2023-pt")
        references = insert_registrations(track, count)
        owner = make_user("bench@example.org", Role.SECRETARIAT)
        _token, secret = services.create_token(
            owner=owner,
            name="bench",
            scopes=["read:registrations", "write:check-in"],
            track=track,
            expires_at=timezone.now() + dt.timedelta(days=1),
            actor=owner,
        )
        client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}", HTTP_HOST="127.0.0.1")
        url = f"/api/v1/tracks/{track.slug}/registrations"

        def get(path):
            response = client.get(path)
            assert response.status_code == 200, response.content
            return response.json()

        def walk():
            page = get(f"{url}?limit=100")
            while page["next_cursor"]:
                page = get(f"{url}?limit=100&cursor={page['next_cursor']}")

        scans = iter(references)

        def check_in():
            response = client.post(
                f"/api/v1/tracks/{track.slug}/check-ins",
                {"reference": next(scans), "day": str(track.start_date)},
                content_type="application/json",
            )
            assert response.status_code == 201, response.content

        one_row = best_of(rounds * 4, lambda: get(f"{url}?limit=1"))
        page = best_of(rounds * 4, lambda: get(f"{url}?limit=100"))
        whole = best_of(rounds, walk)
        write = best_of(rounds * 4, check_in)
        pages = -(-count // 100)
        print(f"{count} registrations, token with read:registrations and write:check-in")
        print(f"  bare one-row page             {one_row * 1000:8.2f} ms  (baseline)")
        print(f"  page of 100                   {page * 1000:8.2f} ms  ×{page / one_row:.1f}")
        print(f"  whole list, {pages} pages by cursor {whole * 1000:8.1f} ms  ×{whole / one_row:.1f}")
        print(f"  check-in write                {write * 1000:8.2f} ms  ×{write / one_row:.1f}")


if __name__ == "__main__":
    main()
