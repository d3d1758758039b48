from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from accord.cases.intake import ComplaintInvalid, complaint_check
from accord.cases.models import (
    Category,
    Channel,
    Compliance,
    Department,
    DiscontinueGround,
    LinkKind,
    Office,
    Outcome,
    RefusalGround,
    WithdrawalReason,
)
from accord.cases.selectors import complaint_duplicate, mediators_active
from accord.core.errors import ValidationFailed
from accord.core.forms import DescriptionField, MultipleFileField
from accord.people.models import Language
from accord.people.services import phone_normalise


class ComplainantFields(forms.Form):
    """Who complains, and how to reach them: shared by the public form and the intake form."""

    name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(
        label=_("Phone"), max_length=40, required=False, help_text=_("With the country code, e.g. +32 470 12 34 56")
    )
    member_number = forms.CharField(label=_("Member number (if you know it)"), max_length=30, required=False)
    language = forms.ChoiceField(label=_("Language for our answers"), choices=Language.choices)
    # The office whose calendar counts the delays (cases/offices.py), by its code.
    office = forms.ModelChoiceField(
        label=_("Your office"), queryset=Office.objects.filter(active=True), to_field_name="code", empty_label=None
    )

    def complainant(self) -> dict:
        """The member's details as given (claims, see cases/identity.py), as person_recognise takes them."""
        return {key: self.cleaned_data[key] for key in ("name", "email", "phone", "member_number", "language")}

    def clean(self):
        # Every channel's rules (cases/intake.py), checked here too so that each error shows on its field;
        # a number without a country code is read as one of the office's country.
        data = super().clean()
        if any(field in self.errors for field in ("email", "phone", "received_at")):
            return data
        office = data.get("office")
        try:
            checked = complaint_check(
                complainant={"email": data.get("email", ""), "phone": data.get("phone", "")},
                country=office.country if office else "BE",
                received_at=data.get("received_at"),
            )
        except ComplaintInvalid as invalid:
            for field, error in invalid.errors.items():
                self.add_error(field, forms.ValidationError(str(error), code=error.code))
        else:
            data["phone"] = checked.complainant["phone"]
        return data


# The channels a person records by hand: the web form and the API file their own complaints.
INTAKE_CHANNELS = [c for c in Channel.choices if c[0] not in (Channel.WEB, Channel.API)]


class IntakeForm(ComplainantFields):
    channel = forms.ChoiceField(label=_("Received by"), choices=INTAKE_CHANNELS)
    received_at = forms.DateTimeField(
        label=_("Date and time received"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    # Asked only when the same person's same complaint was recorded minutes ago (selectors.complaint_duplicate).
    duplicate_confirmed = forms.BooleanField(
        label=_("This is another complaint, not the same one again: record it."), required=False
    )
    received_by = forms.CharField(label=_("Received by (person or service)"), max_length=200, required=False)
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.filter(active=True), required=False
    )
    department = forms.ModelChoiceField(
        label=_("Department concerned"), queryset=Department.objects.filter(active=True), required=False
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = DescriptionField(label=_("The complaint, in the member's words"))
    attachments = MultipleFileField(label=_("Documents"))

    field_order = [
        "channel",
        "received_at",
        "received_by",
        "name",
        "email",
        "phone",
        "member_number",
        "language",
        "office",
        "category",
        "department",
        "subject",
        "description",
        "attachments",
        "duplicate_confirmed",
    ]

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        self.duplicate = None
        super().__init__(*args, **kwargs)
        # On a staff form the office is the case's, not the reader's ("Your office" is the public form's).
        self.fields["office"].label = _("Office")
        self.fields["email"].help_text = _(
            "Without one the member gets no e-mail: once recorded, print the acknowledgement letter and post it."
        )

    def clean(self):
        data = super().clean()
        if self.errors or self.user is None or data.get("duplicate_confirmed"):
            return data
        self.duplicate = complaint_duplicate(
            user=self.user,
            email=data.get("email", ""),
            phone=data.get("phone", ""),
            subject=data.get("subject", ""),
            description=data.get("description", ""),
        )
        if self.duplicate is not None:
            self.add_error(
                "duplicate_confirmed",
                _(
                    "The same complaint from this member was recorded a few minutes ago as %(reference)s. "
                    "Check it: if this is another complaint, tick the box to record it."
                )
                % {"reference": self.duplicate.reference},
            )
        return data


class StepForm(forms.Form):
    """Everything a step of the procedure may ask for; the workflow says which ones it needs."""

    message = forms.CharField(
        label=_("Message to the member"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    reason = forms.CharField(
        label=_("Reason (told to the member)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    ground = forms.ChoiceField(
        label=_("Ground of refusal"), choices=[("", "—"), *RefusalGround.choices], required=False
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *Outcome.choices], required=False)
    department = forms.ModelChoiceField(
        label=_("Service concerned"), queryset=Department.objects.filter(active=True), required=False
    )
    attachments = MultipleFileField(label=_("Documents for the member"))
    late_confirmed = forms.BooleanField(
        label=_("I know the deadline has passed: go ahead late (it is counted as late)."), required=False
    )
    withdrawal_reason = forms.ChoiceField(
        label=_("Why the member withdraws (optional)"),
        choices=[("", "—"), *WithdrawalReason.choices],
        required=False,
    )
    withdrawal_note = forms.CharField(
        label=_("In the member's words (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    member_request = forms.BooleanField(
        label=_("The member asked for it to be reopened (quote their request in the reason)"), required=False
    )

    # The step (the form's prefix) whose ground is chosen from another list than the refusal's.
    OTHER_GROUNDS = {"discontinue": (DiscontinueGround, _("Ground for discontinuing"))}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.prefix == "refuse":
            # Not first raised with the service concerned: that complaint is handed over, not refused (the
            # hand-over's form, accord/departments/handover.py; the case page says so beside the refusal).
            self.fields["ground"].choices = [
                c for c in self.fields["ground"].choices if c[0] != RefusalGround.NOT_RAISED_FIRST
            ]
        if self.prefix in self.OTHER_GROUNDS:
            grounds, label = self.OTHER_GROUNDS[self.prefix]
            self.fields["ground"].choices = [("", "—"), *grounds.choices]
            self.fields["ground"].label = label


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message to the member"), widget=forms.Textarea(attrs={"rows": 5}))
    attachments = MultipleFileField(label=_("Documents for the member"))


class OwnIdsForm(forms.Form):
    """A form shown beside others with the same field names (the case page): its own HTML ids, so each
    label names its own field. Only the ids change, not the names posted."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class NoteForm(OwnIdsForm):
    id_prefix = "note"
    body = forms.CharField(
        label=_("Internal note (never shown to the member)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    attachments = MultipleFileField(label=_("Internal documents"))


class AssignForm(forms.Form):
    mediator = forms.ModelChoiceField(
        label=_("Mediator"), queryset=mediators_active(), required=False, empty_label=_("Nobody")
    )


class ClassifyForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.filter(active=True), required=False
    )
    department = forms.ModelChoiceField(
        label=_("Department concerned"), queryset=Department.objects.filter(active=True), required=False
    )


class OfficeForm(forms.Form):
    office = forms.ModelChoiceField(
        label=_("Office"),
        queryset=Office.objects.filter(active=True),
        to_field_name="code",
        empty_label=None,
        help_text=_(
            "Its calendar counts the working days of the time limits; the member is told of the change by e-mail."
        ),
    )


class ConflictForm(OwnIdsForm):
    id_prefix = "conflict"
    reason = forms.CharField(label=_("Why you must step aside"), widget=forms.Textarea(attrs={"rows": 3}))


class ExtendForm(OwnIdsForm):
    id_prefix = "extend"
    days = forms.IntegerField(label=_("Extra days"), min_value=1)
    reason = forms.CharField(label=_("Reason (told to the member)"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The total cap is the service's (it counts earlier extensions); the form keeps one within it.
        self.fields["days"].max_value = settings.ACCORD_EXTENSION_MAX_DAYS
        self.fields["days"].widget.attrs["max"] = settings.ACCORD_EXTENSION_MAX_DAYS
        self.fields["days"].validators.append(MaxValueValidator(settings.ACCORD_EXTENSION_MAX_DAYS))


class FileCompleteForm(OwnIdsForm):
    id_prefix = "complete"
    on = forms.DateField(label=_("The file was complete on"), widget=forms.DateInput(attrs={"type": "date"}))


class WaitLongerForm(OwnIdsForm):
    id_prefix = "wait"
    working_days = forms.IntegerField(label=_("Working days more"), min_value=1)


class ClaimForm(forms.Form):
    """ "Same person" or "not the same person" on a claim: nothing to fill in, the button says it."""


class PersonDetailsForm(OwnIdsForm):
    """A mediator's change of the complainant's contact details (the only way they change)."""

    id_prefix = "person"
    name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    member_number = forms.CharField(label=_("Member number"), max_length=30, required=False)

    def __init__(self, *args, country: str = "BE", **kwargs):
        self.country = country
        super().__init__(*args, **kwargs)

    def clean_phone(self):
        try:
            return phone_normalise(self.cleaned_data["phone"], country=self.country)
        except ValidationFailed as error:
            raise forms.ValidationError(str(error), code=error.code) from error


class ComplianceForm(OwnIdsForm):
    """Whether the cooperative complied with the outcome, recorded after closing (cycles.py)."""

    id_prefix = "compliance"
    compliance = forms.ChoiceField(label=_("Did the cooperative comply with the outcome?"), choices=Compliance.choices)
    on = forms.DateField(label=_("Known on"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note (staff only)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class PartyForm(OwnIdsForm):
    """A mediator adds a party: a department concerned, or another party (a counsellor, a third party)."""

    id_prefix = "party"
    KINDS = [("department", _("Department concerned")), ("other", _("Other party (a counsellor, a third party…)"))]
    kind = forms.ChoiceField(label=_("Kind of party"), choices=KINDS)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.filter(active=True), required=False
    )
    role = forms.CharField(
        label=_("Role"),
        max_length=120,
        required=False,
        help_text=_("What they are to the case: counsellor, third party…"),
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices, required=False)


class PartyEndForm(forms.Form):
    """ "End" on a party: nothing to fill in, the button says it."""


class CaseLinkForm(OwnIdsForm):
    id_prefix = "caselink"
    reference = forms.CharField(label=_("Reference of the other case"), max_length=20)
    kind = forms.ChoiceField(label=_("Kind of link"), choices=LinkKind.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class CaseLinkEndForm(forms.Form):
    """ "Remove the link": nothing to fill in."""


class CoMediatorForm(OwnIdsForm):
    id_prefix = "comediator"
    mediator = forms.ModelChoiceField(label=_("Co-mediator"), queryset=mediators_active())


class CoMediatorEndForm(forms.Form):
    """ "End the co-mediation": nothing to fill in."""
