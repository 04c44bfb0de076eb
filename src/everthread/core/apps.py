from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "everthread.core"
    label = "core"
    verbose_name = "Organisation and staff"
