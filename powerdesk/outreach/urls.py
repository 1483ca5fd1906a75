from django.urls import path

from powerdesk.outreach import views, views_photos

app_name = "outreach"

urlpatterns = [
    path("", views.visit_calendar, name="calendar"),
    path("new/", views.visit_new, name="visit_new"),
    path("<int:pk>/", views.visit_detail, name="visit"),
    path("<int:pk>/photos/<int:photo_pk>/", views_photos.visit_photo, name="visit_photo"),
    path("coverage/", views.coverage, name="coverage"),
    path("cards/<int:pk>/", views.group_cards, name="group_cards"),
]
