from django.urls import path

from powerdesk.network import views, views_import

app_name = "network"

urlpatterns = [
    path("", views.feeder_list, name="feeders"),
    path("feeders/<int:pk>/", views.feeder_detail, name="feeder"),
    path("feeders/<int:pk>/schematic/", views.feeder_schematic, name="schematic"),
    path("elements/<int:pk>/", views.node_detail, name="node"),
    path("transformers/", views.element_list, {"kind": "transformers"}, name="transformers"),
    path("devices/", views.element_list, {"kind": "devices"}, name="devices"),
    path("poles/", views.element_list, {"kind": "poles"}, name="poles"),
    path("defects/", views.defect_list, name="defects"),
    path("import/", views_import.import_csv, name="import"),
    path("import/export/", views_import.network_export, name="export"),
    path("import/confirm/", views_import.import_confirm, name="import_confirm"),
]
