from django.contrib.auth import views as auth_views
from django.urls import path

from accord.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/verify/", views.verify_view, name="verify"),
    path("two-factor/enrol/", views.enrol_view, name="enrol"),
    path("two-factor/", views.two_factor_view, name="two_factor"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
