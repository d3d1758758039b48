from django.apps import AppConfig


class DepartmentsConfig(AppConfig):
    name = "accord.departments"
    default_auto_field = "django.db.models.BigAutoField"
