"""`plenary work`: everything a deployment runs besides the web processes, in one process.

- the task worker (django-tasks' `db_worker`, every queue) in the main thread: it runs each task
  right away, e.g. the first delivery attempt of a message committed with its task;
- beside it, a scheduler thread that every --interval seconds runs the outbox sweeper (messages a
  killed worker left `sending` are re-queued after --stale-after seconds; retries whose back-off
  has elapsed and messages the task queue missed are sent) and the periodic jobs of
  settings.PLENARY_PERIODIC_JOBS (plenary.core.periodic: one process at a time runs each);
- the servers of settings.PLENARY_SERVERS, each in its own thread (e.g. the LMTP receiver of replies
  to queries); each entry is the dotted path of a callable returning an object with `start()` and
  `stop()`, or None when that server is not configured.

Any number of these processes may run, on any number of machines. SIGTERM or Ctrl-C stops both
after the task, message or job at hand.
"""

import logging
import signal
import threading
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django.utils.module_loading import import_string
from django_tasks_db.backend import DatabaseBackend

from plenary.core import outbox, periodic

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the task worker, the mail outbox sweeper and the periodic jobs (all but the web processes)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=5.0, help="seconds between two passes of the scheduler (5)"
        )
        parser.add_argument(
            "--stale-after",
            type=float,
            default=outbox.DEFAULT_STALE_AFTER.total_seconds(),
            help="seconds after which a message still `sending` is taken as abandoned by a killed worker "
            "and sent again with the same Message-ID (600)",
        )

    def handle(self, *args, interval, stale_after, verbosity, **options):
        if interval <= 0 or stale_after < 0:
            raise CommandError("--interval must be more than 0 seconds, --stale-after 0 or more.")
        try:
            jobs = periodic.configured_jobs()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        stop = threading.Event()
        scheduler = threading.Thread(
            target=self.schedule,
            kwargs={
                "jobs": jobs,
                "interval": interval,
                "stale_after": timedelta(seconds=stale_after),
                "stop": stop,
            },
            name="plenary-scheduler",
        )
        servers = self.start_servers()
        scheduler.start()
        try:
            self.run_tasks(stop, verbosity)
        finally:
            stop.set()
            scheduler.join()
            for server in servers:
                server.stop()

    def start_servers(self) -> list:
        servers = []
        for path in getattr(settings, "PLENARY_SERVERS", ()):
            server = import_string(path)()
            if server is not None:
                server.start()
                servers.append(server)
        return servers

    def run_tasks(self, stop: threading.Event, verbosity: int) -> None:
        """db_worker in this thread (it handles SIGTERM/SIGINT itself); with another task backend,
        whose workers run apart (e.g. `rqworker`), only wait for a signal."""
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        if isinstance(backend, DatabaseBackend):
            call_command(
                "db_worker",
                queue_name="*",
                interval=1.0,
                reload=False,
                startup_delay=False,
                verbosity=verbosity,
            )
            return
        logger.warning(
            "tasks of %s run in that backend's own workers: start them too", type(backend).__name__
        )
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        stop.wait()

    def schedule(self, *, jobs, interval: float, stale_after: timedelta, stop: threading.Event) -> None:
        worker = outbox.worker_name()
        try:
            while not stop.is_set():
                self.one_pass(jobs, worker=worker, stale_after=stale_after, stop=stop)
                stop.wait(interval)
                # A long-running thread drops connections that broke or outlived CONN_MAX_AGE.
                close_old_connections()
        finally:
            connection.close()

    def one_pass(self, jobs, *, worker: str, stale_after: timedelta, stop: threading.Event) -> None:
        try:
            requeued, attempts = outbox.sweep(stale_after=stale_after, worker=worker, should_stop=stop.is_set)
            ran = periodic.run_due(jobs, worker=worker, should_stop=stop.is_set)
        except Exception:  # the database or the mail server away for a while: try again next pass
            logger.exception("the scheduler's pass failed; trying again in the next one")
            return
        if requeued or attempts or ran:
            logger.info(
                "%s: re-queued %s stale message(s), %s delivery attempt(s), periodic jobs run: %s",
                worker,
                requeued,
                attempts,
                ", ".join(ran) or "none",
            )
