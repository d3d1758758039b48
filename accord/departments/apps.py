from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DepartmentsConfig(AppConfig):
    name = "accord.departments"
    verbose_name = _("Departments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accord.cases.models import EventKind
        from accord.cases.panels import case_panel_register, event_sentence_register, member_panel_register
        from accord.departments import dysfunctions
        from accord.departments.dysfunction_views import case_panel as dysfunctions_panel
        from accord.departments.views import case_panel, member_panel

        case_panel_register(template="departments/_case_panel.html", context=case_panel, order=10)
        member_panel_register(template="departments/_member_panel.html", context=member_panel, order=10)
        case_panel_register(template="departments/dysfunction_panel.html", context=dysfunctions_panel, order=20)
        event_sentence_register(kind=EventKind.DYSFUNCTION, sentence=dysfunctions.event_sentence)

        from accord.departments import handover
        from accord.departments.handover_views import case_panel as handover_panel
        from accord.departments.handover_views import member_panel as handover_member_panel

        # The hand-over comes first on both pages: while the complaint is with a department it is what matters.
        case_panel_register(template="departments/_handover_case_panel.html", context=handover_panel, order=5)
        member_panel_register(
            template="departments/_handover_member_panel.html", context=handover_member_panel, order=5
        )
        event_sentence_register(kind=EventKind.HANDOVER, sentence=handover.event_sentence)

        from accord.departments.services import digest_requests
        from accord.notifications.reminders import digest_section_register

        digest_section_register(digest_requests)

        from accord.cases.panels import queue_badges_register
        from accord.departments.services import queue_badges_requests

        queue_badges_register(queue_badges_requests)

        from accord.departments.mail import request_reply_route
        from accord.mailbox.routing import reply_router_register

        # A reply to an e-mail about a request is the department's answer (or held for the mediator).
        reply_router_register(request_reply_route)
