from axes.apps import AppConfig as AxesAppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class AccordAdminConfig(AdminConfig):
    """Django's admin with Accord's site (role and second factor required, Accord's login)."""

    default_site = "accord.accounts.admin_site.AccordAdminSite"

    def ready(self):
        super().ready()  # registers every app's admin.py
        from django.contrib import admin
        from django.contrib.auth.models import Group
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        # Permissions come from the role (accounts/backends.py): groups would be a second, editable
        # source. Second-factor devices hold secrets: an administrator resets them (the user list's
        # action), never reads them.
        for model in (Group, TOTPDevice, StaticDevice):
            if admin.site.is_registered(model):
                admin.site.unregister(model)


# Third-party apps under the names the admin shows, translated (their own are plain English strings). The
# same apps otherwise (name and label unchanged: migrations, tables and `apps.is_installed` stay theirs);
# INSTALLED_APPS names these classes. Their models' and fields' words: admin_messages.py.
class TaskResultsConfig(TasksAppConfig):
    """django-tasks-db: the task results (superusers only; `accord/worker/admin.py` translates their columns)."""

    verbose_name = _("Background tasks")


class LoginAttemptsConfig(AxesAppConfig):
    """django-axes: the login attempts administrators read and unlock."""

    verbose_name = _("Login security")
