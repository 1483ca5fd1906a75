from django.urls import path

from powerdesk.reports import views

app_name = "reports"

urlpatterns = [
    path("voice/", views.voice, name="voice"),
    path("monthly/", views.monthly, name="monthly"),
    path("monthly/report.<str:fmt>", views.monthly_file, name="monthly_file"),
]
