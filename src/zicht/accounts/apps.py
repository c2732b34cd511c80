from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "zicht.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core.checks import Tags, register

        from zicht.conf.security import check_secret_key

        register(check_secret_key, Tags.security, deploy=True)
