"""The hand-over through the department's link (handover_views.py): public, no login, at
/<lang>/department-link/handover/<token>/ (config/urls.py), for a department without liaisons."""

from django.urls import path

from accord.departments import handover_views

app_name = "handover_link"

urlpatterns = [
    path("<str:token>/", handover_views.link_page, name="page"),
    path("<str:token>/documents/<int:document_id>/", handover_views.link_document, name="document"),
    path("<str:token>/<str:kind>/", handover_views.link_step, name="step"),
]
