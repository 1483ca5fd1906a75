from django.urls import path

from powerdesk.outages import views

app_name = "outages"

urlpatterns = [path("", views.outage_list, name="list")]
