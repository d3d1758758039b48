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
    if event.actor_id:
        actor = event.actor.get_full_name() or event.actor.get_username()
    else:
        actor = _("the member") if event.actor_kind == "member" else _("Accord")
    party = party_name(data.get("who") or {})
    return sentence % {
        "actor": actor,
        "parties": ", ".join(party_name(p) for p in data.get("parties", [])),
        "party": party[:1].upper() + party[1:],
        "via": VIA.get(data.get("via", ""), ""),
    }
