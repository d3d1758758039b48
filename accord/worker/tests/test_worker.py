"""The worker: tasks run only if their transaction committed, once each, and periodic jobs once per slot,
whatever the number of workers (threads here, each with its own database connection)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from accord.testing.concurrency import in_threads
from accord.testing.tasks import probe, run_queued_tasks
from accord.worker.models import ScheduledRun
from accord.worker.runner import AccordWorker
from accord.worker.schedule import Job, jobs, schedule_run, schedule_tick

BRUSSELS = ZoneInfo("Europe/Brussels")


def _lines(path) -> list[str]:
    return path.read_text().split() if path.exists() else []


@pytest.mark.django_db(transaction=True)
def test_a_task_enqueued_in_a_rolled_back_transaction_never_runs(tmp_path):
    out = tmp_path / "ran.txt"
    with pytest.raises(RuntimeError), transaction.atomic():
        probe.enqueue(str(out), "rolled-back")
        raise RuntimeError("the change fails after its task was enqueued")
    with transaction.atomic():
        probe.enqueue(str(out), "committed")
    assert DBTaskResult.objects.count() == 1
    run_queued_tasks()
    assert _lines(out) == ["committed"]


def test_a_task_enqueued_in_a_rolled_back_savepoint_never_runs(db, tmp_path):
    out = tmp_path / "ran.txt"
    with pytest.raises(RuntimeError), transaction.atomic():
        probe.enqueue(str(out), "rolled-back")
        raise RuntimeError
    assert run_queued_tasks() == []
    assert not out.exists()


@pytest.mark.django_db(transaction=True)
def test_two_workers_on_the_same_queue_never_run_a_task_twice(tmp_path):
    out = tmp_path / "ran.txt"
    tokens = [f"t{i}" for i in range(40)]
    for token in tokens:
        probe.enqueue(str(out), token, pause=0.01)

    def work(index):
        worker = AccordWorker(schedule=False, queue_names=["*"], worker_id=f"worker-{index}")
        while worker.step() is not None:
            pass

    in_threads(2, work)
    assert sorted(_lines(out)) == sorted(tokens)  # each ran, exactly once
    results = list(DBTaskResult.objects.all())
    assert {r.status for r in results} == {"SUCCESSFUL"}
    assert all(len(r.worker_ids) == 1 for r in results)


def _job(**spec) -> Job:
    return Job(name="j", task_path="accord.worker.tasks.housekeeping", **spec)


def test_slots_every_n_seconds_and_at_a_time_on_working_days():
    every = _job(every=60)
    assert every.slot(datetime(2026, 3, 2, 10, 0, 59, tzinfo=BRUSSELS)) == every.slot(
        datetime(2026, 3, 2, 10, 0, 0, tzinfo=BRUSSELS)
    )
    assert every.slot(datetime(2026, 3, 2, 10, 1, 0, tzinfo=BRUSSELS)) != every.slot(
        datetime(2026, 3, 2, 10, 0, 59, tzinfo=BRUSSELS)
    )
    from datetime import time

    digest = _job(at=time(7, 30), working_days="BE")
    assert digest.slot(datetime(2026, 3, 2, 7, 29, tzinfo=BRUSSELS)) is None  # Monday, too early
    assert digest.slot(datetime(2026, 3, 2, 7, 30, tzinfo=BRUSSELS)) == datetime(2026, 3, 2, 7, 30, tzinfo=BRUSSELS)
    assert digest.slot(datetime(2026, 3, 2, 16, 0, tzinfo=BRUSSELS)) == datetime(
        2026, 3, 2, 7, 30, tzinfo=BRUSSELS
    )  # caught up
    assert digest.slot(datetime(2026, 3, 7, 9, 0, tzinfo=BRUSSELS)) is None  # Saturday
    assert digest.slot(datetime(2026, 4, 6, 9, 0, tzinfo=BRUSSELS)) is None  # Easter Monday, a Belgian holiday
    daily = _job(at=time(3, 0))
    assert daily.slot(datetime(2026, 3, 7, 9, 0, tzinfo=BRUSSELS)) is not None  # no calendar: every day


def test_the_settings_schedule_is_valid_and_has_the_mailbox_deadlines_and_digest_jobs(settings):
    names = {job.name: job for job in jobs()}
    assert {"mailbox_poll", "deadlines_check", "daily_digest"} <= names.keys()
    assert names["daily_digest"].working_days == "BE"
    settings.ACCORD_SCHEDULE = {"bad": {"task": "x.y", "every": 60, "at": "07:30"}}
    with pytest.raises(ValueError):
        jobs()


@pytest.mark.django_db(transaction=True)
def test_two_workers_enqueue_each_periodic_run_once_per_slot():
    monday_morning = datetime(2026, 3, 2, 7, 45, tzinfo=BRUSSELS)

    def tick(index):
        for _ in range(5):
            schedule_tick(now=monday_morning, worker_id=f"worker-{index}")

    in_threads(2, tick)
    due = {job.name for job in jobs() if job.slot(monday_morning)}
    assert {"mailbox_poll", "deadlines_check", "daily_digest", "housekeeping"} <= due
    runs = list(ScheduledRun.objects.all())
    assert sorted(r.job for r in runs) == sorted(due)  # one row per job for this slot
    assert DBTaskResult.objects.count() == len(due)  # one task per run
    assert {str(r.task_id) for r in runs} == {str(t.pk) for t in DBTaskResult.objects.all()}
    # The next minute is a new slot for the every-minute poll only.
    schedule_tick(now=monday_morning.replace(minute=46))
    assert ScheduledRun.objects.filter(job="mailbox_poll").count() == 2
    assert ScheduledRun.objects.filter(job="daily_digest").count() == 1


def test_no_digest_run_is_scheduled_on_a_belgian_holiday(db):
    schedule_tick(now=datetime(2026, 4, 6, 8, 0, tzinfo=BRUSSELS))  # Easter Monday
    assert not ScheduledRun.objects.filter(job="daily_digest").exists()
    schedule_tick(now=datetime(2026, 4, 7, 8, 0, tzinfo=BRUSSELS))
    assert ScheduledRun.objects.filter(job="daily_digest").count() == 1


def test_a_periodic_run_is_skipped_while_the_previous_one_has_not_finished(db):
    poll = next(job for job in jobs() if job.name == "mailbox_poll")
    first = schedule_run(poll, slot=datetime(2026, 3, 2, 10, 0, tzinfo=BRUSSELS))
    second = schedule_run(poll, slot=datetime(2026, 3, 2, 10, 1, tzinfo=BRUSSELS))
    assert first.task_id and not first.skipped
    assert second.skipped and not second.task_id
    run_queued_tasks()
    third = schedule_run(poll, slot=datetime(2026, 3, 2, 10, 2, tzinfo=BRUSSELS))
    assert third.task_id and not third.skipped


def test_a_run_left_running_by_a_dead_worker_does_not_stop_the_job_for_ever(db):
    from django_tasks_db.models import DBTaskResult

    poll = next(job for job in jobs() if job.name == "mailbox_poll")
    first = schedule_run(poll, slot=datetime(2026, 3, 2, 10, 0, tzinfo=BRUSSELS))
    # A worker took the poll and was killed: the task stays RUNNING, started long ago.
    DBTaskResult.objects.filter(pk=first.task_id).update(
        status="RUNNING", started_at=datetime(2026, 3, 2, 10, 0, 5, tzinfo=BRUSSELS)
    )
    soon = schedule_run(poll, slot=datetime(2026, 3, 2, 10, 1, tzinfo=BRUSSELS))
    assert soon.skipped  # it may still be working
    later = schedule_run(poll, slot=datetime(2026, 3, 2, 10, 30, tzinfo=BRUSSELS))
    assert later.task_id and not later.skipped


def test_mailbox_poll_is_skipped_without_a_mailbox(db, settings):
    from accord.worker.tasks import mailbox_poll

    settings.ACCORD_MAILBOX_URL = ""
    mailbox_poll.enqueue()
    (result,) = run_queued_tasks()
    assert result.status == "SUCCESSFUL" and result.return_value is None


@pytest.mark.django_db(transaction=True)
def test_accord_worker_command_runs_the_due_jobs_and_the_queued_tasks(tmp_path):
    out = tmp_path / "ran.txt"
    probe.enqueue(str(out), "queued-before-start")
    call_command("accord_worker", "--batch", "--no-schedule", verbosity=0)
    assert _lines(out) == ["queued-before-start"]
    call_command("accord_worker", "--batch", verbosity=0)
    ran = set(ScheduledRun.objects.values_list("job", flat=True))
    assert {"mailbox_poll", "deadlines_check"} <= ran
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_housekeeping_refreshes_sqlites_statistics_so_the_queue_walks_its_index(db, marie, make_case):
    from django.db import connection

    from accord.worker.tasks import database_analyze

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's autovacuum keeps its own statistics")
    make_case(marie)
    database_analyze()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'cases_case'")
        assert cursor.fetchone()[0] > 0
