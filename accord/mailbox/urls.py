from django.urls import path

from accord.mailbox import views

app_name = "mailbox"
urlpatterns = [
    path("", views.mailbox, name="list"),
    path("<int:inbound_id>/raw/", views.inbound_raw, name="raw"),
    path("<int:inbound_id>/retry/", views.inbound_retry, name="retry"),
]
