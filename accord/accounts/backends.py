"""Model permissions come from the role, not from rows an administrator could edit.

The administrator configures: categories, departments (their contacts and liaisons), offices (and their closing days),
the directory of professional mediators and its regions, staff accounts and mediators' absences, and reads the record of account changes and of login lock-outs (to unlock a colleague). Nothing else: no person, no case, no
task result (their tracebacks can hold addresses). Nobody can widen this from the admin: there are no
groups or per-user permissions to edit, and only a superuser (the operator, created with
`createsuperuser`) has more.
"""

from django.contrib.auth.backends import ModelBackend

from accord.accounts.models import Role

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.ADMINISTRATOR: frozenset(
        {
            "cases.add_category",
            "cases.change_category",
            "cases.view_category",
            "cases.add_department",
            "cases.change_department",
            "cases.view_department",
            "cases.add_office",
            "cases.change_office",
            "cases.view_office",
            "cases.add_officeclosure",
            "cases.change_officeclosure",
            "cases.delete_officeclosure",
            "cases.view_officeclosure",
            "accounts.add_user",
            "accounts.change_user",
            "accounts.view_user",
            "accounts.view_accountchange",
            "accounts.add_mediatorabsence",
            "accounts.change_mediatorabsence",
            "accounts.delete_mediatorabsence",
            "accounts.view_mediatorabsence",
            "axes.view_accessattempt",
            "axes.delete_accessattempt",
            # How each department is reached and who answers for it (accord/departments).
            "departments.add_departmentcontact",
            "departments.change_departmentcontact",
            "departments.view_departmentcontact",
            "departments.add_liaison",
            "departments.change_liaison",
            "departments.delete_liaison",
            "departments.view_liaison",
            # The directory of professional mediators (accord/mediation): kept, imported, exported; deactivated,
            # never deleted (a mediation will point at an entry).
            "mediation.add_mediator",
            "mediation.change_mediator",
            "mediation.view_mediator",
            "mediation.add_region",
            "mediation.change_region",
            "mediation.view_region",
        }
    ),
    Role.MEDIATOR: frozenset(),
    Role.INTAKE: frozenset(),
    Role.LIAISON: frozenset(),
}


class RolePermissionBackend(ModelBackend):
    """Django's password check, with permissions from `ROLE_PERMISSIONS` (superusers keep all)."""

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        return set(ROLE_PERMISSIONS.get(user_obj.role, ()))
