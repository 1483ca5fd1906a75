from django.urls import path

from powerdesk.outages import planned_views, views

app_name = "outages"

urlpatterns = [
    path("", views.outage_list, name="list"),
    path("planned/", planned_views.planned_outages, name="planned"),
    path("map/", views.outage_map, name="map"),
    path("map/data/", views.outage_map_data, name="map_data"),
]
