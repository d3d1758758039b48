from django.urls import path

from accord.mediation import path_views, views

app_name = "mediation"

urlpatterns = [
    path("framing/", views.framing, name="framing"),
    # The case's mediators, from the case page (path_views.case_panel).
    path("cases/<str:reference>/propose/", path_views.propose, name="propose"),
    path("<int:mediation_id>/answers/", path_views.answer_record, name="answer_record"),
    path("<int:mediation_id>/close/", path_views.close, name="close"),
    path("<int:mediation_id>/notes/", path_views.note_add, name="note_add"),
    path("<int:mediation_id>/meetings/", path_views.meeting_schedule, name="meeting_schedule"),
    path("meetings/<int:meeting_id>/change/", path_views.meeting_change, name="meeting_change"),
    path("meetings/<int:meeting_id>/cancel/", path_views.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:meeting_id>/attendance/", path_views.meeting_attendance, name="meeting_attendance"),
    path("<int:mediation_id>/agreement/", path_views.agreement_save, name="agreement_save"),
    path("agreements/<int:agreement_id>/propose/", path_views.agreement_propose, name="agreement_propose"),
    path("agreements/<int:agreement_id>/answers/", path_views.agreement_record, name="agreement_record"),
    path("agreements/<int:agreement_id>/pdf/", path_views.agreement_preview, name="agreement_preview"),
    path("undertakings/<int:undertaking_id>/done/", path_views.undertaking_done, name="undertaking_done"),
    path("choices/<int:choice_id>/answer/", path_views.choice_answer, name="choice_answer"),
    path("<int:mediation_id>/external/", path_views.external_add, name="external_add"),
    path("external/<int:external_id>/link/", path_views.external_renew, name="external_renew"),
    path("external/<int:external_id>/end/", path_views.external_end, name="external_end"),
    # A department's liaisons: the mediations proposed to their department.
    path("proposals/", path_views.liaison_list, name="liaison_list"),
    path("proposals/<int:participant_id>/", path_views.liaison_proposal, name="liaison"),
    path("proposals/<int:participant_id>/agreement/", path_views.liaison_agreement_answer, name="liaison_agreement"),
    path(
        "proposals/<int:participant_id>/agreement.pdf", path_views.liaison_agreement_pdf, name="liaison_agreement_pdf"
    ),
    path("proposals/<int:participant_id>/protocol/", path_views.liaison_protocol_accept, name="liaison_protocol"),
    path("proposals/<int:participant_id>/protocol.pdf", path_views.liaison_protocol_pdf, name="liaison_protocol_pdf"),
    path(
        "proposals/<int:participant_id>/undertakings/<int:undertaking_id>/done/",
        path_views.liaison_undertaking_done,
        name="liaison_undertaking_done",
    ),
    path("directory/", views.directory, name="directory"),
]
