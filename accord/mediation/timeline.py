"""Mediation's lines on the case's timeline, in the reader's language, from the event's data alone."""

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

SENTENCES = {
    "proposed": gettext_lazy("%(actor)s proposed a mediation to %(parties)s"),
    "accepted": gettext_lazy("%(party)s accepted the mediation and undertook to keep it confidential%(via)s"),
    "declined_answer": gettext_lazy("%(party)s declined the mediation%(via)s"),
    "under_way": gettext_lazy("Every party accepted: the mediation is under way"),
    "declined": gettext_lazy("The mediation will not take place: a party declined. The complaint goes on as before."),
    "withdrawn": gettext_lazy("%(actor)s withdrew the proposal of mediation"),
    "ended": gettext_lazy("%(actor)s ended the mediation"),
    "note_session": gettext_lazy("%(actor)s wrote a confidential session note"),
    "note_caucus": gettext_lazy("%(actor)s wrote a confidential note of a private session"),
    "meeting_scheduled": gettext_lazy(
        "%(actor)s scheduled a %(meeting)s on %(when)s (%(mode)s); the parties were invited"
    ),
    "meeting_changed": gettext_lazy("%(actor)s moved the %(meeting)s to %(when)s (%(mode)s); the parties were told"),
    "meeting_cancelled": gettext_lazy("%(actor)s cancelled the %(meeting)s of %(when)s; the parties were told"),
    "meeting_reminded": gettext_lazy("Accord reminded the parties of the %(meeting)s of %(when)s"),
    "attendance": gettext_lazy(
        "%(actor)s recorded who came to the %(meeting)s of %(when)s: %(present)s of %(invited)s"
    ),
    "agreement_drafted": gettext_lazy("%(actor)s drafted the mediation agreement"),
    "agreement_proposed": gettext_lazy("%(actor)s proposed the agreement to the parties"),
    "agreement_accepted": gettext_lazy("%(party)s accepted the agreement%(via)s"),
    "agreement_declined": gettext_lazy(
        "%(party)s did not accept the agreement as written%(via)s; it is back to the draft"
    ),
    "agreement_concluded": gettext_lazy(
        "Every party accepted the agreement: the mediation ended with an amicable settlement; its PDF is on the case"
    ),
    "undertaking_done": gettext_lazy("Done: %(party)s did what it undertook in the agreement (%(actor)s)"),
    "undertaking_reminder": gettext_lazy("Accord reminded %(who)s of its undertaking due on %(date)s"),
    "undertaking_overdue": gettext_lazy(
        "The undertaking of %(who)s due on %(date)s is late: it and the mediators were told"
    ),
    "choice_asked": gettext_lazy("The member asked for %(chosen)s, from the directory, as mediator"),
    "choice_agreed": gettext_lazy("%(actor)s agreed to the member's choice of %(chosen)s"),
    "choice_declined": gettext_lazy("%(actor)s declined the member's choice of %(chosen)s"),
    "external_added": gettext_lazy(
        "%(actor)s brought in %(chosen)s, professional mediator, %(role)s, with the member's consent; a link was sent to them"
    ),
    "external_link": gettext_lazy("%(actor)s sent %(chosen)s a new link (the earlier one no longer opens)"),
    "external_ended": gettext_lazy(
        "%(actor)s ended the part of %(chosen)s in the mediation; their link no longer opens"
    ),
    "protocol_made": gettext_lazy(
        "The mediation protocol with %(chosen)s, who leads the mediation, was drawn up and sent to the parties"
    ),
    "protocol_accepted": gettext_lazy("%(party)s accepted the mediation protocol%(via)s"),
    "protocol_concluded": gettext_lazy("Every party accepted the mediation protocol"),
}

ROLES = {"co": gettext_lazy("as co-mediator"), "lead": gettext_lazy("to lead the mediation")}

MEETINGS = {"orientation": gettext_lazy("orientation meeting"), "session": gettext_lazy("mediation session")}
MODES = {
    "in_person": gettext_lazy("in person"),
    "phone": gettext_lazy("by phone"),
    "video": gettext_lazy("by video"),
}

VIA = {
    "member_page": gettext_lazy(" (on their private page)"),
    "liaison": "",
    "mediator": gettext_lazy(" (recorded by the mediator)"),
}


def party_name(label: dict) -> str:
    if label.get("kind") == "complainant":
        return _("the member")
    if label.get("kind") == "department":
        names = label.get("names") or {}
        return names.get((get_language() or "fr")[:2]) or names.get("fr", "")
    return label.get("name") or _("another party")


def event_sentence(event) -> str:
    data = event.data
    action = data.get("action")
    if action == "answered":
        action = "accepted" if data.get("answer") == "accepted" else "declined_answer"
    elif action == "note_written":
        action = f"note_{data.get('note_kind', 'session')}"
    sentence = SENTENCES.get(action)
    if sentence is None:
        return ""
    if action.startswith("note_") and data.get("chosen"):
        actor = data["chosen"]  # a professional mediator, through their link
    elif event.actor_id:
        actor = event.actor.get_full_name() or event.actor.get_username()
    else:
        actor = _("the member") if event.actor_kind == "member" else _("Accord")
    party = party_name(data.get("who") or {})
    day = ""
    if data.get("due_date"):
        from datetime import date

        from accord.core.templatetags.localised import date as day_filter

        day = day_filter(date.fromisoformat(data["due_date"]), "DATE_FORMAT")
    when = ""
    if data.get("starts_at"):
        from datetime import datetime

        from django.utils import timezone

        from accord.core.templatetags.localised import date as date_filter

        when = date_filter(timezone.localtime(datetime.fromisoformat(data["starts_at"])), "DATETIME_FORMAT")
    return sentence % {
        "meeting": MEETINGS.get(data.get("meeting_kind", ""), ""),
        "when": when,
        "mode": MODES.get(data.get("mode", ""), ""),
        "present": data.get("present", 0),
        "who": party,
        "chosen": data.get("chosen", ""),
        "role": ROLES.get(data.get("role", ""), ""),
        "date": day,
        "invited": data.get("invited", 0),
        "actor": actor,
        "parties": ", ".join(party_name(p) for p in data.get("parties", [])),
        "party": party[:1].upper() + party[1:],
        "via": VIA.get(data.get("via", ""), ""),
    }
