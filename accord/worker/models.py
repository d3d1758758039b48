"""What the worker keeps: one row per periodic job per time slot."""

from django.db import models
from django.utils import timezone


class ScheduledRun(models.Model):
    """A periodic job's run for one slot of its schedule (a minute, five minutes, a day...).

    The unique (job, slot) constraint is what makes a job run once per slot whatever the number
    of workers: the worker whose insert commits enqueues the task in the same transaction; the
    others get an IntegrityError and move on.
    """

    job = models.CharField(max_length=50)
    slot = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    worker_id = models.CharField(max_length=64, blank=True)
    # The DBTaskResult enqueued for this run; empty when the run was skipped because the job's
    # previous run had not finished yet (a slow mailbox poll is not stacked up behind itself).
    task_id = models.CharField(max_length=64, blank=True)
    skipped = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="scheduled_run_once_per_slot")]
        indexes = [models.Index(fields=["job", "-slot"], name="scheduled_run_latest")]

    def __str__(self) -> str:
        return f"{self.job} {self.slot:%Y-%m-%d %H:%M:%S}"
