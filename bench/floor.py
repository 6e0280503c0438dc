"""300 delegates' phones polling a speakers' list while the chair advances it.

Each round the chair calls the next speaker, then each of the 300 phones asks for the list's live
answer (`live.json`, what the pages poll every second). Prints the median time of a poll against a
bare page that reads one row and renders it, measured in the same run through the same Django stack
and test client, and the queries a poll costs (the list's state is computed once per change).

    .venv/bin/python bench/floor.py            # 300 phones, 20 rounds
    .venv/bin/python bench/floor.py --quick    # 300 phones, 5 rounds
Uses a throw-away SQLite database in a temporary folder.
"""

import argparse
import statistics
import tempfile

import _harness as harness

PHONES = 300


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 rounds instead of 20")
    rounds = 5 if parser.parse_args().quick else 20

    harness.start_django(tempfile.mkdtemp(prefix="plenary-bench-floor-"))
    harness.keep_one_connection()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    settings.ROOT_URLCONF = harness.bare_urlconf()
    from plenary.events import demo as events_demo
    from plenary.floor import services
    from plenary.floor.tests.builders import members, open_list

    track = events_demo.load()
    print(f"building a list of {PHONES} requests ...")
    speakers_list = open_list(track)
    for member in members(track, PHONES, parliaments=100):
        services.ask(speakers_list=speakers_list, member=member, actor=None)
    client = Client()
    url = f"/en/{track.slug}/programme/sessions/{speakers_list.session.slug}/floor/live.json"

    times, current = {"poll": [], "bare": []}, None
    for _round in range(rounds):
        current = services.call_next(speakers_list=speakers_list, actor=None, current_seen=current).pk
        measured = harness.alternate(
            PHONES, {"poll": lambda: client.get(url), "bare": lambda: client.get("/bare/")}
        )
        for name, values in measured.items():
            times[name].extend(values)
    assert client.get(url).status_code == client.get("/bare/").status_code == 200
    polls = times["poll"]
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        client.get(url)

    poll, floor = statistics.median(polls), statistics.median(times["bare"])
    print(f"{len(polls):,} polls over {rounds} calls of the next speaker")
    print(f"live answer: {poll * 1000:.2f} ms median, {len(queries)} queries once computed")
    print(f"bare one-row page: {floor * 1000:.2f} ms")
    print(f"ratio live answer / bare page: {poll / floor:.2f}")
    print(f"polls per second one process answers: {1 / poll:,.0f} ({PHONES} phones need {PHONES})")


if __name__ == "__main__":
    main()
