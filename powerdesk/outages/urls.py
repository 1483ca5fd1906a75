from django.urls import path

from powerdesk.outages import (
    planned_views,
    views,
    views_board,
    views_history,
    views_map,
    views_patrol,
    views_priority,
)

app_name = "outages"

urlpatterns = [
    path("", views.outage_list, name="list"),
    path("planned/", planned_views.planned_outages, name="planned"),
    path("board/", views_board.outage_board, name="board"),
    path("reorder/", views_priority.outage_reorder, name="reorder"),
    path("devices/", views_board.device_options, name="devices"),
    path("callbacks/<int:pk>/done/", views_board.callback_done, name="callback_done"),
    path("<int:pk>/", views_history.outage_history, name="history"),
    path("<int:pk>/patrol/", views_patrol.outage_patrol, name="patrol"),
    path("predicted/<int:pk>/patrol/", views_patrol.prediction_patrol, name="prediction_patrol"),
    path("map/", views_map.outage_map, name="map"),
    path("map/data/", views_map.outage_map_data, name="map_data"),
    path("map/outages/", views_map.outage_map_list, name="map_list"),
]
