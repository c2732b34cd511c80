from django.apps import AppConfig


class FiguresConfig(AppConfig):
    name = "zicht.figures"
    label = "figures"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        """Give intake the figures table's writer: intake may not import figures (ADR 1212)."""
        from zicht.figures.services import store_observations
        from zicht.intake.writers import register_observation_writer

        register_observation_writer(store_observations)
