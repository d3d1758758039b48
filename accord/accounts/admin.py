from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from accord.accounts.models import User


@admin.register(User)
class AccordUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "email", "role", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = UserAdmin.fieldsets + ((_("Accord"), {"fields": ("role", "language", "intake_unit")}),)
    add_fieldsets = UserAdmin.add_fieldsets + ((_("Accord"), {"fields": ("role", "language", "email")}),)
