"""What the benches share: Django on a throw-away SQLite database with the reference data, and
rounds that alternate the measured runs so that other work on the machine weighs on each alike.
(`make bench` runs every bench/*.py but this one.)"""

import io
import logging
import os
import socket
import statistics
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_django(var_dir: str, **environ: str) -> None:
    """Django set up on a new SQLite database in `var_dir`, migrated, with the reference data;
    `environ` sets further environment variables (settings read at start) first."""
    sys.path.insert(0, str(ROOT))
    os.environ["PLENARY_VAR_DIR"] = var_dir
    os.environ["DATABASE_URL"] = f"sqlite:///{var_dir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenary.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.update(environ)
    import django

    django.setup()
    # WeasyPrint's notes on CSS it ignores would drown the figures.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", stdout=io.StringIO())


def free_port() -> int:
    """A TCP port on the loopback that nothing listens on, for a server the bench starts."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def keep_one_connection() -> None:
    """As in tests: one database connection for the whole run rather than one per request, and the
    test client's host allowed."""
    from django.conf import settings
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    settings.ALLOWED_HOSTS = ["testserver"]


def alternate(rounds: int, runs: dict) -> dict[str, list[float]]:
    """Each run's wall times (seconds) over `rounds` rounds, the runs taking turns within a round."""
    times = {name: [] for name in runs}
    for _round in range(rounds):
        for name, function in runs.items():
            started = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - started)
    return times


def medians(times: dict[str, list[float]]) -> dict[str, float]:
    return {name: statistics.median(values) for name, values in times.items()}


def bests(times: dict[str, list[float]]) -> dict[str, float]:
    return {name: min(values) for name, values in times.items()}


def bare_urlconf():
    """plenary's URLs and /bare/: one row read and rendered, nothing else."""
    from django.http import HttpResponse
    from django.urls import path

    from plenary import urls as plenary_urls
    from plenary.events.models import Track

    def bare(request):
        track = Track.objects.only("slug").first()
        return HttpResponse(f"<p>{track.slug}</p>")

    module = types.ModuleType("bench_bare_urls")
    module.urlpatterns = [path("bare/", bare), *plenary_urls.urlpatterns]
    sys.modules[module.__name__] = module
    return module.__name__
