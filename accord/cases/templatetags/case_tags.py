"""Turn the codes stored on timeline events into words in the reader's language."""

from datetime import datetime

from django import template

from accord.cases.links import secrets_mask
from accord.cases.models import DeadlineKind, Status
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
def masked(value):
    """What staff pages show of any e-mail text or header: members' links and reply addresses masked."""
    return secrets_mask("" if value is None else str(value))
