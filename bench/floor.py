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
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHONES = 300


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 rounds instead of 20")
    rounds = 5 if parser.parse_args().quick else 20

    sys.path.insert(0, str(ROOT))
    os.environ["PLENARY_VAR_DIR"] = tempfile.mkdtemp(prefix="plenary-bench-floor-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenary.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    settings.ALLOWED_HOSTS = ["testserver"]
    from bench.overview import bare_urlconf

    settings.ROOT_URLCONF = bare_urlconf()
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", stdout=io.StringIO())
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

    polls, current = [], None
    for _round in range(rounds):
        current = services.call_next(speakers_list=speakers_list, actor=None, current_seen=current).pk
        for _phone in range(PHONES):
            start = time.perf_counter()
            assert client.get(url).status_code == 200
            polls.append(time.perf_counter() - start)
    bare = []
    for _request in range(PHONES):
        start = time.perf_counter()
        assert client.get("/bare/").status_code == 200
        bare.append(time.perf_counter() - start)
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        client.get(url)

    poll, floor = statistics.median(polls), statistics.median(bare)
    print(f"{len(polls):,} polls over {rounds} calls of the next speaker")
    print(f"live answer: {poll * 1000:.2f} ms median, {len(queries)} queries once computed")
    print(f"bare one-row page: {floor * 1000:.2f} ms")
    print(f"ratio live answer / bare page: {poll / floor:.2f}")
    print(f"polls per second one process answers: {1 / poll:,.0f} ({PHONES} phones need {PHONES})")


if __name__ == "__main__":
    main()
