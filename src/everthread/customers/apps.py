from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "everthread.customers"
    label = "customers"
    verbose_name = "Customers"
