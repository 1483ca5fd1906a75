from django.urls import path

from powerdesk.training import views

app_name = "training"

urlpatterns = [
    path("", views.plan, name="plan"),
    path("sessions/new/", views.session_new, name="session_new"),
    path("people/<int:pk>/", views.person, name="person"),
    path("me/", views.my_record, name="me"),
]
