from django.urls import path

from accord.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("record/", views.intake_new, name="intake"),
    path("cases/<str:reference>/", views.case_detail, name="detail"),
    path("cases/<str:reference>/step/<slug:name>/", views.case_step, name="step"),
    path("cases/<str:reference>/message/", views.case_message, name="message"),
    path("cases/<str:reference>/note/", views.case_note, name="note"),
    path("cases/<str:reference>/assign/", views.case_assign, name="assign"),
    path("cases/<str:reference>/classify/", views.case_classify, name="classify"),
    path("cases/<str:reference>/office/", views.case_office, name="office"),
    path("cases/<str:reference>/extend/", views.case_extend, name="extend"),
    path("cases/<str:reference>/file-complete/", views.case_file_complete, name="file_complete"),
    path("cases/<str:reference>/wait-longer/", views.case_wait_longer, name="wait_longer"),
    path("cases/<str:reference>/compliance/", views.case_compliance, name="compliance"),
    path("cases/<str:reference>/link/", views.case_link_renew, name="link"),
    path("cases/<str:reference>/letter/", views.case_letter, name="letter"),
    path("cases/<str:reference>/conflict/", views.case_conflict, name="conflict"),
    path("cases/<str:reference>/claims/<int:claim_id>/same/", views.case_claim_same, name="claim_same"),
    path("cases/<str:reference>/claims/<int:claim_id>/dismiss/", views.case_claim_dismiss, name="claim_dismiss"),
    path("cases/<str:reference>/person/", views.case_person_details, name="person_details"),
    path("cases/<str:reference>/documents/<int:document_id>/", views.document_download, name="document"),
    path("cases/<str:reference>/parties/", views.case_party_add, name="party_add"),
    path("cases/<str:reference>/parties/<int:party_id>/end/", views.case_party_end, name="party_end"),
    path("cases/<str:reference>/links/", views.case_caselink_add, name="caselink_add"),
    path("cases/<str:reference>/links/<int:link_id>/end/", views.case_caselink_end, name="caselink_end"),
    path("cases/<str:reference>/co-mediators/", views.case_comediator_add, name="comediator_add"),
    path("cases/<str:reference>/co-mediators/<int:mediator_id>/end/", views.case_comediator_end, name="comediator_end"),
]
