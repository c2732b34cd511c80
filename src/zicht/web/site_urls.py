"""URLs of the site's own pages (footer pages, open data, API documentation) and the dashboard's CSV."""

from django.urls import path

from zicht.web import site_views

urlpatterns = [
    path("over/<slug:slug>/", site_views.site_page, name="site-page"),
    path("open-data/", site_views.open_data_index, name="open-data-index"),
    path("api/docs/", site_views.api_docs, name="api-docs"),
    # Year-less addresses of the main navigation: the newest published year (no database in the frame).
    path("dashboard/", site_views.latest, {"target": "dashboard"}, name="dashboard-latest"),
    path("factsheets/", site_views.latest, {"target": "factsheets"}, name="factsheets-latest"),
]
