"""Staff accounts in the admin: administrators manage them, but cannot widen anyone's powers but by role.

Permissions come from the role (backends.py), so the superuser, staff, group and per-user permission
fields are for superusers only; an administrator cannot change their own role or activity, nor touch
a superuser. Every change of role, activity or password, and every second-factor reset, is recorded
(`AccountChange`, read-only here)."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from accord.accounts.models import AccountChange, AccountChangeKind, MediatorAbsence, User
from accord.accounts.services import account_change_record, user_changes_record, user_two_factor_reset

ACCORD_FIELDS = ("role", "language", "intake_unit", "office")


@admin.register(User)
class AccordUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "email", "role", "is_active", "two_factor")
    list_filter = ("role", "is_active")
    fieldsets = UserAdmin.fieldsets + ((_("Accord"), {"fields": ACCORD_FIELDS}),)
    add_fieldsets = UserAdmin.add_fieldsets + ((_("Accord"), {"fields": ("role", "language", "email")}),)
    actions = ["two_factor_reset"]

    def get_queryset(self, request):
        devices = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(has_two_factor=Exists(devices))

    @admin.display(boolean=True, description=_("Two-factor"))
    def two_factor(self, user):
        return user.has_two_factor

    def get_fieldsets(self, request, obj=None):
        if obj is None or request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        return (
            (None, {"fields": ("username", "password")}),
            (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
            (_("Accord"), {"fields": ("is_active", *ACCORD_FIELDS)}),
            (_("Important dates"), {"fields": ("last_login", "date_joined")}),
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser and obj is not None:
            readonly += ["last_login", "date_joined"]
            if obj.pk == request.user.pk:
                readonly += ["role", "is_active"]
        return readonly

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        before = (
            {name: form.initial.get(name) for name in ("role", "is_active", "is_superuser")} if change else {"role": ""}
        )
        changed = set(form.changed_data) if change else {"role"}
        super().save_model(request, obj, form, change)
        user_changes_record(changed_by=request.user, user=obj, before=before, changed=changed)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = User.objects.get(pk=id)
            account_change_record(changed_by=request.user, user=user, kind=AccountChangeKind.PASSWORD)
        return response

    @admin.action(description=_("Reset two-factor authentication (lost device)"), permissions=["change"])
    def two_factor_reset(self, request, queryset):
        if not request.user.is_superuser:
            queryset = queryset.filter(is_superuser=False)
        users = list(queryset)
        for user in users:
            user_two_factor_reset(changed_by=request.user, user=user)
        count = len(users)
        self.message_user(
            request,
            ngettext(
                "%(count)d account will set up two-factor authentication again at the next login.",
                "%(count)d accounts will set up two-factor authentication again at the next login.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(AccountChange)
class AccountChangeAdmin(admin.ModelAdmin):
    list_display = ("changed_at", "changed_by", "user", "kind", "before", "after")
    list_filter = ("kind",)
    search_fields = ("user__username", "changed_by__username")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MediatorAbsence)
class MediatorAbsenceAdmin(admin.ModelAdmin):
    """Mediators' days away: the replacement rule after a conflict of interest does not choose them then."""

    list_display = ("mediator", "start", "end")
    list_filter = ("mediator",)
    date_hierarchy = "start"
