"""The member's part of mediation, under their private link (`/<lang>/my-case/<token>/mediation/…`)."""

from django.urls import path

from accord.mediation import path_views

app_name = "mediation_member"

urlpatterns = [
    path("answer/", path_views.member_answer, name="answer"),
]
