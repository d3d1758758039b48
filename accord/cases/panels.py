"""Parts of the case page and the member's page that other apps contribute, without `cases` depending on them.

An app that builds on cases (departments, mediation, …) registers a panel in its AppConfig.ready():

    from accord.cases.panels import case_panel_register
    case_panel_register(template="departments/_case_panel.html", context=requests_panel)

`context(request, case, forms)` returns the panel's context (or None to show nothing); the case page renders
each registered panel, in `order`, inside its main column, after the messages with the member. The view
calls each panel only for someone who may work the case (permissions decided before, in the view).
`member_panel_register` does the same for the member's private page: `context(request, case)`.
A POST view of the app that fails validation re-renders the case page with its bound form in `forms`
(`cases.views.case_page_with_forms`).

`queue_badges_register(fn)` lets an app add badges to the queue's rows (departments: waiting for a department).

`step_initial_register(fn)` lets an app suggest a step form's initial values (mediation: the outcome).

`event_sentence_register(kind=..., sentence=fn)` gives the timeline the words for the events an app writes
(`EventKind.DYSFUNCTION`…): `fn(event)` returns the line in the reader's language, or "" to fall back on
the kind's label."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable
    order: int


_CASE_PANELS: list[Panel] = []
_MEMBER_PANELS: list[Panel] = []
_EVENT_SENTENCES: dict[str, Callable] = {}
_STEP_INITIALS: list[Callable] = []
_QUEUE_BADGES: list[Callable] = []


def _register(panels: list[Panel], template: str, context: Callable, order: int) -> None:
    if any(p.template == template for p in panels):  # ready() may run twice (tests, autoreload)
        return
    panels.append(Panel(template, context, order))
    panels.sort(key=lambda p: (p.order, p.template))


def case_panel_register(*, template: str, context: Callable, order: int = 100) -> None:
    _register(_CASE_PANELS, template, context, order)


def member_panel_register(*, template: str, context: Callable, order: int = 100) -> None:
    _register(_MEMBER_PANELS, template, context, order)


def case_panels(request, case, forms: dict) -> list[dict]:
    shown = []
    for panel in _CASE_PANELS:
        context = panel.context(request, case, forms)
        if context is not None:
            shown.append({"template": panel.template, "context": context})
    return shown


def member_panels(request, case) -> list[dict]:
    shown = []
    for panel in _MEMBER_PANELS:
        context = panel.context(request, case)
        if context is not None:
            shown.append({"template": panel.template, "context": context})
    return shown


def event_sentence_register(*, kind: str, sentence: Callable) -> None:
    _EVENT_SENTENCES[kind] = sentence


def event_sentence(event) -> str:
    """The words an app gave for one of its timeline events ("" if none)."""
    sentence = _EVENT_SENTENCES.get(event.kind)
    return sentence(event) if sentence else ""


def step_initial_register(fn: Callable) -> None:
    """`fn(case, step_name)` returns initial values for a step's form on the case page (or {}): mediation
    offers "amicable settlement" as the outcome once the parties accepted an agreement."""
    if fn not in _STEP_INITIALS:
        _STEP_INITIALS.append(fn)


def step_initial(case, step_name: str) -> dict:
    initial: dict = {}
    for fn in _STEP_INITIALS:
        initial.update(fn(case, step_name) or {})
    return initial


def queue_badges_register(fn: Callable) -> None:
    """`fn(cases)` returns {case id: [badge, …]} for the cases of a queue page, in one query: the departments
    say which cases wait for a department's answer. A badge is a dict: `text`, and `late` (shown as overdue)."""
    if fn not in _QUEUE_BADGES:
        _QUEUE_BADGES.append(fn)


def queue_badges(cases) -> None:
    """Set `case.badges` on each case of the page (a list, empty when no app has anything to say)."""
    cases = list(cases)
    found: dict[int, list] = {}
    for fn in _QUEUE_BADGES:
        for case_id, badges in (fn(cases) or {}).items():
            found.setdefault(case_id, []).extend(badges)
    for case in cases:
        case.badges = found.get(case.pk, [])
