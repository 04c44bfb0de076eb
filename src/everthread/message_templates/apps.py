from django.apps import AppConfig


class MessageTemplatesConfig(AppConfig):
    name = "everthread.message_templates"
    label = "message_templates"
    verbose_name = "Message templates and brand voice"
