"""Public programme page requests per second under gunicorn on loopback, against a bare view.

Run: .venv/bin/python bench/programme.py [--quick]

Sets up a throw-away SQLite database with the IGF 2023 demo, starts gunicorn on 127.0.0.1 with
this file as its WSGI module (which adds a bare view reading one row, and two views that empty
caches before serving the page), then measures in the same run, alternating in ROUNDS rounds:
  - the bare view;
  - /en/igf2023-pt/programme/ served from the page cache (goal >= 0.8× the bare view);
  - the page served cold, as the first request after a release: its page cache just dropped, its
    content ready (rendered per release and language by the publication's task; with this
    per-process cache, by each process's first cold request), its frame kept (the site's header
    and footer, which show no release) (goal >= 0.5× the bare view);
  - the page rendered from scratch, every cache empty: what the publication's task pays once per
    language and filter, and the frame once per address.
Prints requests per second (total requests over total time of the rounds) and the ratios.
"""

import argparse
import functools
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import _harness as harness

BARE_PATH = "/bench/one-row/"
PROGRAMME_PATH = "/en/igf2023-pt/programme/"
COLD_PATH = "/bench/cold-programme/"
RENDER_PATH = "/bench/rendered-programme/"
TRACK = "igf2023-pt"
ROUNDS = 10


def _wsgi_application():
    """gunicorn imports this module as `programme`: the project plus one bare view."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenary.settings")
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    from django.core.cache import cache
    from django.http import HttpResponse
    from django.urls import clear_url_caches, path
    from django.utils import translation

    from plenary import urls
    from plenary.events.models import Track
    from plenary.programme import pagecache, views
    from plenary.programme.models import Release

    def one_row(request):
        return HttpResponse(Track.objects.values_list("slug", flat=True).first())

    def cold(request):
        """The page as the first request after a release finds it: its page cache dropped."""
        pagecache.invalidate(TRACK)
        with translation.override("en"):
            return views.programme(request, TRACK)

    @functools.cache
    def page_keys() -> list[str]:
        """The rendered page's content and frame keys (its release and track name stay as they are)."""
        release_pk = (
            Release.objects.filter(track__slug=TRACK).order_by("-number").values("pk")[:1].get()["pk"]
        )
        with translation.override("en"):
            name = str(Track.objects.get(slug=TRACK).name)
        return [pagecache.content_key(release_pk, "en", ""), pagecache.frame_key(RENDER_PATH, name, "en")]

    def rendered(request):
        """The page with every cache empty: the release's content and the frame rendered in the request."""
        cache.delete_many(page_keys())
        return cold(request)

    urls.urlpatterns[:0] = [
        path(BARE_PATH.strip("/") + "/", one_row),
        path(COLD_PATH.strip("/") + "/", cold),
        path(RENDER_PATH.strip("/") + "/", rendered),
    ]
    clear_url_caches()
    return application


if __name__ != "__main__":
    application = _wsgi_application()


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer {url} within {timeout} s")


def measure(url: str, seconds: float, clients: int) -> tuple[int, float]:
    """(requests answered, seconds) over about `seconds`, from `clients` threads each doing one
    request at a time."""
    stop = time.monotonic() + seconds
    counts = [0] * clients
    errors = []

    def client(index: int) -> None:
        while time.monotonic() < stop:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
                    response.read()
                    if response.status != 200:
                        errors.append(response.status)
            except OSError as error:
                errors.append(str(error))
            counts[index] += 1

    threads = [threading.Thread(target=client, args=(index,)) for index in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(f"{len(errors)} failed requests to {url}, e.g. {errors[0]}")
    return sum(counts), time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short run (about a minute)")
    options = parser.parse_args()
    seconds = 1.0 if options.quick else 2.0
    load_before = f"{os.getloadavg()[0]:.2f}"
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="plenary-bench-") as var_dir:
        env = os.environ | {
            "PLENARY_VAR_DIR": var_dir,
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SETTINGS_MODULE": "plenary.settings",
            "LOG_LEVEL": "WARNING",
        }
        env.pop("DATABASE_URL", None)
        env.pop("REDIS_URL", None)
        for command in (["migrate", "-v0"], ["load_demo"]):
            subprocess.run(
                [python, "-m", "plenary", *command],
                env=env,
                cwd=harness.ROOT,
                check=True,
                capture_output=True,
            )
        port = harness.free_port()
        server = subprocess.Popen(
            [
                str(Path(python).with_name("gunicorn")),
                "--chdir",
                str(harness.ROOT / "bench"),
                "--pythonpath",
                str(harness.ROOT),
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--log-level",
                "warning",
                "programme:application",
            ],
            env=env,
            cwd=harness.ROOT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base + BARE_PATH)
            wait_until_up(base + PROGRAMME_PATH)
            paths = {"bare": BARE_PATH, "cached": PROGRAMME_PATH, "cold": COLD_PATH, "rendered": RENDER_PATH}
            for path in paths.values():
                measure(base + path, 0.5, 4)
            totals = {name: [0, 0.0] for name in paths}
            for _round in range(ROUNDS):
                for name, path in paths.items():
                    answered, elapsed = measure(base + path, seconds, 4)
                    totals[name][0] += answered
                    totals[name][1] += elapsed
        finally:
            server.terminate()
            server.wait(timeout=30)
    rates = {name: answered / elapsed for name, (answered, elapsed) in totals.items()}
    bare = rates["bare"]
    print(f"load average before and after: {load_before} / {os.getloadavg()[0]:.2f}")
    print(f"bare view reading one row: {bare:8.1f} requests/s ({ROUNDS} rounds × {seconds:.0f} s)")
    for name, label, goal in (
        ("cached", "programme page, cached", " (goal >= 0.80)"),
        ("cold", "programme page, cold after a release", " (goal >= 0.50)"),
        ("rendered", "programme page, rendered with no cache", ""),
    ):
        print(f"{label}: {rates[name]:8.1f} requests/s; ratio {rates[name] / bare:.2f}{goal}")


if __name__ == "__main__":
    main()
