"""The dysfunctions' pages, included by departments/urls.py (namespace "departments", under /staff/departments/)."""

from django.urls import path

from accord.departments import dysfunction_views as views

urlpatterns = [
    path("cases/<str:reference>/dysfunctions/", views.dysfunction_record_view, name="dysfunction_record"),
    path("dysfunctions/", views.dysfunction_list, name="dysfunctions"),
    path("dysfunctions/<int:dysfunction_id>/", views.dysfunction_detail, name="dysfunction"),
    path("dysfunctions/<int:dysfunction_id>/<str:kind>/", views.dysfunction_step_view, name="dysfunction_step"),
]
