from django.urls import path

from accord.mediation import views

app_name = "mediation"

urlpatterns = [
    path("framing/", views.framing, name="framing"),
    path("directory/", views.directory, name="directory"),
]
