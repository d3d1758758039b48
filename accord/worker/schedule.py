"""Periodic jobs: which slot is due now, and enqueueing each slot's run exactly once.

`settings.ACCORD_SCHEDULE` maps a job name to its task and its rhythm:

    {"task": "accord.cases.tasks.deadlines_check", "every": 300}           # every 300 s
    {"task": "accord.notifications.tasks.daily_digest", "at": "07:30",     # 07:30 local time,
     "working_days": "BE"}                                                 # on Belgian working days

A slot is the start of the period a run belongs to (the multiple of `every` seconds since the
epoch; today at `at`). Every worker calls `schedule_tick()` about once a second; for each job
whose current slot has no `ScheduledRun` yet, it inserts one and enqueues the task *in the same
transaction*. The unique (job, slot) constraint lets exactly one insert commit (PostgreSQL makes
the others wait for it, then refuses them; SQLite serialises the writers), so a run is enqueued
once per slot whatever the number of workers and machines. A daily job whose time passed while no
worker ran is caught up when one starts that same day.
"""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from accord.lib.workingdays import is_working_day
from accord.worker.models import ScheduledRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    task_path: str
    every: int | None = None
    at: time | None = None
    working_days: str | None = None

    def slot(self, now: datetime) -> datetime | None:
        """The slot `now` falls in, or None when the job is not due today (a daily job before its time,
        or on a weekend or holiday of its calendar)."""
        if self.every:
            start = int(now.timestamp()) // self.every * self.every
            return datetime.fromtimestamp(start, tz=UTC)
        local = timezone.localtime(now)
        if local.time() < self.at:
            return None
        if self.working_days and not is_working_day(local.date(), self.working_days):
            return None
        return timezone.make_aware(datetime.combine(local.date(), self.at))


def jobs() -> list[Job]:
    """The schedule from the settings, checked: a job runs every N seconds or at a time of day."""
    result = []
    for name, spec in settings.ACCORD_SCHEDULE.items():
        every, at = spec.get("every"), spec.get("at")
        if bool(every) == bool(at):
            raise ValueError(f"ACCORD_SCHEDULE[{name!r}]: give either 'every' (seconds) or 'at' (HH:MM)")
        result.append(
            Job(
                name=name,
                task_path=spec["task"],
                every=int(every) if every else None,
                at=time.fromisoformat(at) if at else None,
                working_days=spec.get("working_days"),
            )
        )
    return result


_STALE_AFTER = timedelta(minutes=15)


def _previous_run_unfinished(job: Job, slot: datetime) -> bool:
    from django_tasks_db.models import DBTaskResult

    last = (
        ScheduledRun.objects.filter(job=job.name, slot__lt=slot, skipped=False)
        .order_by("-slot")
        .values_list("task_id", flat=True)
        .first()
    )
    if not last:
        return False
    # A run still RUNNING long after it started belongs to a worker that died mid-task: it will never
    # finish, and must not stop the job for ever.
    stale = slot - max(_STALE_AFTER, timedelta(seconds=10 * job.every))
    return (
        DBTaskResult.objects.filter(pk=last)
        .filter(Q(status="READY") | Q(status="RUNNING", started_at__gte=stale))
        .exists()
    )


def schedule_run(job: Job, *, slot: datetime, worker_id: str = "") -> ScheduledRun | None:
    """Enqueue the job's run for this slot unless a worker already did; None if one did."""
    if ScheduledRun.objects.filter(job=job.name, slot=slot).exists():
        return None
    try:
        with transaction.atomic():
            run = ScheduledRun.objects.create(job=job.name, slot=slot, worker_id=worker_id[:64])
            if job.every and _previous_run_unfinished(job, slot):
                # The previous run (a slow mailbox poll...) is still queued or running: do not stack another.
                run.skipped = True
                run.save(update_fields=["skipped"])
                logger.info("job %s: slot %s skipped, the previous run has not finished", job.name, slot)
                return run
            result = import_string(job.task_path).enqueue(slot=slot.isoformat())
            run.task_id = str(result.id)
            run.save(update_fields=["task_id"])
    except IntegrityError:
        # Another worker inserted this slot's row first (and enqueued the run).
        return None
    logger.info("job %s: run for slot %s enqueued by worker %s", job.name, slot, worker_id)
    return run


def schedule_tick(*, now: datetime | None = None, worker_id: str = "") -> list[ScheduledRun]:
    """Enqueue every job whose current slot has not been run yet; the runs this call enqueued."""
    now = now or timezone.now()
    runs = []
    for job in jobs():
        slot = job.slot(now)
        if slot is None:
            continue
        run = schedule_run(job, slot=slot, worker_id=worker_id)
        if run is not None:
            runs.append(run)
    return runs


def scheduled_runs_prune(*, older_than: timedelta = timedelta(days=30)) -> int:
    deleted, _ = ScheduledRun.objects.filter(slot__lt=timezone.now() - older_than).delete()
    return deleted
