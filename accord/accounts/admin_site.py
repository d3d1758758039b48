"""The admin is the administrators' configuration desk: their role opens it, and the second factor too.

Installed as the default site by `AccordAdminConfig` (INSTALLED_APPS), so every app's `admin.site`
registrations land here. Its login is Accord's own (password, then the second factor): the admin's
password-only form is never served.
"""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from accord.accounts.models import Role
from accord.accounts.two_factor import session_is_fully_verified


class AccordAdminSite(admin.AdminSite):
    def has_permission(self, request):
        user = request.user
        if not (user.is_active and (user.is_superuser or user.role == Role.ADMINISTRATOR)):
            return False
        return session_is_fully_verified(request)

    def login(self, request, extra_context=None):
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"), reverse("accounts:login"))
