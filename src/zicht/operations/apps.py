from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """No models of its own: it reads and writes the other apps' rows and files."""

    name = "zicht.operations"
    label = "operations"
