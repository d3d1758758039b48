from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    name = "accord.mediation"
    verbose_name = _("Mediation")
    default_auto_field = "django.db.models.BigAutoField"
