from django.urls import path

from accord.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.outbox, name="outbox"),
    path("<int:email_id>/", views.outbox_email, name="email"),
]
