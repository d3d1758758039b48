"""The hand-over's staff URLs (included by urls.py, under /<lang>/staff/departments/)."""

from django.urls import path

from accord.departments import handover_views

urlpatterns = [
    path("handovers/", handover_views.handovers, name="handovers"),
    path("handovers/<int:handover_id>/", handover_views.handover_detail, name="handover"),
    path("handovers/<int:handover_id>/take-back/", handover_views.handover_take_back_view, name="handover_take_back"),
    path("handovers/<int:handover_id>/<str:kind>/", handover_views.handover_step, name="handover_step"),
    path(
        "handovers/<int:handover_id>/documents/<int:document_id>/",
        handover_views.handover_document,
        name="handover_document",
    ),
    path("cases/<str:reference>/hand-over/", handover_views.handover_start_view, name="handover_start"),
]
