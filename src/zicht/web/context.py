"""Template context shared by the web pages."""

from zicht.publish.theme import theme_css


def zicht(request):
    from zicht.accounts.permissions import role_of
    from zicht.web.site import SITE_PAGES, site_name

    return {
        "zicht_css": theme_css(),
        "zicht_role": role_of(request.user) if hasattr(request, "user") else None,
        "site_name": site_name(),
        "site_pages": SITE_PAGES,
    }
