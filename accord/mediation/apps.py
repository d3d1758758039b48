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

        from accord.cases.panels import step_initial_register

        step_initial_register(_close_as_settled)


def _close_as_settled(case, step_name):
    """Once the parties accepted an agreement, closing the case offers the outcome "amicable settlement"."""
    from accord.cases.models import Outcome
    from accord.mediation.models import Mediation

    if step_name == "close" and Mediation.objects.filter(case=case, settled=True).exists():
        return {"outcome": Outcome.AMICABLE}
    return {}
