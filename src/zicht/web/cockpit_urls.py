"""The analyst's cockpit under /beheer/ (views in ``cockpit_views``)."""

from django.urls import path

from zicht.web import cockpit_views as v

urlpatterns = [
    path("", v.home, name="cockpit"),
    path("jaar/", v.open_year, name="cockpit-open"),
    path("jaar/<int:year>/", v.year_page, name="cockpit-year"),
    path("jaar/<int:year>/status/", v.change_status, name="cockpit-status"),
    path("jaar/<int:year>/deadline/", v.deadline, name="cockpit-deadline"),
    path("jaar/<int:year>/herinnering/", v.reminder, name="cockpit-reminder"),
    path("jaar/<int:year>/koppeling/", v.linkage, name="cockpit-linkage"),
    path("jaar/<int:year>/concept/", v.start_draft, name="cockpit-draft-start"),
    path("jaar/<int:year>/concept/<int:pk>/", v.draft_progress, name="cockpit-draft"),
    path("jaar/<int:year>/publiceren/", v.publish, name="cockpit-publish"),
    path("jaar/<int:year>/publiceren/<int:pk>/", v.publication_progress, name="cockpit-publication"),
]
