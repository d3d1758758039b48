"""A database that is down or locked, for real (no mock): a second connection holding the write lock,
or the default alias pointed at a closed port / an unopenable file."""

import contextlib
import socket
import sqlite3

from django.db import connections
from django.db.utils import load_backend


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # free once closed: nothing listens there


@contextlib.contextmanager
def default_database(**changes):
    """The default alias replaced, for the block, by a connection with these settings changed."""
    good = connections["default"]
    settings_dict = {**good.settings_dict, **changes}
    other = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")
    connections["default"] = other
    try:
        yield other
    finally:
        other.close()
        connections["default"] = good


def database_unreachable(tmp_path):
    good = connections["default"]
    if good.vendor == "sqlite":
        return default_database(NAME=str(tmp_path / "no-such-folder" / "accord.sqlite3"))
    return default_database(HOST="127.0.0.1", PORT=str(closed_port()))


@contextlib.contextmanager
def write_lock_held(tables=("accord_cache",)):
    """Another connection holds a write transaction; the default alias gives up after a fraction of a second.

    SQLite: BEGIN IMMEDIATE (the database's one write lock). PostgreSQL: an exclusive lock on `tables`,
    with the default alias' lock_timeout short. Needs a transactional test (`transactional_db`): the
    usual test transaction would hold the lock itself.
    """
    good = connections["default"]
    if good.vendor == "sqlite":
        holder = sqlite3.connect(good.settings_dict["NAME"], isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        options = {**good.settings_dict.get("OPTIONS", {}), "timeout": 0.2}
    else:
        import psycopg

        s = good.settings_dict
        holder = psycopg.connect(
            dbname=s["NAME"], user=s["USER"], host=s["HOST"], port=s["PORT"] or 5432, password=s["PASSWORD"]
        )
        holder.execute(f"LOCK TABLE {', '.join(tables)} IN ACCESS EXCLUSIVE MODE")
        options = {**good.settings_dict.get("OPTIONS", {}), "options": "-c lock_timeout=200"}
    try:
        with default_database(OPTIONS=options):
            yield
    finally:
        holder.rollback() if good.vendor != "sqlite" else holder.execute("ROLLBACK")
        holder.close()
