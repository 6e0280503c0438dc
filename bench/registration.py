"""Registration throughput: gunicorn + PostgreSQL on loopback.

Measures, in the same run and against the same server:
  - the baselines: a bare Django view that reads one row (GET), and a bare durable write (a
    CSRF-checked POST that inserts one row in a transaction and commits, then redirects), requests
    per second;
  - registrations: the real registration form POSTed with each member's personal link, per second;
  - the floor: the same form POSTed for other members to a view that only looks the member up,
    validates the form and inserts the row in its own transaction (no seat, queue, audit trail or
    e-mail): what any design that checks and stores a registration durably pays at least;
  - the time to register the whole IGF 2023 attendance (11,145 people) that way: measured with
    --full, otherwise projected from the rate over a 2,000-registration sample (a few minutes).

Prints the ratios registrations/s ÷ bare write (goal ≥ 0.25), ÷ bare read, and floor ÷ bare read.
Then the mail worker, two ways, each over a third of the registration e-mails the run queued: the
delivery task (one call per message, as `plenary work`'s task worker runs it; the first claims a
batch) and the sweeper (`outbox.deliver_due`, batch after batch), against bare smtplib sending the
last third, already built, over one connection to the same local SMTP server (aiosmtpd's Sink, in
its own process), alternating in rounds: the ratios (goal ≥ 0.5) and the worker's CPU per
registration e-mail (getrusage).

--burst: 1,500 registrations at once to one track while `plenary work` delivers their e-mails;
checks that they take at most 60 s, that none is lost or over-booked and their queue numbers are
1…1,500, that e-mails were sent during the burst, and that the database never had more connections
than the web workers plus two for the worker process (README: N + 2M).

The load generator is a Python client (threads, one keep-alive connection each): it costs the same
for every measure. All use the same server, started once, alternating in rounds: a ratio between two
servers configured differently would measure the configuration, not the code. It runs 2 sync
workers by default, one per core of the development machine, where the client and PostgreSQL
share the same two cores: with 3 or 4 workers neither measure got faster and the ratio stayed
within the run-to-run noise (0.08–0.12 with 2, 3 or 4), the machine being CPU-bound. `--workers`
changes it for both measures.

    .venv/bin/python bench/registration.py            # 2,000 registrations, 11,145 projected
    .venv/bin/python bench/registration.py --full     # all 11,145 registrations, measured
    .venv/bin/python bench/registration.py --quick    # 500 registrations
    .venv/bin/python bench/registration.py --burst    # 1,500 at once, the mail worker running
Needs PostgreSQL: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/plenary_bench_registration);
the database is dropped and created again.
"""

import argparse
import http.client
import os
import resource
import secrets
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from datetime import timedelta
from pathlib import Path

import _harness as harness

IGF_2023_ATTENDANCE = 11_145
# Onsite seats for the whole attendance; a smaller run gets the same share, so the waiting list fills.
ONSITE_SEATS_FOR_ALL = 6_000
# The two measures alternate in rounds, so that a burst of load from elsewhere on the machine
# weighs on both rather than on one.
ROUNDS = 10
# --burst: this many registrations to one track, within BURST_SECONDS, with the mail worker running.
BURST = 1_500
BURST_SECONDS = 60
# `plenary work`: the task worker's thread and the scheduler's (sweeper, periodic jobs), one each.
WORKER_PROCESS_CONNECTIONS = 2

SETTINGS_MODULE = """
from plenary.settings import *  # noqa: F403

ROOT_URLCONF = "bench_registration_urls"
"""

URLS_MODULE = """
import uuid

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone

from plenary.directory.models import Person
from plenary.events.models import Track
from plenary.registration import links
from plenary.registration.forms import RegistrationForm
from plenary.registration.models import Registration
from plenary.urls import urlpatterns as site_urlpatterns


def one_row(request):
    return HttpResponse(Track.objects.only("slug").get(slug="igf2023-pt").slug)


def one_write(request):
    with transaction.atomic():
        person = Person.objects.create(
            parliament_id=request.POST["parliament"],
            given_name="Bare",
            family_name="Write",
            email=f"{uuid.uuid4().hex}@example.org",  # one person per address and parliament
        )
    return redirect(f"/bench/one-write/?id={person.pk}")


def floor(request, track, token):
    member = links.member_from_token(token, track)
    delegation = member.delegation
    form = RegistrationForm(request.POST, track=delegation.track, parliament=delegation.parliament)
    if not form.is_valid():
        return HttpResponse(status=400)
    with transaction.atomic():
        Registration.objects.create(
            track=delegation.track,
            person_id=member.person_id,
            delegation=delegation,
            member=member,
            consent_at=timezone.now(),
            consent_language=form.cleaned_data["language"],
            **form.registration_data(),
        )
    return redirect(request.path)


urlpatterns = [
    path("bench/one-row/", one_row),
    path("bench/one-write/", one_write),
    path("bench/floor/<slug:track>/<str:token>/", floor),
    *site_urlpatterns,
]
"""


def letters(number: int) -> str:
    """A passport-style (Latin letters only) name part for member `number`."""
    text = ""
    while True:
        number, digit = divmod(number, 26)
        text = string.ascii_uppercase[digit] + text
        if not number:
            return text.title()


def recreate_database(url: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def prepare(count: int, seats: int) -> tuple[str, list[str], list[str]]:
    """Migrate, load the IGF demo, name 2 × `count` delegation members; return the track, the
    first `count` members' registration links, and the floor's links for the others."""
    import io

    import django

    django.setup()
    from django.core.management import call_command
    from django.urls import reverse
    from django.utils import translation

    from plenary.directory.models import Person
    from plenary.events import demo
    from plenary.registration import links, services
    from plenary.registration.models import DelegationMember, TrackCapacity

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", stdout=io.StringIO())
    track = demo.load()
    TrackCapacity.objects.update_or_create(track=track, defaults={"onsite_seats": seats})
    delegations = [
        services.delegation_for(track=track, parliament=parliament)
        for parliament in track.invited_parliaments.select_related("country").order_by("id")
    ]
    people = Person.objects.bulk_create(
        Person(
            parliament=delegations[i % len(delegations)].parliament,
            given_name="Bench",
            family_name=f"Delegate {letters(i)}",
            email=f"bench{i}@example.org",
        )
        for i in range(2 * count)
    )
    members = DelegationMember.objects.bulk_create(
        DelegationMember(delegation=delegations[i % len(delegations)], person=person)
        for i, person in enumerate(people)
    )
    with translation.override("en"):
        paths = [
            reverse(
                "registration:register", kwargs={"track": track.slug, "token": links.member_token(member)}
            )
            for member in members[:count]
        ]
    floor_paths = [f"/bench/floor/{track.slug}/{links.member_token(member)}/" for member in members[count:]]
    analyse()
    return track, paths, floor_paths


def analyse() -> None:
    """Give the planner the tables' statistics, as autovacuum does in production (this machine's
    PostgreSQL runs without it, so nothing else would): without them it counts a track's seats by
    reading every registration of the track. Run after the data is prepared and before each round
    (untimed), as autovacuum analyses a table once 50 rows and a tenth of it have changed: every
    round changes more."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def registration_body(member_index: int, country_id: int, day: str, csrf: str) -> str:
    return urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": csrf,
            "language": "en",
            "given_name": "Bench",
            "family_name": f"Delegate {letters(member_index)}",
            "gender": "undisclosed",
            "email": f"bench{member_index}@example.org",
            "nationality": country_id,
            "mode": "onsite" if member_index % 3 else "online",
            "days": day,
            "consent": "on",
        }
    )


def run_load(port: int, requests: list, threads: int) -> tuple[float, list[int]]:
    """Send `requests` (method, path, body, headers) over `threads` keep-alive connections."""
    statuses, lock, cursor = [], threading.Lock(), iter(requests)

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                item = next(cursor, None)
            if item is None:
                break
            method, path, body, headers = item
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            with lock:
                statuses.append(response.status)
        connection.close()

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    start = time.perf_counter()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return time.perf_counter() - start, statuses


def start_smtp_sink(port: int) -> subprocess.Popen:
    """A local SMTP server that accepts and drops every message (aiosmtpd's Sink), in its own process."""
    sink = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Sink"]
    )
    wait_for_port(port)
    return sink


def wait_for_port(port: int) -> None:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.2)


def database_connections() -> int:
    """Connections to this database now, but the one counting."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def cpu_seconds() -> float:
    """CPU time (user and system) this process has used so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure_mail(smtp_port: int) -> None:
    """The mail worker against bare smtplib sending the same kind of messages, already built (as
    Django writes them for SMTP), over one connection to the same server, kept from round to round
    as the worker keeps its own, alternating in ROUNDS rounds over the registration e-mails the run
    queued, a third each: the delivery task (one call per message with the arguments it was
    enqueued with, as `plenary work`'s task worker runs it: the first claims a batch, the others
    know their message sent), and the sweeper draining a backlog (`outbox.deliver_due`, batch after
    batch). Each round's share of a worker's third is made due when its round starts. The CPU per
    e-mail is this process's (getrusage), bare smtplib's beside the worker's."""
    import smtplib
    from email.policy import SMTP as SMTP_POLICY

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from plenary.core import outbox
    from plenary.core.models import OutboxMessage
    from plenary.core.tasks import deliver_outbox_message

    queued = list(OutboxMessage.objects.filter(status="queued").order_by("pk").values_list("pk", flat=True))
    # Each message's delivery task, called with the arguments the registration enqueued it with.
    enqueued = DBTaskResult.objects.filter(task_path=deliver_outbox_message.module_path).values_list(
        "args_kwargs", flat=True
    )
    task_arguments = {task["args"][0]: task["args"] for task in enqueued}
    third = len(queued) // 3
    shares = {"task": queued[:third], "sweeper": queued[third : 2 * third]}
    bare_messages = [
        (message.from_email, message.to, outbox.build_email(message).message(policy=SMTP_POLICY).as_bytes())
        for message in OutboxMessage.objects.filter(pk__in=queued[2 * third :]).order_by("pk")
    ]
    not_yet = timezone.now() + timedelta(days=1)
    OutboxMessage.objects.filter(pk__in=queued).update(next_attempt_at=not_yet)

    def by_task(pks):
        for pk in pks:
            deliver_outbox_message.call(*task_arguments[pk])

    ways = {"task": by_task, "sweeper": lambda pks: outbox.deliver_due()}
    elapsed, cpu_used, bare_time, bare_cpu = dict.fromkeys(ways, 0.0), dict.fromkeys(ways, 0.0), 0.0, 0.0
    bare = None
    for round_number in range(ROUNDS):
        for name, deliver in ways.items():
            share = shares[name][round_number::ROUNDS]
            OutboxMessage.objects.filter(pk__in=share).update(next_attempt_at=timezone.now())
            started, cpu = time.perf_counter(), cpu_seconds()
            deliver(share)
            elapsed[name] += time.perf_counter() - started
            cpu_used[name] += cpu_seconds() - cpu
        started, cpu = time.perf_counter(), cpu_seconds()
        bare = bare or smtplib.SMTP("127.0.0.1", smtp_port)
        for from_email, to, raw in bare_messages[round_number::ROUNDS]:
            bare.sendmail(from_email, to, raw)
        bare_time += time.perf_counter() - started
        bare_cpu += cpu_seconds() - cpu
    bare.quit()
    bare_rate = len(bare_messages) / bare_time
    print(
        f"bare smtplib, one connection: {bare_rate:8.1f} messages/s ({len(bare_messages)} messages); "
        f"CPU per e-mail {1000 * bare_cpu / len(bare_messages):.1f} ms"
    )
    for name, label in (("task", "delivery task"), ("sweeper", "sweeper, deliver_due")):
        pks = shares[name]
        sent = OutboxMessage.objects.filter(pk__in=pks, status="sent").count()
        rate = len(pks) / elapsed[name]
        print(
            f"mail worker ({label}, batches of {outbox.batch_size()}): {rate:8.1f} messages/s "
            f"({sent} of {len(pks)} sent); ratio to bare smtplib {rate / bare_rate:.2f} (goal ≥ 0.5); "
            f"CPU per registration e-mail {1000 * cpu_used[name] / len(pks):.1f} ms"
        )


def burst(port: int, registrations: list, track, seats: int, args, env: dict) -> int:
    """All `registrations` at once while `plenary work` delivers their e-mails; counts the database
    connections throughout and checks none is lost or over-booked."""
    from django.db import connection

    from plenary.core.models import OutboxMessage
    from plenary.registration.models import Registration

    worker_log = Path(env["PLENARY_VAR_DIR"]).parent / "worker.log"
    with worker_log.open("w") as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "plenary", "work", "--interval", "5"],
            env=env,
            cwd=harness.ROOT,
            stdout=log,
            stderr=log,
        )
    bound = args.workers + WORKER_PROCESS_CONNECTIONS
    most, done = 0, threading.Event()
    sent_during = 0

    def count_connections():
        nonlocal most
        while not done.is_set():
            most = max(most, database_connections())
            time.sleep(0.05)

    try:
        time.sleep(3)
        connection.close()  # this thread's: only the server's and the worker's are counted
        counter = threading.Thread(target=count_connections)
        counter.start()
        elapsed, statuses = run_load(port, registrations, args.threads)
        done.set()
        counter.join()
        sent_during = OutboxMessage.objects.filter(status="sent").count()
        deadline = time.monotonic() + 120
        while OutboxMessage.objects.exclude(status="sent").exists() and time.monotonic() < deadline:
            time.sleep(0.5)
    finally:
        done.set()
        worker.terminate()
        worker.wait(timeout=30)
    print(f"the worker's log: {worker_log}")
    stored = Registration.objects.filter(track=track).exclude(queue_number=None)
    confirmed = stored.filter(status="confirmed", mode="onsite").count()
    sent = OutboxMessage.objects.filter(status="sent").count()
    print(f"burst: {len(registrations)} registrations in {elapsed:.1f} s (goal ≤ {BURST_SECONDS} s)")
    print(f"e-mails sent during the burst: {sent_during}; all sent afterwards: {sent} of {stored.count()}")
    print(
        f"database connections at most: {most} (bound: {args.workers} web + "
        f"{WORKER_PROCESS_CONNECTIONS} for the worker process = {bound})"
    )
    print(
        f"responses: {sorted(set(statuses))}; stored {stored.count()}; "
        f"onsite confirmed {confirmed} of {seats} seats"
    )
    numbers = sorted(stored.values_list("queue_number", flat=True))
    if (
        stored.count() != len(registrations)
        or set(statuses) != {302}
        or confirmed > seats
        or numbers != list(range(1, len(numbers) + 1))
        or most > bound
        or sent_during == 0
        or elapsed > BURST_SECONDS
    ):
        print("FAILED: lost, refused or over-booked registrations, connections over the bound, or no mail")
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="500 registrations")
    size.add_argument("--full", action="store_true", help="all 11,145 registrations of IGF 2023")
    size.add_argument(
        "--burst", action="store_true", help=f"{BURST} registrations at once, the mail worker delivering"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--threads", type=int, default=8, help="client connections (default 8)")
    args = parser.parse_args()
    count = 500 if args.quick else IGF_2023_ATTENDANCE if args.full else BURST if args.burst else 2_000

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        url = "postgres://postgres@127.0.0.1:5432/plenary_bench_registration"
    site_dir = Path(tempfile.mkdtemp(prefix="bench-registration-"))
    (site_dir / "bench_registration_settings.py").write_text(SETTINGS_MODULE)
    (site_dir / "bench_registration_urls.py").write_text(URLS_MODULE)
    smtp_port = harness.free_port()
    sink = start_smtp_sink(smtp_port)
    env = os.environ | {
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "DATABASE_URL": url,
        "DATABASE_CONN_MAX_AGE": "60",
        "DEBUG": "0",
        "PLENARY_VAR_DIR": str(site_dir / "var"),
        "DJANGO_SETTINGS_MODULE": "bench_registration_settings",
        "PYTHONPATH": os.pathsep.join([str(site_dir), str(harness.ROOT)]),
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    sys.path[:0] = [str(site_dir), str(harness.ROOT)]

    print(f"database {url.rsplit('/', 1)[-1]}: migrating and loading the IGF 2023 demo …", flush=True)
    recreate_database(url)
    started = time.perf_counter()
    seats = round(count * ONSITE_SEATS_FOR_ALL / IGF_2023_ATTENDANCE)
    track, paths, floor_paths = prepare(count, seats)
    print(
        f"{2 * count} delegation members named (half for the floor) in {time.perf_counter() - started:.1f} s",
        flush=True,
    )

    from plenary.registration.models import Registration

    port = harness.free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
            "plenary.wsgi:application",
        ],
        env=env,
        cwd=harness.ROOT,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
            "Host": "127.0.0.1",
        }
        day = str(track.start_date)
        country_ids = dict(track.invited_parliaments.values_list("pk", "country_id"))
        from plenary.registration.models import DelegationMember

        member_countries = list(
            DelegationMember.objects.order_by("id").values_list("delegation__parliament_id", flat=True)
        )
        baseline_requests = [("GET", "/bench/one-row/", None, {"Host": "127.0.0.1"})] * max(count, 1_000)
        registrations = [
            ("POST", path, registration_body(i, country_ids[member_countries[i]], day, csrf), headers)
            for i, path in enumerate(paths)
        ]
        floor_requests = [
            ("POST", path, registration_body(i, country_ids[member_countries[i]], day, csrf), headers)
            for i, path in enumerate(floor_paths, start=count)
        ]
        write_requests = [
            (
                "POST",
                "/bench/one-write/",
                urllib.parse.urlencode({"csrfmiddlewaretoken": csrf, "parliament": pk}),
                headers,
            )
            for pk in list(country_ids) * (max(count, 1_000) // len(country_ids) + 1)
        ][: max(count, 1_000)]
        if args.burst:
            return burst(port, registrations, track, seats, args, env)
        run_load(port, baseline_requests[:200], args.threads)
        baseline_time, baseline_statuses, register_time, statuses = 0.0, [], 0.0, []
        floor_time, floor_statuses, write_time, write_statuses = 0.0, [], 0.0, []
        for round_number in range(ROUNDS):
            analyse()
            elapsed, answered = run_load(port, baseline_requests[round_number::ROUNDS], args.threads)
            baseline_time, baseline_statuses = baseline_time + elapsed, baseline_statuses + answered
            elapsed, answered = run_load(port, write_requests[round_number::ROUNDS], args.threads)
            write_time, write_statuses = write_time + elapsed, write_statuses + answered
            elapsed, answered = run_load(port, floor_requests[round_number::ROUNDS], args.threads)
            floor_time, floor_statuses = floor_time + elapsed, floor_statuses + answered
            elapsed, answered = run_load(port, registrations[round_number::ROUNDS], args.threads)
            register_time, statuses = register_time + elapsed, statuses + answered
        assert set(baseline_statuses) == {200}, set(baseline_statuses)
        assert set(floor_statuses) == {302}, set(floor_statuses)
        assert set(write_statuses) == {302}, set(write_statuses)
        baseline_rate = len(baseline_requests) / baseline_time
        write_rate = len(write_requests) / write_time
        floor_rate = count / floor_time
        rate = count / register_time
    finally:
        server.terminate()
        server.wait(timeout=30)
        if args.burst:
            sink.terminate()

    stored = Registration.objects.filter(track=track).exclude(queue_number=None)
    confirmed = stored.filter(status="confirmed", mode="onsite").count()
    print(f"bare view reading one row: {baseline_rate:8.1f} requests/s ({len(baseline_requests)} requests)")
    print(f"registrations submitted:   {rate:8.1f} per second ({count} registrations)")
    print(f"bare durable write (CSRF, one insert, commit): {write_rate:8.1f} requests/s")
    print(f"ratio registrations / bare read:  {rate / baseline_rate:.2f}")
    print(f"ratio registrations / bare write: {rate / write_rate:.2f} (goal ≥ 0.25)")
    print(
        f"floor (validate, one insert):  {floor_rate:8.1f} per second; ratio {floor_rate / baseline_rate:.2f}"
    )
    print(f"time to register {count} people: {register_time:.1f} s")
    if count != IGF_2023_ATTENDANCE:
        print(
            f"projected time for the IGF 2023 attendance ({IGF_2023_ATTENDANCE} people): "
            f"{IGF_2023_ATTENDANCE / rate:.0f} s (--full measures it)"
        )
    print(
        f"responses: {sorted(set(statuses))}; stored {stored.count()}; onsite confirmed {confirmed} "
        f"of {seats} seats; waitlisted {stored.filter(status='waitlisted').count()}"
    )
    try:
        measure_mail(smtp_port)
    finally:
        sink.terminate()
    if stored.count() != count or set(statuses) != {302} or confirmed > seats:
        print("FAILED: lost, refused or over-booked registrations")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
