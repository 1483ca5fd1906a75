from django.urls import path

from powerdesk.web import views

app_name = "web"

urlpatterns = [
    path("", views.root, name="root"),
    path("home/", views.home, name="home"),
    path("village/", views.liaison_home, name="liaison"),
]
