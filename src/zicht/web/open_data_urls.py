"""Open data per year (the data package and the files it describes), beside /open-data/ itself."""

from django.urls import path

from zicht.web import open_data_views

urlpatterns = [
    path("open-data/<int:year>/<str:name>", open_data_views.open_data_file, name="open-data-file"),
]
