from django.urls import path

from accord.public import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("complaint/", views.complaint_new, name="complaint"),
    path("complaint/sent/<str:reference>/", views.complaint_sent, name="complaint_sent"),
    path("my-case/<str:token>/", views.member_case, name="member_case"),
    path("my-case/<str:token>/new-link/", views.member_link_request, name="member_link_request"),
    path("my-case/<str:token>/reply/", views.member_reply, name="member_reply"),
    path("my-case/<str:token>/withdraw/", views.member_withdraw, name="member_withdraw"),
    path("my-case/<str:token>/contest/", views.member_contest, name="member_contest"),
    path("my-case/<str:token>/come-back/", views.member_come_back, name="member_come_back"),
    path("my-case/<str:token>/another-mediator/", views.member_mediator_change, name="member_mediator_change"),
    path("my-case/<str:token>/documents/<int:document_id>/", views.member_document, name="member_document"),
]
