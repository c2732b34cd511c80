"""Cockpit URLs for the reporting routes (mounted under /beheer/meldroutes/ by web's cockpit_content_urls)."""

from django.urls import path

from zicht.signalling import cockpit_views

urlpatterns = [
    path("", cockpit_views.routes, name="cockpit-routes"),
    path("<str:code>/", cockpit_views.route_edit, name="cockpit-route-edit"),
]
