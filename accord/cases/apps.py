from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _audit_triggers_ensure(sender, using, **kwargs):
    from django.db import connections

    from accord.cases.audit import append_only_triggers_ensure

    append_only_triggers_ensure(connections[using])


class CasesConfig(AppConfig):
    name = "accord.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self):
        # After every migrate, whatever it rebuilt: the audit trail's triggers are there (audit.py).
        post_migrate.connect(_audit_triggers_ensure, sender=self)
