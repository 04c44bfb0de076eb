from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    name = "everthread.channels"
    label = "channels"
    verbose_name = "Channels"
