"""Configured by the administrator: how each department is reached and who answers for it."""

from django.contrib import admin

from accord.departments.models import DepartmentContact, Liaison


@admin.register(DepartmentContact)
class DepartmentContactAdmin(admin.ModelAdmin):
    list_display = ["department", "shared_email", "head_email", "office", "language"]


@admin.register(Liaison)
class LiaisonAdmin(admin.ModelAdmin):
    list_display = ["user", "department"]
    list_filter = ["department"]
