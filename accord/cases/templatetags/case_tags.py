"""Turn the codes stored on timeline events into words in the reader's language."""

from datetime import date, datetime

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.cases.links import secrets_mask
from accord.cases.models import Compliance, DeadlineKind, Status, WithdrawalReason
from accord.cases.workflow import TRANSITIONS
from accord.notifications.models import EMAIL_TEMPLATE_LABELS, EmailStatus

register = template.Library()


def _label(choices, value):
    try:
        return choices(value).label
    except ValueError:
        return value


@register.filter
def status_label(value):
    return _label(Status, value)


@register.filter
def deadline_label(value):
    return _label(DeadlineKind, value)


@register.filter
def compliance_label(value):
    return _label(Compliance, value)


@register.filter
def withdrawal_label(value):
    return _label(WithdrawalReason, value)


@register.filter
def office_label(code):
    """An office's name in the page's language from its code (as the timeline records it)."""
    from accord.cases.models import Office, OfficeCountry

    office = Office.objects.filter(code=code).first()
    return office.name if office else _label(OfficeCountry, code)


@register.filter
def email_status_label(value):
    return _label(EmailStatus, value)


@register.filter
def transition_label(value):
    transition = TRANSITIONS.get(value)
    return transition.label if transition else value


# Each step of the procedure as the timeline says it: who did what, in a sentence. A step missing
# here (a new transition) reads "<who>: <step> (now <status>)" until it gets its sentence.
STEP_SENTENCES = {
    "acknowledge": gettext_lazy("%(actor)s acknowledged the complaint and started handling it"),
    "accept": gettext_lazy("%(actor)s declared the complaint admissible"),
    "refuse": gettext_lazy("%(actor)s declared the complaint not admissible"),
    "ask_member": gettext_lazy("%(actor)s asked the member a question; the clock is stopped"),
    "member_replied": gettext_lazy("The member replied; the clock runs again (now “%(status)s”)"),
    "redirect": gettext_lazy("%(actor)s redirected the complaint to the service concerned"),
    "resume": gettext_lazy("%(actor)s resumed the investigation"),
    "answer": gettext_lazy("%(actor)s sent the written answer"),
    "close": gettext_lazy("%(actor)s closed the case"),
    "withdraw": gettext_lazy("%(actor)s withdrew the complaint"),
    "reopen": gettext_lazy("%(actor)s reopened the case"),
    "discontinue": gettext_lazy("%(actor)s discontinued the case"),
    "contest": gettext_lazy("%(actor)s contested the written answer; the case is examined again"),
}


def _who(event) -> str:
    if event.actor_id:
        return event.actor.get_full_name() or event.actor.get_username()
    if event.actor_kind == "member":
        return _("The member")
    return _("Accord")


@register.filter
def step_sentence(event):
    """A status change on the timeline, for people: "Maya Mertens declared the complaint admissible"."""
    name = event.data.get("transition", "")
    words = {"actor": _who(event), "status": status_label(event.to_status)}
    sentence = STEP_SENTENCES.get(name)
    if sentence is None:
        words["step"] = transition_label(name)
        return _("%(actor)s: %(step)s (now “%(status)s”)") % words
    return sentence % words


@register.filter
def letter_sentence(event):
    """A link renewed to print the acknowledgement letter (services.acknowledgement_letter_print), for people."""
    return _(
        "%(actor)s printed an acknowledgement letter to post, with a new private link: earlier links no longer work"
    ) % {"actor": _who(event)}


# Events other apps write on the timeline (EventKind.REQUEST, accord/departments), said from their data alone.
REQUEST_SENTENCES = {
    "asked": gettext_lazy("%(actor)s asked the %(department)s a question; answer due on %(date)s"),
    "answered": gettext_lazy("The %(department)s answered (%(actor)s)"),
    "withdrawn": gettext_lazy("%(actor)s withdrew the request to the %(department)s"),
    "reminded": gettext_lazy("Accord reminded the %(department)s that its answer is due on %(date)s"),
    "overdue": gettext_lazy("The answer of the %(department)s is overdue: its liaisons and the mediator were told"),
    "escalated": gettext_lazy("The unanswered request was escalated to the head of the %(department)s"),
}


@register.filter
def request_sentence(event):
    from accord.cases.models import Department

    department = Department.objects.filter(code=event.data.get("department")).first()
    due = event.data.get("due_date")
    words = {
        "actor": _who(event),
        "department": department.name if department else event.data.get("department", ""),
        "date": date_format(date.fromisoformat(due), "DATE_FORMAT") if due else "",
    }
    sentence = REQUEST_SENTENCES.get(event.data.get("action"))
    return sentence % words if sentence else str(event.get_kind_display())


@register.filter
def app_sentence(event):
    """An event written by an app that builds on cases (a dysfunction…), in its words (cases/panels.py)."""
    from accord.cases.panels import event_sentence

    return event_sentence(event)


@register.filter
def email_template_label(value):
    return EMAIL_TEMPLATE_LABELS.get(value, value)


@register.filter
def contact_label(value):
    from accord.cases.identity import CONTACT_LABELS

    return CONTACT_LABELS.get(value, value)


@register.filter
def isodatetime(value):
    """An ISO 8601 date-time stored in an event's data, as a datetime for the `date` filter."""
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@register.filter
def isodate(value):
    """An ISO 8601 date stored in an event's data, as a date for the `date` filter."""
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@register.filter
def masked(value):
    """What staff pages show of any e-mail text or header: members' links and reply addresses masked."""
    return secrets_mask("" if value is None else str(value))
