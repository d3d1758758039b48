"""The hand-over's forms: the mediator's (hand over, take back) and the department's (decline, settle)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accord.cases.forms import OwnIdsForm
from accord.cases.models import Department, HandoverConsent


class HandoverStartForm(OwnIdsForm):
    """The complaint was not first raised with the department: the mediator hands it over, with consent."""

    id_prefix = "handover"
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.filter(active=True), empty_label=None
    )
    consent = forms.ChoiceField(
        label=_("How the member agreed to the hand-over"), choices=[("", "—"), *HandoverConsent.choices]
    )
    consent_note = forms.CharField(
        label=_("When and what the member said"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Nothing is handed over without the member's consent: ask them first (by phone, e-mail or a message)."
        ),
    )
    reason = forms.CharField(
        label=_("Why it goes to the department (told to the member)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    note = forms.CharField(
        label=_("Note to the department (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    working_days = forms.IntegerField(
        label=_("Working days to answer the member"),
        min_value=1,
        max_value=60,
        initial=settings.ACCORD_HANDOVER_WORKING_DAYS,
    )
    documents = forms.ModelMultipleChoiceField(
        label=_("Documents the department may see"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, case, *args, **kwargs):
        from accord.departments.services import documents_shareable

        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = documents_shareable(case)
        self.fields["documents"].label_from_instance = lambda d: d.original_name


class HandoverTakeBackForm(OwnIdsForm):
    id_prefix = "handover-back"
    reason = forms.CharField(
        label=_("Why Accord takes it back (told to the member)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class HandoverDeclineForm(OwnIdsForm):
    id_prefix = "handover-decline"
    reason = forms.CharField(
        label=_("Why your department does not take it on (told to the member and the mediator)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HandoverSettleForm(OwnIdsForm):
    id_prefix = "handover-settle"
    answer = forms.CharField(
        label=_("Your answer to the member"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Accord sends it to the member in their language's e-mail and shows it on their page."),
    )
    outcome = forms.ChoiceField(label=_("How the complaint is settled"), choices=())

    def __init__(self, *args, **kwargs):
        from accord.departments.handover import SETTLE_OUTCOMES

        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [("", "—"), *SETTLE_OUTCOMES]


class HandoverAcceptForm(forms.Form):
    """Accepting needs nothing but the button."""


# The department's steps, by the name in their URL.
DEPARTMENT_STEP_FORMS = {"accept": HandoverAcceptForm, "decline": HandoverDeclineForm, "settle": HandoverSettleForm}
