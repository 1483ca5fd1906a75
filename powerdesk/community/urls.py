from django.urls import path

from powerdesk.community import views

app_name = "community"

urlpatterns = [
    path("", views.village_list, name="villages"),
    path("<int:pk>/", views.village_detail, name="village"),
]
