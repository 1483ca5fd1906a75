from django.urls import path

from powerdesk.public import open311, views

app_name = "public"

urlpatterns = [
    path("status/<slug:code>/", views.status, name="status"),
    path("status/<slug:code>/lookup/", views.lookup, name="lookup"),
    path("status/<slug:code>/report/", views.report, name="report"),
    path("open311/v2/<slug:code>/services.json", open311.services, name="open311_services"),
    path("open311/v2/<slug:code>/requests.json", open311.requests, name="open311_requests"),
]
