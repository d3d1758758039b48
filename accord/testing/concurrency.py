"""Several workers, web processes or pollers at the same instant, for the tests that prove
nothing is doubled: threads released together by a barrier, each with its own database connection."""

import threading

from django.db import connections


def in_threads(count: int, target, *, timeout: float = 120) -> list:
    """Run `target(index)` in `count` threads started together; their results in thread order.

    Fails the test with every thread's error if any raised (use `transaction=True` tests: each thread
    commits on its own connection, as separate processes would)."""
    barrier = threading.Barrier(count)
    results: list = [None] * count
    errors: list[BaseException] = []

    def run(index):
        try:
            barrier.wait(timeout=10)
            results[index] = target(index)
        except BaseException as exc:  # reported below, with the thread's own error
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not errors, errors
    return results
