"""Running background tasks in the tests, through the real database backend and worker code.

Accord's tasks are rows of django-tasks-db written in the transaction that enqueues them
(`email_send.enqueue(...)` inside `member_email_queue`...). Nothing runs them in a test until you
ask: that is the point, a test sees exactly what a worker would do and when.

- `run_queued_tasks()` (function, and the fixture of the same name in conftest): runs every
  *ready* task once with `AccordWorker.step()`, the step of `manage.py accord_worker` (claim with
  the backend's row lock, run, keep the result), until none is left, including the tasks those
  tasks enqueue (an e-mail queued by a reminder). Tasks deferred to later (`run_after`, e.g. an
  e-mail retry in 5 minutes) are not ready: travel in time (`time_machine`) then call it again.
  Raises AssertionError with the traceback if a task failed (`raise_errors=False` to inspect the
  results instead). Returns the `DBTaskResult`s run, oldest first.
  The periodic jobs are not ticked; test them with `accord.worker.schedule.schedule_tick(now=...)`
  (or `AccordWorker(schedule=True).step()`), then `run_queued_tasks()`.

      def test_reply_by_mail_lands_on_the_case(run_queued_tasks, smtp_server, ...):
          mailbox_poll_once()          # or: schedule_tick(now=...) to enqueue the periodic poll
          run_queued_tasks()           # the acknowledgement's email_send runs, over real SMTP
          smtp_server.wait_for(1)

  It runs in the test's thread and database connection, so it sees the test's uncommitted data
  (plain `db` tests) and leaves the rollback to pytest-django.
- `background_worker` (fixture): a real worker in a thread, polling every 50 ms, for tests where
  another thread commits the work (the live server of the browser tests). Needs a transactional
  database (`transactional_db` / `live_server`).
- `probe` (task): appends a token to a file; the concurrency tests count how often it ran.
"""

import threading
import time

import pytest
from django.db import connections
from django_tasks import task

from accord.worker.runner import AccordWorker

MAX_TASKS = 1000


def run_queued_tasks(*, raise_errors: bool = True, queue_names=("*",)) -> list:
    """Run every ready task once, through the worker's own claim-and-run step; the results, oldest first."""
    worker = AccordWorker(schedule=False, queue_names=list(queue_names), worker_id="test-worker")
    results = []
    for _ in range(MAX_TASKS):
        result = worker.step()
        if result is None:
            break
        result.refresh_from_db()
        results.append(result)
    else:  # pragma: no cover - a task that keeps enqueueing ready tasks
        raise AssertionError(f"more than {MAX_TASKS} tasks ran: a task keeps enqueueing ready tasks")
    failed = [r for r in results if r.status == "FAILED"]
    if raise_errors and failed:
        details = "\n\n".join(f"{r.task_path} {r.args_kwargs}:\n{r.traceback}" for r in failed)
        raise AssertionError(f"{len(failed)} task(s) failed:\n{details}")
    return results


@pytest.fixture(name="run_queued_tasks")
def run_queued_tasks_fixture(db):
    """`run_queued_tasks()`: run every ready background task once (see the module's docstring)."""
    return run_queued_tasks


class BackgroundWorker:
    def __init__(self, *, interval: float = 0.05, schedule: bool = False, worker_id: str = "background-worker"):
        self.worker = AccordWorker(schedule=schedule, interval=interval, queue_names=["*"], worker_id=worker_id)
        self.thread = threading.Thread(target=self._run, name=worker_id, daemon=True)
        self.errors: list[BaseException] = []

    def _run(self):
        try:
            while self.worker.running:
                if self.worker.step() is None:
                    time.sleep(self.worker.interval)
        except BaseException as exc:  # pragma: no cover - shown by the fixture
            self.errors.append(exc)
        finally:
            connections.close_all()

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.worker.running = False
        self.thread.join(timeout=30)


@pytest.fixture
def background_worker(transactional_db):
    """A worker running in a thread for the test's duration (tasks committed by other threads get run)."""
    worker = BackgroundWorker().start()
    yield worker
    worker.stop()
    assert not worker.errors, worker.errors


@task()
def probe(path: str, token: str, pause: float = 0.0) -> str:
    """Test task: append `token` to the file at `path` (O_APPEND: lines from concurrent workers never mix)."""
    if pause:
        time.sleep(pause)
    with open(path, "a") as f:
        f.write(token + "\n")
    return token
