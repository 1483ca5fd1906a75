from django.urls import path

from powerdesk.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.figures_index, name="index"),
    path("reliability/", views.reliability_page, name="reliability"),
    path("service/", views.service_page, name="service"),
    path("calls/", views.calls_page, name="calls"),
    path("outages/", views.outage_record, name="outages"),
]
