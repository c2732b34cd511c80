"""URLs of the site's own pages (footer pages, open data, API documentation) and the dashboard's CSV."""

from django.urls import path

from zicht.web import site_views

urlpatterns = [
    path("over/<slug:slug>/", site_views.site_page, name="site-page"),
    path("open-data/", site_views.open_data_index, name="open-data-index"),
    path("api/docs/", site_views.api_docs, name="api-docs"),
]
