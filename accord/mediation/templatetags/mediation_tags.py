"""A meeting's title and place in the active language (the reader's: a page, or an e-mail rendered in theirs)."""

from django import template

from accord.mediation.invitations import meeting_place as _place
from accord.mediation.invitations import meeting_title as _title

register = template.Library()


@register.filter
def meeting_place(meeting) -> str:
    return _place(meeting)


@register.filter
def meeting_title(meeting) -> str:
    return _title(meeting)
