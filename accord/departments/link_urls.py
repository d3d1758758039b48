"""The department's link (link_views.py): public, no login, at /<lang>/department-link/<token>/ (config/urls.py).
The mediator's side of it (send a new link, revoke one) is among the staff URLs (urls.py)."""

from django.urls import path

from accord.departments import link_views

app_name = "department_link"

urlpatterns = [
    path("<str:token>/", link_views.link_page, name="page"),
    path("<str:token>/answer/", link_views.link_answer, name="answer"),
    path("<str:token>/documents/<int:document_id>/", link_views.link_document, name="document"),
]
