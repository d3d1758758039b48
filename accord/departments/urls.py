from django.urls import include, path

from accord.departments import dysfunction_urls, views

app_name = "departments"

urlpatterns = [
    path("", views.home, name="home"),
    path("requests/<int:request_id>/", views.request_detail, name="request"),
    path("requests/<int:request_id>/answer/", views.request_answer_view, name="request_answer"),
    path("requests/<int:request_id>/withdraw/", views.request_withdraw_view, name="request_withdraw"),
    path(
        "requests/<int:request_id>/documents/<int:document_id>/",
        views.request_document,
        name="request_document",
    ),
    path("cases/<str:reference>/ask/", views.request_ask_view, name="request_ask"),
    path("", include(dysfunction_urls)),
]
