"""WSGI entry point for production servers.

Refuses to start with settings that are unsafe in production (no ``ZICHT_SECRET_KEY`` with debug off;
see ``zicht.conf.security``), before Django loads the application."""

import os

from django.core.wsgi import get_wsgi_application

from zicht.conf.security import refuse_unsafe_production

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.conf.settings")
refuse_unsafe_production()
application = get_wsgi_application()
