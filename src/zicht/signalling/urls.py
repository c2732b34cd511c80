from django.urls import path

from zicht.signalling import views

urlpatterns = [
    path("", views.overview, name="meldroutekaart"),
    path("waar-melden/", views.where_to_report, name="meldroutekaart-waar-melden"),
]
