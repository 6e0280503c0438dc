"""`plenary outbox deliver [--watch]` sends what is due; `plenary outbox status` summarises the outbox."""

import signal
import time
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from plenary.core import outbox


class Command(BaseCommand):
    help = "Deliver the mail outbox (re-queueing messages a killed worker left sending), or summarise it."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        deliver = actions.add_parser("deliver", help="send every due message, once, or continuously")
        deliver.add_argument("--watch", action="store_true", help="keep running, checking every --interval")
        deliver.add_argument("--interval", type=float, default=5.0, help="seconds between checks (5)")
        deliver.add_argument(
            "--stale-after",
            type=float,
            default=outbox.DEFAULT_STALE_AFTER.total_seconds(),
            help="seconds after which a message still `sending` is taken as abandoned by a dead worker "
            "and sent again with the same Message-ID (600); 0 only when no other worker runs",
        )
        status = actions.add_parser("status", help="counts by status, backlog, stuck and failed messages")
        status.add_argument("--stale-after", type=float, default=outbox.DEFAULT_STALE_AFTER.total_seconds())

    def handle(self, *args, action, **options):
        if options["stale_after"] < 0:
            raise CommandError("--stale-after must be zero or more seconds.")
        stale_after = timedelta(seconds=options["stale_after"])
        if action == "status":
            self.status(stale_after)
        else:
            self.deliver(stale_after, watch=options["watch"], interval=options["interval"])

    def deliver(self, stale_after, *, watch, interval):
        self.stopping = False
        if watch:
            signal.signal(signal.SIGTERM, self.stop)
            signal.signal(signal.SIGINT, self.stop)
        worker = outbox.worker_name()
        while True:
            requeued, attempts = outbox.sweep(
                stale_after=stale_after, worker=worker, should_stop=lambda: self.stopping
            )
            if requeued or attempts or not watch:
                self.stdout.write(f"{worker}: re-queued {requeued} stale, {attempts} delivery attempt(s)")
            if not watch or self.stopping:
                return
            deadline = time.monotonic() + interval
            while not self.stopping and time.monotonic() < deadline:
                time.sleep(min(0.5, interval))
            # A long-running process drops connections that broke or outlived CONN_MAX_AGE.
            close_old_connections()

    def stop(self, signum, frame):
        """Finish the message being sent, then leave."""
        self.stopping = True

    def status(self, stale_after):
        summary = outbox.status_summary(stale_after=stale_after)
        for status, label in outbox.Status.choices:
            self.stdout.write(f"{label:>16}: {summary['counts'][status]}")
        self.stdout.write(f"{'due now':>16}: {summary['due']}")
        if summary["oldest_due"]:
            self.stdout.write(f"{'oldest due':>16}: queued {summary['oldest_due']:%Y-%m-%d %H:%M:%S} UTC")
        if summary["next_retry"]:
            self.stdout.write(f"{'next retry':>16}: {summary['next_retry']:%Y-%m-%d %H:%M:%S} UTC")
        if summary["stale"]:
            seconds = stale_after.total_seconds()
            self.stdout.write(
                self.style.WARNING(
                    f"{summary['stale']} message(s) sending for more than {seconds:.0f} s: "
                    "is a worker stuck or dead? `plenary outbox deliver` re-queues them."
                )
            )
        for message in summary["recent_failures"]:
            self.stdout.write(
                self.style.ERROR(f"failed #{message.pk} to {', '.join(message.to)}: {message.last_error}")
            )
