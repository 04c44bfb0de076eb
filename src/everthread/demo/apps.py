from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "everthread.demo"
    label = "demo"
    verbose_name = "Demo organisations"
