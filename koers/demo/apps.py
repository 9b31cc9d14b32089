from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The Digitaal 2017 demo and `koers run`; it may import every app, and no app imports it."""

    name = "koers.demo"
    label = "demo"
