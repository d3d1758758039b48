"""The professional mediator's link (link_views.py): public, no login, at /<lang>/mediator-link/<token>/."""

from django.urls import path

from accord.mediation import link_views

app_name = "mediator_link"

urlpatterns = [
    path("<str:token>/", link_views.link_page, name="page"),
]
