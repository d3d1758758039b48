"""The directory of professional mediators in the admin: administrators keep it, one entry at a time or by CSV
(import and export beside the list: mediation/directory_csv.py). Entries are deactivated, never deleted: a
mediation will point at them."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.lib.sizes import file_size
from accord.mediation.directory_csv import COLUMNS, LIST_SEPARATOR, MAX_BYTES, mediators_export, mediators_import
from accord.mediation.models import Mediator, Region

# How many errors the import page lists (the rest are counted).
ERRORS_SHOWN = 100


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fr", "name_nl", "name_en", "country", "active")
    list_filter = ("country", "active")


@admin.register(Mediator)
class MediatorAdmin(admin.ModelAdmin):
    change_list_template = "admin/mediation/mediator/change_list.html"
    list_display = (
        "last_name",
        "first_name",
        "accreditation_body",
        "accreditation_number",
        "languages_shown",
        "accepting_new_cases",
        "cooperative_member",
        "active",
    )
    list_filter = ("accreditation_body", "active", "accepting_new_cases", "cooperative_member", "regions", "offices")
    search_fields = ("last_name", "first_name", "accreditation_number", "email")
    filter_horizontal = ("regions", "offices")
    readonly_fields = ("fees_both",)
    fieldsets = (
        (None, {"fields": ("first_name", "last_name")}),
        (
            _("Accreditation"),
            {
                "fields": (
                    "accreditation_body",
                    "accreditation_number",
                    "court_of_appeal",
                    ("type_civil_commercial", "type_social", "type_family", "type_consumer"),
                )
            },
        ),
        (_("Languages"), {"fields": (("speaks_fr", "speaks_nl", "speaks_en"), "language")}),
        (_("Regions and offices"), {"fields": ("regions", "offices")}),
        (_("Contact"), {"fields": ("email", "phone", "address")}),
        (_("Fees"), {"fields": ("hourly_rate", "currency", "vat_rate", "fees_include_vat", "fees_both")}),
        (_("Availability"), {"fields": ("accepting_new_cases", "availability_until", "availability_note")}),
        (None, {"fields": ("cooperative_member", "active")}),
    )

    @admin.display(description=_("languages"))
    def languages_shown(self, mediator):
        return LIST_SEPARATOR.join(mediator.languages)

    @admin.display(description=_("fees"))
    def fees_both(self, mediator):
        return mediator.fees_text() if mediator.pk else "—"

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="mediation_mediator_import"),
            path("export/", view(self.export_view), name="mediation_mediator_export"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data["file"].read(MAX_BYTES + 1)
            result = mediators_import(data=data)
            if result.ok:
                self.message_user(
                    request,
                    _("Imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
                    % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:mediation_mediator_changelist"))
            errors = result.errors
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import professional mediators"),
            "form": form,
            "errors": errors[:ERRORS_SHOWN],
            "errors_more": max(0, len(errors) - ERRORS_SHOWN),
            "columns": COLUMNS,
            "max_size": file_size(MAX_BYTES),
        }
        return TemplateResponse(request, "admin/mediation/mediator/import.html", context, status=400 if errors else 200)

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        response = HttpResponse(mediators_export(), content_type="text/csv; charset=utf-8")
        name = f"mediators-{timezone.localdate().isoformat()}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
