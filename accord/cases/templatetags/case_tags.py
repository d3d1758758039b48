"""Turn the codes stored on timeline events into words in the reader's language."""

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

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
    # The hand-over to a department (accord/departments/handover.py): the department's name as it was.
    "hand_over": gettext_lazy(
        "%(actor)s handed the complaint over to %(department)s, with the member's consent; Accord follows it"
    ),
    "handover_settled": gettext_lazy("%(department)s settled the complaint with the member (%(actor)s)"),
    "handover_declined": gettext_lazy(
        "%(department)s declined the hand-over (%(actor)s); the complaint is back with its mediator"
    ),
    "handover_take_back": gettext_lazy("%(actor)s took the complaint back from %(department)s"),
    "come_back": gettext_lazy(
        "The member came back after the answer of %(department)s; the complaint resumes in a new cycle"
    ),
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
    names = event.data.get("department_names") or {}
    if names:
        words["department"] = names.get((get_language() or "fr")[:2]) or names.get("fr", "")
        if event.actor_kind == "system":  # the department's link: no account
            words["actor"] = _("through its link")
    sentence = STEP_SENTENCES.get(name)
    if sentence is None:
        words["step"] = transition_label(name)
        return _("%(actor)s: %(step)s (now “%(status)s”)") % words
    return sentence % words


def _named(event, key) -> str:
    user_id = event.data.get(key)
    return getattr(event, "names", {}).get(user_id) or _("a former mediator")


def _assignment_sentence(event) -> str:
    data = event.data
    words = {"actor": _who(event), "from": _named(event, "from"), "to": _named(event, "to")}
    why, to = data.get("why"), data.get("to")
    if data.get("role") == "co":
        if to:
            return _("%(actor)s added %(to)s as co-mediator") % words
        if why == "conflict":
            return _("%(from)s stepped aside as co-mediator (conflict of interest)") % words
        return _("%(from)s is no longer co-mediator (ended by %(actor)s)") % words
    if why == "conflict":
        if to:
            return _("%(to)s now leads the case, chosen by the replacement rule after a conflict of interest") % words
        return _("No mediator is free to take the case over after a conflict of interest: the case is flagged") % words
    if why == "member_request":
        return _("%(to)s now leads the case, chosen by the replacement rule at the member's request") % words
    if why == "absence":
        return _("%(actor)s gave the case to %(to)s while %(from)s is away") % words
    if not to:
        return _("%(actor)s took %(from)s off the case: no mediator leads it now") % words
    if data.get("from"):
        return _("%(actor)s moved the case from %(from)s to %(to)s") % words
    return _("%(actor)s gave the case to %(to)s") % words


def _party_sentence(event) -> str:
    party = getattr(event, "party", None)
    words = {"actor": _who(event), "party": party.display_name if party else _("a party")}
    if event.data.get("action") == "ended":
        return _("%(party)s no longer takes part in the case (ended by %(actor)s)") % words
    why = event.data.get("why")
    if why == "redirect":
        return _("%(party)s takes part in the case: the complaint was redirected to it") % words
    if why == "classification":
        return _("%(party)s takes part in the case as the department concerned") % words
    if why == "handover":
        return _("%(party)s takes part in the case: the complaint was handed over to it") % words
    words["kind"] = party.get_kind_display() if party else ""
    return _("%(actor)s added %(party)s as a party (%(kind)s)") % words


def _case_link_sentence(event) -> str:
    from accord.cases.caselinks import LINK_WORDS

    data = event.data
    other = data.get("other_reference") if getattr(event, "other_visible", False) else _("a case you may not see")
    words = {"actor": _who(event), "other": other}
    if data.get("action") == "ended":
        return _("%(actor)s removed the link with %(other)s") % words
    words["link"] = LINK_WORDS.get((data.get("link_kind"), data.get("direction")), data.get("link_kind"))
    return _("%(actor)s linked the cases: %(link)s %(other)s") % words


def _mediator_request_sentence(event) -> str:
    return _("The member asked for another mediator than %(from)s") % {"from": _named(event, "from")}


def _conflict_sentence(event) -> str:
    return _("%(actor)s declared a conflict of interest and stepped aside") % {"actor": _who(event)}


# The events that read as a sentence of their own (besides the steps, STEP_SENTENCES): every kind added since
# the timeline was written for people has one (cases/tests/test_timeline_words.py).
EVENT_SENTENCES = {
    "assignment": _assignment_sentence,
    "party": _party_sentence,
    "case_link": _case_link_sentence,
    "mediator_request": _mediator_request_sentence,
    "conflict": _conflict_sentence,
}


@register.filter
def has_sentence(event) -> bool:
    return event.kind in EVENT_SENTENCES


@register.filter
def event_sentence(event) -> str:
    """An assignment, a party, a link between cases, the member's request for another mediator, in a sentence."""
    return EVENT_SENTENCES[event.kind](event)


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
    # The department's link (departments/sharing.py) and its answers by link or by e-mail (departments/mail.py).
    "answered_link": gettext_lazy("The %(department)s answered through its link (%(actor)s)"),
    "answered_email": gettext_lazy("The %(department)s answered by e-mail (%(actor)s)"),
    "link_sent": gettext_lazy(
        "%(actor)s sent the %(department)s a link to answer, to %(address)s, open until %(date)s"
    ),
    "link_revoked": gettext_lazy("%(actor)s revoked the link of the %(department)s"),
    "replied_after_withdrawal": gettext_lazy(
        "The %(department)s replied by e-mail (%(actor)s) after the request was withdrawn: kept here and in the mailbox"
    ),
    # A reply by e-mail Accord did not take as the department's answer by itself (departments/mail.py).
    "reply_held": gettext_lazy(
        "An e-mail about the request to the %(department)s came from %(actor)s, who is not one of its liaisons "
        "or addresses: kept here for the mediator to check"
    ),
    "reply_accepted": gettext_lazy("%(actor)s took the e-mail from %(sender)s as the answer of the %(department)s"),
    "reply_set_aside": gettext_lazy(
        "%(actor)s set aside the e-mail from %(sender)s about the request to the %(department)s"
    ),
}


@register.filter
def request_sentence(event):
    from accord.cases.models import Department

    data = event.data
    department = Department.objects.filter(code=data.get("department")).first()
    due = data.get("due_date")
    expires = data.get("expires_at")
    if due:
        when = date_format(date.fromisoformat(due), "DATE_FORMAT")
    elif expires:
        when = date_format(timezone.localtime(datetime.fromisoformat(expires)), "DATE_FORMAT")
    else:
        when = ""
    words = {
        # An answer by link or e-mail has no account behind it: the address it came from.
        "actor": _who(event) if event.actor_id else (data.get("author_email") or data.get("from") or _who(event)),
        "department": department.name if department else data.get("department", ""),
        "date": when,
        "address": data.get("to", ""),
        "sender": data.get("from", ""),
    }
    action = data.get("action")
    if action == "answered" and data.get("channel") in ("link", "email"):
        action = f"answered_{data['channel']}"
    sentence = REQUEST_SENTENCES.get(action)
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
