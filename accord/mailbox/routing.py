"""Replies to e-mails another app sent, claimed by that app before the mailbox's own routing.

The mailbox files members' mail; some e-mails Accord sends are not the member's thread (a question to a
department, its reminders). The app that sent them knows what a reply to them is, so it registers a
router in its AppConfig.ready(), as the case page's panels are registered (cases/panels.py), and the
mailbox stays ignorant of it:

    from accord.mailbox.routing import reply_router_register
    reply_router_register(request_reply_route)

`router(inbound, parsed)` runs inside the message's routing savepoint, after bounces, automatic replies and
Accord's own mail were set aside, before the member's thread is looked for. It returns True when it filed
the message (having set `inbound.state`, `evidence` and `case`), else False. It must never drop one: what it
claims, it keeps somewhere a mediator sees it."""

from collections.abc import Callable

_ROUTERS: list[Callable] = []


def reply_router_register(router: Callable) -> None:
    if router not in _ROUTERS:  # ready() may run twice (tests, autoreload)
        _ROUTERS.append(router)


def reply_routers() -> list[Callable]:
    return list(_ROUTERS)


def thread_ids(parsed) -> list[str]:
    """The Message-IDs a message answers, the most direct parent first (In-Reply-To, then References from the
    newest), each as Accord stores it (with <>) and as the parser gives it (without)."""
    found: list[str] = []
    for value in [*parsed.in_reply_to, *reversed(parsed.references)]:
        bare = value.strip().strip("<>")
        if bare:
            for form in (bare, f"<{bare}>"):
                if form not in found:
                    found.append(form)
    return found
