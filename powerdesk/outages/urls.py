from django.urls import path

from powerdesk.outages import views

app_name = "outages"

urlpatterns = [
    path("", views.outage_list, name="list"),
    path("map/", views.outage_map, name="map"),
    path("map/data/", views.outage_map_data, name="map_data"),
]
