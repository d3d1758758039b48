from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "accord.worker"
    label = "worker"
    verbose_name = "Background work"
