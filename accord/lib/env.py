"""Small typed readers for settings that come from the environment (healthchecks' style)."""

import os


def envstr(name: str, default: str = "") -> str:
    """The variable's value; the default when it is unset or empty (`DATABASE_URL= make test`)."""
    value = os.environ.get(name)
    return default if value is None or value == "" else value


def envbool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return int(value)


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]
