"""The worker: django-tasks-db's worker loop, plus the periodic jobs of `settings.ACCORD_SCHEDULE`.

`AccordWorker` reuses the backend's own code for everything that touches a task: the query of
ready tasks, the claim (`select_for_update(skip_locked=True)` then marking the row RUNNING, in one
transaction; on SQLite an exclusive transaction), and `run_task` (signals, result, error and
traceback kept on the row). What it adds is `step()`: one schedule tick (at most once a second),
then at most one task, so the loop and the tests run the very same code.
"""

import logging
import random
import time

from django.db import close_old_connections
from django.db.utils import OperationalError
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from accord.worker.schedule import schedule_tick

logger = logging.getLogger("accord.worker")

TICK_SECONDS = 1.0


class AccordWorker(Worker):
    def __init__(self, *, schedule: bool = True, **options):
        options.setdefault("queue_names", ["default"])
        options.setdefault("interval", 1.0)
        options.setdefault("batch", False)
        options.setdefault("backend_name", "default")
        options.setdefault("startup_delay", False)
        options.setdefault("max_tasks", None)
        options.setdefault("excluded_queue_names", [])
        super().__init__(**options)
        self.schedule = schedule
        self._next_tick = 0.0

    def tick(self) -> None:
        """Enqueue the periodic jobs that are due (throttled: the schedule's slots are seconds at least)."""
        if not self.schedule or time.monotonic() < self._next_tick:
            return
        self._next_tick = time.monotonic() + TICK_SECONDS
        try:
            schedule_tick(worker_id=self.worker_id)
        except OperationalError as exc:
            if not is_locked_database_exception(exc):
                raise
            # SQLite busy with another writer: the next tick tries again.

    def ready_tasks(self):
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        return tasks

    def claim(self) -> DBTaskResult | None:
        """Take the next ready task so that no other worker can (the backend's own claim)."""
        tasks = self.ready_tasks()
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
            except OperationalError as exc:
                if is_locked_database_exception(exc):
                    return None
                raise
        return task_result

    def step(self) -> DBTaskResult | None:
        """One turn of the loop: the schedule, then at most one task. The task run, or None."""
        self.tick()
        task_result = self.claim()
        if task_result is not None:
            self.run_task(task_result)
        return task_result

    def run(self) -> None:
        logger.info(
            "worker %s started: queues %s, schedule %s",
            self.worker_id,
            ",".join(self.queue_names),
            "on" if self.schedule else "off",
        )
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311 - spreads workers started together
        while self.running:
            close_old_connections()
            task_result = self.step()
            close_old_connections()
            if self.batch and task_result is None:
                logger.info("worker %s: no task left, exiting", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                logger.info("worker %s: ran %d tasks, exiting", self.worker_id, self._run_tasks)
                return
            if self.running and task_result is None:
                time.sleep(self.interval)
