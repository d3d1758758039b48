from django.contrib.admin.apps import AdminConfig


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
