"""URL configuration for the web application."""

from django.contrib import admin
from django.urls import path

from zicht.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("monitor/<int:year>/", views.report_html, name="report-html"),
    path("monitor/<int:year>.pdf", views.report_pdf, name="report-pdf"),
    path("admin/", admin.site.urls),
]
