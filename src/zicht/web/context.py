"""Template context shared by the web pages."""

from zicht.publish.theme import theme_css


def zicht(request):
    from zicht.accounts.permissions import role_of

    return {"zicht_css": theme_css(), "zicht_role": role_of(request.user) if hasattr(request, "user") else None}
