"""The Django admin shows unpublished data: it uses the two-factor site (see ``two_factor.ZichtAdminSite``)."""

from django.contrib.admin.apps import AdminConfig


class ZichtAdminConfig(AdminConfig):
    default_site = "zicht.accounts.two_factor.ZichtAdminSite"
