"""URL configuration for the web application."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from zicht.accounts.urls import login_view, two_factor_patterns
from zicht.web import api, api_uploads, draft_views, intake_views, portal_views, views

router = DefaultRouter()
router.register("publications", api.PublicationViewSet)
router.register("leveringen", api_uploads.SubmissionViewSet, basename="submission-api")
router.register("casusbestanden", api_uploads.EncodedDeliveryViewSet, basename="encoded-delivery-api")

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("zicht.web.site_urls")),  # footer pages, open data, API documentation
    path("monitor/<int:year>/", views.report_html, name="report-html"),
    path("dashboard/<int:year>/", views.dashboard, name="dashboard"),
    path("monitor/<int:year>.pdf", views.report_pdf, name="report-pdf"),
    path("monitor/<int:year>/factsheets/", views.factsheet, name="factsheets"),
    path("monitor/<int:year>/factsheets/<str:name>", views.factsheet, name="factsheet"),
    path("open-data/monitor-<int:year>-tabellen.<str:fmt>", views.open_data, name="open-data"),
    path("", include("zicht.web.open_data_urls")),  # /open-data/<year>/datapackage.json and its files
    # Every version of a year stays readable at its own address.
    path("monitor/<int:year>/v<int:version>/", views.report_html, name="report-html-version"),
    path("monitor/<int:year>/v<int:version>/<path:name>", views.version_artefact, name="version-artefact"),
    path("beheer/", include("zicht.web.cockpit_urls")),  # the analyst's cockpit (issue 10)
    path("beheer/concepten/", draft_views.drafts, name="drafts"),
    path("beheer/concepten/<int:year>/<path:name>", draft_views.draft_file, name="draft-file"),
    path("meldroutekaart/", include("zicht.signalling.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("beheer/aanleveren/", intake_views.deliver, name="deliver"),
    path("beheer/sjabloon/<str:partner>/<int:year>.xlsx", intake_views.template_download, name="template-download"),
    path("beheer/leveringen/", intake_views.submissions, name="submissions"),
    path("beheer/leveringen/<int:pk>/", intake_views.submission_detail, name="submission-detail"),
    path("beheer/koppelingen/", intake_views.linkage_runs, name="linkage-runs"),
    path("beheer/casusbestanden/", portal_views.encoded_deliveries, name="encoded-deliveries"),
    path("gemeente/", portal_views.municipality_home, name="municipality-home"),
    path("start/", portal_views.start, name="start"),
    path("beheer/", include("zicht.web.cockpit_content_urls")),
    path("beheer/kopschatting/", include("zicht.web.estimate_urls")),
    path("accounts/login/", login_view, name="login"),  # password, then a TOTP code (two_factor)
    path("accounts/oidc/", include("zicht.web.oidc_urls")),  # empty unless ZICHT_OIDC_ENABLED
    path("accounts/", include(two_factor_patterns)),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
