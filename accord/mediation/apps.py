from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    name = "accord.mediation"
    verbose_name = _("Mediation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accord.cases.models import EventKind
        from accord.cases.panels import case_panel_register, event_sentence_register, member_panel_register
        from accord.mediation import path_views, timeline

        case_panel_register(template="mediation/_case_panel.html", context=path_views.case_panel, order=30)
        member_panel_register(template="mediation/_member_panel.html", context=path_views.member_panel, order=20)
        event_sentence_register(kind=EventKind.MEDIATION, sentence=timeline.event_sentence)
