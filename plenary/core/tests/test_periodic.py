"""Periodic jobs (settings.PLENARY_PERIODIC_JOBS): run when due, by one `plenary work` at a time."""

import threading
import time
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from plenary.core import periodic
from plenary.core.models import PeriodicJob

RUNS = []


def record_run():
    RUNS.append(timezone.now())


def fail():
    raise RuntimeError("the purge found the storage read-only")


@pytest.fixture(autouse=True)
def no_runs_yet():
    RUNS.clear()


def jobs(**entries):
    with override_settings(PLENARY_PERIODIC_JOBS=entries):
        return periodic.configured_jobs()


@pytest.mark.django_db
def test_a_due_job_runs_once_and_not_again_before_its_interval():
    configured = jobs(record=("plenary.core.tests.test_periodic.record_run", 3600))

    assert periodic.run_due(configured, worker="one:1") == ["record"]
    assert periodic.run_due(configured, worker="two:2") == []
    assert len(RUNS) == 1
    job = PeriodicJob.objects.get(name="record")
    assert (job.running_by, job.lease_until, job.last_error) == ("", None, "")
    assert job.next_run_at - job.last_started_at == timedelta(hours=1)

    PeriodicJob.objects.update(next_run_at=timezone.now())
    assert periodic.run_due(configured, worker="two:2") == ["record"]
    assert len(RUNS) == 2


@pytest.mark.django_db
def test_a_job_held_by_another_process_waits_until_its_lease_expires():
    configured = jobs(record=("plenary.core.tests.test_periodic.record_run", 60))
    PeriodicJob.objects.create(
        name="record",
        next_run_at=timezone.now() - timedelta(hours=1),
        running_by="killed:7",
        lease_until=timezone.now() + timedelta(seconds=30),
    )
    assert periodic.run_due(configured, worker="one:1") == []

    PeriodicJob.objects.update(lease_until=timezone.now() - timedelta(seconds=1))
    assert periodic.run_due(configured, worker="one:1") == ["record"]
    assert len(RUNS) == 1


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_the_next_job_still_runs():
    configured = jobs(
        broken=("plenary.core.tests.test_periodic.fail", 60),
        record=("plenary.core.tests.test_periodic.record_run", 60),
    )
    assert periodic.run_due(configured, worker="one:1") == ["broken", "record"]
    assert (
        PeriodicJob.objects.get(name="broken").last_error
        == "RuntimeError: the purge found the storage read-only"
    )
    assert len(RUNS) == 1


@pytest.mark.parametrize(
    "entry",
    [
        ("plenary.core.tests.test_periodic.no_such_function", 60),
        ("plenary.core.tests.test_periodic.record_run", 0),
        "plenary.core.tests.test_periodic.record_run",
    ],
)
def test_a_misconfigured_job_is_named(entry):
    with pytest.raises(ImproperlyConfigured, match=r"PLENARY_PERIODIC_JOBS\['purge'\]"):
        jobs(purge=entry)


@pytest.mark.postgres
def test_processes_claiming_at_once_run_a_job_once(transactional_db):
    PeriodicJob.objects.create(name="purge", next_run_at=timezone.now())
    start_together = threading.Barrier(6)
    claims = []

    def claim(worker):
        try:
            start_together.wait()
            claims.append(periodic.claim("purge", timedelta(hours=1), worker=worker))
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(f"machine{n}:1",)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(claims) == [False] * 5 + [True]


@pytest.mark.postgres
def test_a_job_running_longer_than_its_lease_keeps_it(transactional_db, monkeypatch):
    """The lease is renewed while the job runs: no other process starts it beside, even once due."""
    monkeypatch.setattr(periodic, "LEASE", timedelta(seconds=3))
    PeriodicJob.objects.create(name="purge", next_run_at=timezone.now())
    assert periodic.claim("purge", timedelta(seconds=0), worker="one:1")
    first_lease = PeriodicJob.objects.get().lease_until
    taken_by_another = []

    def long_job():
        deadline = time.monotonic() + 30
        while PeriodicJob.objects.get().lease_until == first_lease and time.monotonic() < deadline:
            threading.Event().wait(0.05)
        while timezone.now() <= first_lease:  # the job is due again (interval 0), its first lease over
            threading.Event().wait(0.05)
        taken_by_another.append(periodic.claim("purge", timedelta(seconds=0), worker="two:2"))

    periodic.run_claimed("purge", long_job, worker="one:1")

    assert taken_by_another == [False]
    assert PeriodicJob.objects.get().running_by == ""
