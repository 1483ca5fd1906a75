from django.urls import path

from powerdesk.web import app, views, views_liaison

app_name = "web"

urlpatterns = [
    path("", views.root, name="root"),
    path("home/", views.home, name="home"),
    path("village/", views_liaison.liaison_home, name="liaison"),
    path("sw.js", app.service_worker, name="service_worker"),
    path("manifest.webmanifest", app.manifest, name="manifest"),
    path("favicon.ico", app.favicon, name="favicon"),
]
