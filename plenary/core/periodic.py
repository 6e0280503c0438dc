"""Periodic jobs: settings.PLENARY_PERIODIC_JOBS, run by `plenary work`, never twice at once.

The setting maps a job's name to (the dotted path of a callable taking no arguments, its interval in
seconds). Every `plenary work` process, on any machine, looks at every job each pass; the job's row
(`PeriodicJob`) decides which one runs it:

- claim: one conditional UPDATE sets the next run and a lease, where the job is due and nobody holds
  an unexpired lease. The database locks the row for the UPDATE, so of two processes claiming at once
  the second re-reads the row after the first commits, finds it no longer due, and updates nothing.
- while the job runs, a thread renews the lease every third of `LEASE`; a job that runs longer than
  its interval is therefore not started again beside itself.
- a process killed while running a job stops renewing: another process takes the job up once the
  lease has expired (at most `LEASE` later).

Why the database and not a cache lock: the database is the one thing every `plenary work` process
shares. The cache is shared only when REDIS_URL is set (the in-memory default belongs to one
process), and a cache may evict a lock it holds.
"""

import logging
import threading
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from plenary.core.models import PeriodicJob

logger = logging.getLogger(__name__)

LEASE = timedelta(seconds=60)


def configured_jobs() -> dict[str, tuple[Callable[[], object], timedelta]]:
    """The jobs of settings.PLENARY_PERIODIC_JOBS, imported; ImproperlyConfigured names a bad entry."""
    jobs = {}
    for name, entry in getattr(settings, "PLENARY_PERIODIC_JOBS", {}).items():
        try:
            path, seconds = entry
            function = import_string(path)
        except (TypeError, ValueError, ImportError) as error:
            raise ImproperlyConfigured(
                f"PLENARY_PERIODIC_JOBS[{name!r}] must be (dotted path of a callable, seconds): {error}"
            ) from error
        if not callable(function) or not seconds > 0:
            raise ImproperlyConfigured(
                f"PLENARY_PERIODIC_JOBS[{name!r}]: {path!r} must be callable and its interval positive"
            )
        jobs[name] = (function, timedelta(seconds=seconds))
    return jobs


def run_due(jobs: dict, *, worker: str, should_stop: Callable[[], bool] = lambda: False) -> list[str]:
    """Run each job that is due and that no other process holds; returns the names of those run."""
    PeriodicJob.objects.bulk_create(
        [PeriodicJob(name=name, next_run_at=timezone.now()) for name in jobs], ignore_conflicts=True
    )
    ran = []
    for name, (function, interval) in jobs.items():
        if should_stop():
            break
        if claim(name, interval, worker=worker):
            run_claimed(name, function, worker=worker)
            ran.append(name)
    return ran


def claim(name: str, interval: timedelta, *, worker: str) -> bool:
    """Take the job if it is due and free (or its holder's lease expired); True if we have it."""
    now = timezone.now()
    free = Q(lease_until__isnull=True) | Q(lease_until__lte=now)
    return bool(
        PeriodicJob.objects.filter(free, name=name, next_run_at__lte=now).update(
            running_by=worker[:200], lease_until=now + LEASE, last_started_at=now, next_run_at=now + interval
        )
    )


def run_claimed(name: str, function: Callable[[], object], *, worker: str) -> None:
    """Run a job we claimed, renewing the lease meanwhile; a failure is logged and kept on the row."""
    done = threading.Event()
    keeper = threading.Thread(
        target=_keep_lease, args=(name, worker, done), name=f"lease:{name}", daemon=True
    )
    keeper.start()
    error = ""
    try:
        function()
    except Exception as failure:  # one job's failure must not stop the scheduler or the other jobs
        logger.exception("periodic job %s failed", name)
        error = f"{type(failure).__name__}: {failure}"
    finally:
        done.set()
        keeper.join()
    PeriodicJob.objects.filter(name=name, running_by=worker[:200]).update(
        running_by="", lease_until=None, last_finished_at=timezone.now(), last_error=error
    )


def _keep_lease(name: str, worker: str, done: threading.Event) -> None:
    try:
        while not done.wait(LEASE.total_seconds() / 3):
            PeriodicJob.objects.filter(name=name, running_by=worker[:200]).update(
                lease_until=timezone.now() + LEASE
            )
    finally:
        connection.close()
