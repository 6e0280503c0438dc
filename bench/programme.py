"""Public programme page requests per second under gunicorn on loopback, against a bare view.

Run: .venv/bin/python bench/programme.py [--quick]

Sets up a throw-away SQLite database with the IGF 2023 demo, starts gunicorn on 127.0.0.1 with
this file as its WSGI module (which adds one bare view reading one row), then measures in the
same run, alternating: the bare view, and /en/igf2023-pt/programme/ (rendered once per language
and worker, then served from the cache). Prints requests per second and the ratio (goal >= 0.8).
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE_PATH = "/bench/one-row/"
PROGRAMME_PATH = "/en/igf2023-pt/programme/"


def _wsgi_application():
    """gunicorn imports this module as `programme`: the project plus one bare view."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenary.settings")
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    from django.http import HttpResponse
    from django.urls import clear_url_caches, path

    from plenary import urls
    from plenary.events.models import Track

    def one_row(request):
        return HttpResponse(Track.objects.values_list("slug", flat=True).first())

    urls.urlpatterns.insert(0, path(BARE_PATH.strip("/") + "/", one_row))
    clear_url_caches()
    return application


if __name__ != "__main__":
    application = _wsgi_application()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


def measure(url: str, seconds: float, clients: int) -> float:
    """Requests per second over `seconds`, from `clients` threads each doing one request at a time."""
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
    return sum(counts) / (time.monotonic() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short run (about 20 seconds)")
    options = parser.parse_args()
    seconds, rounds = (2.0, 2) if options.quick else (5.0, 3)
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
                [python, "-m", "plenary", *command], env=env, cwd=ROOT, check=True, capture_output=True
            )
        port = free_port()
        server = subprocess.Popen(
            [
                str(Path(python).with_name("gunicorn")),
                "--chdir",
                str(ROOT / "bench"),
                "--pythonpath",
                str(ROOT),
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--log-level",
                "warning",
                "programme:application",
            ],
            env=env,
            cwd=ROOT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base + BARE_PATH)
            wait_until_up(base + PROGRAMME_PATH)
            measure(base + PROGRAMME_PATH, 1.0, 4)
            bare, programme = [], []
            for _round in range(rounds):
                bare.append(measure(base + BARE_PATH, seconds, 4))
                programme.append(measure(base + PROGRAMME_PATH, seconds, 4))
        finally:
            server.terminate()
            server.wait(timeout=30)
    bare_rate, programme_rate = max(bare), max(programme)
    print(f"bare view reading one row:     {bare_rate:8.1f} requests/s (best of {rounds} × {seconds:.0f} s)")
    print(f"public programme page (cached): {programme_rate:8.1f} requests/s")
    print(f"ratio programme / bare view:    {programme_rate / bare_rate:8.2f} (goal >= 0.80)")


if __name__ == "__main__":
    main()
