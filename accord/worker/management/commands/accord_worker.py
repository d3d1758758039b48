"""`manage.py accord_worker`: run background tasks and the periodic jobs of ACCORD_SCHEDULE.

Start as many as needed, on as many machines as needed, against the same PostgreSQL database:
each task is claimed by one worker only (row lock, skip-locked) and each periodic run is enqueued
once per slot (a unique row per job and slot). Stop with SIGTERM or Ctrl-C: the task in progress
finishes first (a second signal aborts it).
"""

import logging
import os
import socket

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django.utils.crypto import get_random_string

from accord.worker.runner import AccordWorker


class Command(BaseCommand):
    help = "Run Accord's background worker: queued tasks (e-mail, reminders...) and the periodic jobs."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds to wait when no task is ready (default 1)."
        )
        parser.add_argument("--queue-name", default="default", help="Queues to process, comma-separated; '*' for all.")
        parser.add_argument("--batch", action="store_true", help="Run the due jobs and every ready task, then exit.")
        parser.add_argument("--max-tasks", type=int, default=None, help="Exit after running this many tasks.")
        parser.add_argument(
            "--no-schedule", action="store_false", dest="schedule", help="Run tasks only, no periodic jobs."
        )
        parser.add_argument(
            "--worker-id", default="", help="Unique in the pool (default: host, pid and a random part)."
        )
        parser.add_argument("--reload", action="store_true", help="Restart on code changes (development).")

    def handle(self, *, interval, queue_name, batch, max_tasks, schedule, worker_id, reload, verbosity, **options):
        if verbosity > 0:
            for name in ("accord", "django_tasks", "django_tasks_db"):
                logger = logging.getLogger(name)
                logger.setLevel(logging.DEBUG if verbosity > 1 else logging.INFO)
        worker_id = worker_id or f"{socket.gethostname()[:30]}-{os.getpid()}-{get_random_string(6)}"
        worker = AccordWorker(
            schedule=schedule,
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=not batch,
            max_tasks=max_tasks,
            worker_id=worker_id[:64],
            excluded_queue_names=[],
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
        if settings.DEBUG and batch:
            self.stdout.write(f"worker {worker_id}: {worker._run_tasks} task(s) run")
