"""The member's part of mediation, under their private link (`/<lang>/my-case/<token>/mediation/…`)."""

from django.urls import path

from accord.mediation import path_views

app_name = "mediation_member"

urlpatterns = [
    path("answer/", path_views.member_answer, name="answer"),
    path("agreement/", path_views.member_agreement_answer, name="agreement"),
    path("choose/", path_views.member_choose, name="choose"),
    path("protocol/", path_views.member_protocol_accept, name="protocol"),
    path("undertakings/<int:undertaking_id>/done/", path_views.member_undertaking_done, name="undertaking_done"),
]
