"""The dysfunction's forms: what the mediator records, what the department responds, closing and reopening."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.cases.models import Category, Department
from accord.departments.models import DysfunctionStepKind as K


class DysfunctionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("What went wrong in the cooperative's process"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        help_text=_("The department reads this and its title, never the member's file: say what it needs to know."),
    )
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.filter(active=True))
    category = forms.ModelChoiceField(
        label=_("Category (optional)"), queryset=Category.objects.filter(active=True), required=False
    )
    working_days = forms.IntegerField(
        label=_("Working days for the department to respond"),
        min_value=1,
        max_value=60,
        initial=settings.ACCORD_REQUEST_WORKING_DAYS,
        help_text=_("Counted on the calendar of the department's office."),
    )


class _DateInput(forms.DateInput):
    input_type = "date"


# What each step asks for: the text's label (None: no text), whether it is required, a date, a number of days.
STEP_FIELDS = {
    K.ACKNOWLEDGE: (_("Comment (optional)"), False, False, False),
    K.DISPUTE: (_("Why the department disputes it"), True, False, False),
    K.PLAN: (_("The action planned"), True, True, False),
    K.DONE: (_("What was done"), True, False, False),
    K.CLOSE: (_("Closing note (optional)"), False, False, False),
    K.REOPEN: (_("Why it is reopened"), True, False, True),
}


class DysfunctionStepForm(forms.Form):
    def __init__(self, kind: str, *args, **kwargs):
        kwargs.setdefault("prefix", kind)
        super().__init__(*args, **kwargs)
        self.kind = kind
        label, required, date, days = STEP_FIELDS[kind]
        self.fields["text"] = forms.CharField(
            label=label, required=required, max_length=10000, widget=forms.Textarea(attrs={"rows": 3})
        )
        if date:
            self.fields["planned_for"] = forms.DateField(
                label=_("Planned for"), widget=_DateInput(), initial=timezone.localdate
            )
        if days:
            self.fields["working_days"] = forms.IntegerField(
                label=_("Working days for the department to respond"),
                min_value=1,
                max_value=60,
                initial=settings.ACCORD_REQUEST_WORKING_DAYS,
            )

    def clean_planned_for(self):
        planned_for = self.cleaned_data["planned_for"]
        if planned_for < timezone.localdate():
            raise forms.ValidationError(_("The planned date cannot be in the past."))
        return planned_for
