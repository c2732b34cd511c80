from django.apps import AppConfig


class SignallingConfig(AppConfig):
    """The meldroutekaart: where a professional reports a signal of human trafficking."""

    name = "zicht.signalling"
    label = "signalling"
    verbose_name = "Meldroutekaart"
    default_auto_field = "django.db.models.BigAutoField"
