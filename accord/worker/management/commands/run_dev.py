"""`manage.py run_dev [addr:port]`: the development server and one worker, started and stopped together.

`make run` uses it. Both run as child processes; when either ends, on Ctrl-C or on SIGTERM the
other is stopped too (SIGTERM: the worker finishes its current task first). On Linux the children
are also told to stop if this launcher is killed outright, so no worker outlives a closed terminal.
The worker does not reload on code changes (runserver does): restart `make run` after changing a task.
"""

import ctypes
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

STOP_TIMEOUT = 15
PR_SET_PDEATHSIG = 1


def _die_with_parent():  # pragma: no cover - runs in the child before exec
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass


class Command(BaseCommand):
    help = "Run the development web server and one background worker; stop both when either stops."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *, addrport, **options):
        manage = [sys.executable, sys.argv[0]]
        preexec = _die_with_parent if sys.platform.startswith("linux") else None
        children = {
            "worker": subprocess.Popen([*manage, "accord_worker"], preexec_fn=preexec),
            "web server": subprocess.Popen([*manage, "runserver", addrport], preexec_fn=preexec),
        }

        def interrupted(signum, frame):
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, interrupted)
        ended = None
        try:
            while ended is None:
                ended = next((name for name, child in children.items() if child.poll() is not None), None)
                time.sleep(0.3)
        except KeyboardInterrupt:
            pass
        finally:
            for child in children.values():
                if child.poll() is None:
                    child.terminate()
            deadline = time.monotonic() + STOP_TIMEOUT
            for child in children.values():
                try:
                    child.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
        if ended:
            self.stderr.write(
                f"The {ended} stopped (exit status {children[ended].returncode}): stopped the other one too."
            )
            sys.exit(1)
