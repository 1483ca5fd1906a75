from django.urls import path

from powerdesk.arrears import views

app_name = "arrears"

urlpatterns = [
    path("", views.case_list, name="cases"),
    path("<int:pk>/", views.case_detail, name="case"),
]
