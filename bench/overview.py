"""The secretariat's overview for 5,000 registrations and 20,000 outbox rows.

Measures, in the same run and through the same Django stack and test client, the dashboard page
against a bare page that reads one row and renders it (the floor of any page), and prints the
ratio and the number of queries (constant in the number of registrations, see the tests).

    .venv/bin/python bench/overview.py            # 5,000 registrations, 20,000 outbox rows
    .venv/bin/python bench/overview.py --quick    # 1,000 registrations, 4,000 outbox rows
Uses a throw-away SQLite database in a temporary folder.
"""

import argparse
import tempfile

import _harness as harness

PARLIAMENTS = 100


def build(track, registrations: int, messages: int) -> None:
    from django.utils import timezone

    from plenary.core.models import OutboxMessage
    from plenary.directory.models import Parliament
    from plenary.overview.tests import fixtures
    from plenary.registration.models import Delegation

    parliaments = list(Parliament.objects.order_by("id")[:PARLIAMENTS])
    kinds = [
        ("confirmed", "onsite", "female"),
        ("submitted", "online", "male"),
        ("waitlisted", "onsite", "male"),
    ]
    for index, parliament in enumerate(parliaments):
        delegation = Delegation.objects.create(track=track, parliament=parliament, response="accepted")
        people = [kinds[n % len(kinds)] for n in range(registrations // PARLIAMENTS)]
        fixtures.register_people(track, delegation, people, index)
    statuses = ["queued", "sent", "sent", "failed", "retry"]
    now = timezone.now()
    OutboxMessage.objects.bulk_create(
        (
            OutboxMessage(
                message_id=f"<bench-{n}@example.org>",
                from_email="bench@example.org",
                to=["someone@example.org"],
                subject="Bench",
                body="Bench",
                status=statuses[n % len(statuses)],
                next_attempt_at=now if statuses[n % len(statuses)] in ("queued", "retry") else None,
                sent_at=now if statuses[n % len(statuses)] == "sent" else None,
            )
            for n in range(messages)
        ),
        batch_size=2000,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 registrations, 4,000 outbox rows")
    args = parser.parse_args()
    registrations, messages, repeat = (1000, 4000, 3) if args.quick else (5000, 20000, 7)

    harness.start_django(tempfile.mkdtemp(prefix="plenary-bench-overview-"))
    harness.keep_one_connection()
    from django.conf import settings
    from django.db import connection

    settings.ROOT_URLCONF = harness.bare_urlconf()
    from plenary.core.models import Role
    from plenary.core.testing import SecondFactorClient, make_user
    from plenary.events import demo as events_demo

    track = events_demo.load()
    print(f"building {registrations:,} registrations and {messages:,} outbox rows ...")
    build(track, registrations, messages)
    client = SecondFactorClient()
    client.force_login(make_user("bench-secretariat@example.org", Role.SECRETARIAT))
    url = f"/en/{track.slug}/secretariat/overview/"
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        assert client.get(url).status_code == 200
    assert client.get("/bare/").status_code == 200

    times = harness.medians(
        harness.alternate(repeat, {"page": lambda: client.get(url), "bare": lambda: client.get("/bare/")})
    )
    page, bare = times["page"], times["bare"]
    print(f"dashboard: {page * 1000:.1f} ms, {len(queries)} queries")
    print(f"bare one-row page: {bare * 1000:.2f} ms")
    print(f"ratio dashboard / bare page: {page / bare:.0f}")


if __name__ == "__main__":
    main()
