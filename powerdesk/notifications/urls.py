from django.urls import path

from powerdesk.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.delivery_list, name="deliveries"),
    path("<int:pk>/retry/", views.delivery_retry_view, name="retry"),
    path("retry-failed/", views.delivery_retry_failed_view, name="retry_failed"),
    path("settings/", views.settings_page, name="settings"),
]
