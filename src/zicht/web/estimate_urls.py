"""URLs of the analyst's headline-estimate page (included from web/urls.py)."""

from django.urls import path

from zicht.web import estimate_views

urlpatterns = [
    path("", estimate_views.headline_index, name="headline-index"),
    path("<int:year>/", estimate_views.headline_estimate, name="headline-estimate"),
]
