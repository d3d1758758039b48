import json
from datetime import datetime

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.mediation.framing import framing_languages


def _language_choices():
    known = framing_languages()
    return [(code, name) for code, name in settings.LANGUAGES if code in known]


class FramingForm(forms.Form):
    """The text to review and its language. Never refused for what it says: the review only advises."""

    text = forms.CharField(
        label=_("Purpose of the mediation"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    language = forms.ChoiceField(label=_("Language of the text"), choices=_language_choices)


# -- The mediation path -----------------------------------------------------------------------------


class _PartyChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, party):
        return f"{party.display_name} ({party.get_kind_display()})"


class MediationProposeForm(forms.Form):
    purpose = forms.CharField(
        label=_("Purpose of the mediation"),
        help_text=_(
            "What the parties will work towards, turned to the future and attractive to each of them. "
            "The framing aid reviews it as you type; it only advises."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )
    parties = _PartyChoice(
        label=_("Parties invited"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The member and at least one other party. Each is asked for its consent."),
    )

    def __init__(self, case, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The framing aid reviews the purpose as the mediator types (mediation:framing, the findings beside it),
        # in the case's language: the parties read it in theirs.
        self.fields["purpose"].widget.attrs.update(
            {
                "hx-post": reverse("mediation:framing"),
                "hx-trigger": "input changed delay:700ms",
                "hx-target": "#framing-findings",
                "hx-swap": "outerHTML",
                "hx-vals": json.dumps({"language": case.language}),
            }
        )
        parties = case.parties.filter(ended_at__isnull=True).select_related("department", "case", "case__person")
        self.fields["parties"].queryset = parties
        if not self.is_bound:
            self.initial["parties"] = [p.pk for p in parties]


ANSWER_CHOICES = [("accept", _("I accept to take part")), ("decline", _("I decline"))]


class ParticipantAnswerForm(forms.Form):
    """A party's own answer (the member on their page, a liaison on theirs)."""

    answer = forms.ChoiceField(label=_("Your answer"), choices=ANSWER_CHOICES, widget=forms.RadioSelect)
    confidentiality = forms.BooleanField(
        label=_(
            "I undertake to keep confidential what is said and written in the mediation: it may not be used "
            "later, in court or elsewhere, without everyone's agreement."
        ),
        required=False,
    )
    reason = forms.CharField(
        label=_("If you decline, you may say why (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("answer") == "accept" and not data.get("confidentiality"):
            self.add_error(
                "confidentiality",
                _("To take part, you undertake to keep what is said in the mediation confidential."),
            )
        return data


class _ParticipantChoice(forms.ModelChoiceField):
    def label_from_instance(self, participant):
        return participant.party.display_name


class AnswerRecordForm(forms.Form):
    """The mediator records an answer given another way (phone, letter, e-mail)."""

    participant = _ParticipantChoice(label=_("Party"), queryset=None)
    answer = forms.ChoiceField(
        label=_("Answer"), choices=[("accept", _("Accepts")), ("decline", _("Declines"))], widget=forms.RadioSelect
    )
    confidentiality = forms.BooleanField(
        label=_("The party undertook to keep the mediation confidential"), required=False
    )
    note = forms.CharField(
        label=_("How the answer was given"),
        help_text=_("For example: by phone on 3 March, to me."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason = forms.CharField(label=_("Reason given for declining"), required=False, max_length=2000)

    def __init__(self, mediation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = mediation.participants.filter(answer="pending").select_related(
            "party", "party__department", "party__case", "party__case__person"
        )


class MediationCloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (the parties read it)"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ConfidentialNoteForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("session", _("Session note")), ("caucus", _("Private session with one party"))],
        initial="session",
    )
    party = _ParticipantChoice(label=_("Party met alone (private session)"), queryset=None, required=False)
    body = forms.CharField(label=_("Note"), max_length=20000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, mediation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = mediation.participants.select_related(
            "party", "party__department", "party__case", "party__case__person"
        )


# -- Meetings -----------------------------------------------------------------------------------------


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of meeting"),
        choices=[("orientation", _("Orientation meeting")), ("session", _("Mediation session"))],
        initial="session",
    )
    mode = forms.ChoiceField(
        label=_("How"),
        choices=[("in_person", _("In person, at an office")), ("phone", _("By phone")), ("video", _("By video"))],
        initial="in_person",
        widget=forms.RadioSelect,
    )
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=15, max_value=480, initial=90)
    office = forms.ModelChoiceField(label=_("Office (in person)"), queryset=None, required=False)
    room = forms.CharField(label=_("Room (in person, optional)"), max_length=120, required=False)
    video_url = forms.URLField(label=_("Video link (by video)"), required=False, assume_scheme="https")
    phone_note = forms.CharField(
        label=_("How the call is made (by phone, optional)"),
        max_length=200,
        required=False,
        help_text=_("For example: the mediator calls each party on the number they gave."),
    )

    def __init__(self, *args, case=None, meeting=None, **kwargs):
        from accord.cases.models import Office

        if meeting is not None and not kwargs.get("data") and not (args and args[0]):
            local = timezone.localtime(meeting.starts_at)
            kwargs.setdefault(
                "initial",
                {
                    "kind": meeting.kind,
                    "mode": meeting.mode,
                    "day": local.date(),
                    "time": local.time().replace(second=0, microsecond=0),
                    "duration_minutes": meeting.duration_minutes,
                    "office": meeting.office_id,
                    "room": meeting.room,
                    "video_url": meeting.video_url,
                    "phone_note": meeting.phone_note,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = Office.objects.filter(active=True).order_by("position", "code")
        if case is not None and meeting is None and case.office_id:
            self.fields["office"].initial = case.office_id
        if meeting is not None:
            # Each meeting's form has its own ids on the case page.
            self.prefix = f"meeting-{meeting.pk}"

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("time"):
            naive = datetime.combine(data["day"], data["time"])
            data["starts_at"] = timezone.make_aware(naive)
        return data


class MeetingCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (the parties read it)"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(label=_("Who came"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, meeting, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.prefix = f"attendance-{meeting.pk}"
        self.fields["present"].choices = [
            (str(p.pk), p.party.display_name)
            for p in meeting.mediation.participants.select_related("party", "party__department", "party__case__person")
            if p.answer != "declined"
        ]


# -- The agreement ------------------------------------------------------------------------------------

UNDERTAKING_LINES = 6


class AgreementForm(forms.Form):
    """The draft: what the parties agreed, and up to six undertakings (who, what, by when); empty lines are left out."""

    summary = forms.CharField(
        label=_("What the parties agreed"), max_length=20000, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, mediation, *args, agreement=None, **kwargs):
        super().__init__(*args, **kwargs)
        parties = [
            p.party
            for p in mediation.participants.select_related("party", "party__department", "party__case__person")
            if p.answer == "accepted"
        ]
        choices = [("", "—"), *[(str(party.pk), party.display_name) for party in parties]]
        self.parties = {str(party.pk): party for party in parties}
        existing = list(agreement.undertakings.all()) if agreement is not None else []
        if agreement is not None and not self.is_bound:
            self.initial["summary"] = agreement.summary
        self.lines = []
        for i in range(UNDERTAKING_LINES):
            prefix = f"u{i}"
            self.fields[f"{prefix}_party"] = forms.ChoiceField(label=_("Who"), choices=choices, required=False)
            self.fields[f"{prefix}_text"] = forms.CharField(
                label=_("Undertakes to"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"{prefix}_due"] = forms.DateField(
                label=_("By"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            )
            if i < len(existing) and not self.is_bound:
                u = existing[i]
                self.initial.update(
                    {f"{prefix}_party": str(u.party_id), f"{prefix}_text": u.text, f"{prefix}_due": u.due_date}
                )
            self.lines.append((self[f"{prefix}_party"], self[f"{prefix}_text"], self[f"{prefix}_due"]))

    def clean(self):
        data = super().clean()
        undertakings = []
        for i in range(UNDERTAKING_LINES):
            party, text, due = data.get(f"u{i}_party"), (data.get(f"u{i}_text") or "").strip(), data.get(f"u{i}_due")
            if not (party or text or due):
                continue
            if not (party and text and due):
                self.add_error(f"u{i}_text", _("An undertaking names who, what and by when."))
                continue
            undertakings.append({"party": self.parties[party], "text": text, "due_date": due})
        data["undertakings"] = undertakings
        return data


class AgreementAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("I accept the agreement as written")), ("decline", _("I do not accept it as written"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("What does not suit you (if you do not accept)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AgreementRecordForm(forms.Form):
    """The mediator records a party's answer to the agreement given another way."""

    participant = _ParticipantChoice(label=_("Party"), queryset=None)
    answer = forms.ChoiceField(
        label=_("Answer"), choices=[("accept", _("Accepts")), ("decline", _("Declines"))], widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("How the answer was given"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    reason = forms.CharField(label=_("Reason given for declining"), required=False, max_length=2000)

    def __init__(self, agreement, *args, **kwargs):
        super().__init__(*args, **kwargs)
        answered = agreement.acceptances.values_list("participant_id", flat=True)
        self.fields["participant"].queryset = (
            agreement.mediation.participants.filter(answer="accepted")
            .exclude(pk__in=answered)
            .select_related("party", "party__department", "party__case__person")
        )


# -- The member's choice of a professional mediator ------------------------------------------------------


class _MediatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, mediator):
        regions = ", ".join(r.name for r in mediator.regions.all())
        return f"{mediator.name} – {mediator.get_accreditation_body_display()}" + (f" ({regions})" if regions else "")


class MediatorChoiceForm(forms.Form):
    mediator = _MediatorChoiceField(label=_("Professional mediator"), queryset=None)
    note = forms.CharField(
        label=_("Why this mediator (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, mediation, *args, **kwargs):
        from accord.mediation.choices import mediators_offered

        super().__init__(*args, **kwargs)
        self.fields["mediator"].queryset = mediators_offered(mediation)


class ChoiceAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("agree", _("Agree: I contact this mediator")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why (the member reads it)"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


# -- A professional mediator brought in --------------------------------------------------------------------


class ExternalForm(forms.Form):
    mediator = _MediatorChoiceField(label=_("Professional mediator"), queryset=None)
    role = forms.ChoiceField(
        label=_("Their part"),
        choices=[("co", _("Co-mediator")), ("lead", _("Leads the mediation"))],
        widget=forms.RadioSelect,
        initial="co",
    )
    consent_note = forms.CharField(
        label=_("How the member consented"),
        help_text=_("For example: by phone on 3 March; by their e-mail of 4 March."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, mediation, *args, **kwargs):
        from accord.mediation.models import Mediator

        super().__init__(*args, **kwargs)
        self.fields["mediator"].queryset = (
            Mediator.objects.filter(active=True).prefetch_related("regions").order_by("last_name", "first_name", "pk")
        )
        chosen = mediation.choices.filter(state="agreed").order_by("-answered_at").first()
        if chosen is not None and not self.is_bound:
            self.initial["mediator"] = chosen.mediator_id


class ExternalNoteForm(forms.Form):
    body = forms.CharField(label=_("Session note"), max_length=20000, widget=forms.Textarea(attrs={"rows": 5}))
