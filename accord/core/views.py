import sqlite3
import sys

from django.db import DatabaseError, connection
from django.http import JsonResponse

from accord.core.errorpages import DATABASE_UNAVAILABLE, failure_response

# How long /healthz waits for SQLite's write lock before calling the database locked.
SQLITE_LOCK_WAIT_SECONDS = 1.0


def server_error(request):
    """handler500: the translated failure page; a 503 when the cause is the database being unavailable."""
    return failure_response(request, unavailable=isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE))


def _sqlite_write_check(name: str) -> str | None:
    """Can a write start now? A separate connection takes the write lock (BEGIN IMMEDIATE) and lets it go.

    SQLite answers a read while another connection holds the write lock, or when the file is read-only:
    `SELECT 1` alone would say "ok" to a database where no complaint can be saved.
    """
    try:
        probe = sqlite3.connect(f"file:{name}?mode=rw", uri=True, timeout=SQLITE_LOCK_WAIT_SECONDS)
    except sqlite3.Error:
        return "unreachable"
    try:
        probe.isolation_level = None
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
    except sqlite3.OperationalError as error:
        text = str(error).lower()
        if "locked" in text or "busy" in text:
            return "locked"
        if "readonly" in text or "read-only" in text:
            return "read-only"
        return "unavailable"
    finally:
        probe.close()
    return None


def _database_problem() -> tuple[str, str] | None:
    """(the error class, a short reason) when the database cannot take a write now; None when it can."""
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # A standby or a database switched to read-only answers SELECT 1 but refuses every write.
                cursor.execute("SELECT current_setting('transaction_read_only')")
                if cursor.fetchone()[0] == "on":
                    return "OperationalError", "read-only"
            else:
                cursor.execute("SELECT 1")
                cursor.fetchone()
    except DatabaseError as error:
        return error.__class__.__name__, "unreachable"
    if connection.vendor == "sqlite" and not connection.is_in_memory_db():
        reason = _sqlite_write_check(connection.settings_dict["NAME"])
        if reason:
            return "OperationalError", reason
    return None


def healthz(request):
    """200 when the database can take a write now, 503 with the reason otherwise (load balancers, monitors).

    The reason is a fixed word (unreachable, locked, read-only, unavailable), never the driver's message,
    which can name hosts and users: this address answers anyone.
    """
    problem = _database_problem()
    if problem:
        error, reason = problem
        return JsonResponse({"status": "error", "database": error, "reason": reason}, status=503)
    return JsonResponse({"status": "ok"})
