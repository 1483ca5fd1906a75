from django.urls import path

from powerdesk.outreach import views

app_name = "outreach"

urlpatterns = [
    path("", views.visit_calendar, name="calendar"),
    path("new/", views.visit_new, name="visit_new"),
    path("<int:pk>/", views.visit_detail, name="visit"),
    path("coverage/", views.coverage, name="coverage"),
    path("cards/<int:pk>/", views.group_cards, name="group_cards"),
]
