"""Template context shared by the web pages."""

from django.utils.functional import SimpleLazyObject

from zicht.publish.theme import theme_css


def _latest_year():
    from zicht.publish.models import Publication

    return Publication.objects.order_by("-year").values_list("year", flat=True).first()


def zicht(request):
    from zicht.accounts.permissions import role_of
    from zicht.web.site import SITE_PAGES, site_name

    return {
        "zicht_css": theme_css(),
        "zicht_role": role_of(request.user) if hasattr(request, "user") else None,
        "site_name": site_name(),
        "site_pages": SITE_PAGES,
        # The newest published year for the main navigation; one small query, only when a page uses it.
        "latest_year": SimpleLazyObject(_latest_year),
    }
