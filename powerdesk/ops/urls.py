from django.urls import path

from powerdesk.ops import views

app_name = "ops"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("audit/", views.audit, name="audit"),
]
