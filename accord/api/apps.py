from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "accord.api"
    label = "api"
    verbose_name = "API"

    def ready(self):
        from accord.api import schema  # noqa: F401  (registers the schema extensions)
