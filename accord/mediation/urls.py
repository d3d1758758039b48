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
    # A department's liaisons: the mediations proposed to their department.
    path("proposals/", path_views.liaison_list, name="liaison_list"),
    path("proposals/<int:participant_id>/", path_views.liaison_proposal, name="liaison"),
]
