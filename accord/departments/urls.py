from django.urls import include, path

from accord.departments import dysfunction_urls, handover_urls, link_views, views

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
    # A reply by e-mail held for the mediator (departments/mail.py): taken as the answer, or set aside.
    path(
        "requests/<int:request_id>/replies/<int:reply_id>/decide/",
        views.held_reply_decide_view,
        name="held_reply_decide",
    ),
    path("", include(dysfunction_urls)),
    path("", include(handover_urls)),
    # The department's link (sharing.py): a new one sent to its shared address, or one revoked; the link's
    # own public pages are in link_urls.py.
    path("requests/<int:request_id>/link/", link_views.request_link_send_view, name="request_link_send"),
    path(
        "requests/<int:request_id>/links/<int:link_id>/revoke/",
        link_views.request_link_revoke_view,
        name="request_link_revoke",
    ),
]
