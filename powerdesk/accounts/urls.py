from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from powerdesk.accounts import crew_phone, views, views_tokens
from powerdesk.accounts.login import LoginView
from powerdesk.accounts.passwords import BoundedPasswordChangeForm

app_name = "accounts"

urlpatterns = [
    path(
        "login/",
        LoginView.as_view(),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            form_class=BoundedPasswordChangeForm,
            success_url=reverse_lazy("accounts:password_done"),
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_done.html"),
        name="password_done",
    ),
    path("station/", views.switch_station, name="switch_station"),
    path("staff/", views.staff_list, name="staff"),
    path("staff/<int:pk>/end/", views.staff_end, name="staff_end"),
    path("crews/<int:pk>/phone/", crew_phone.crew_phone_view, name="crew_phone"),
    path("crews/<int:pk>/", views.crew_detail, name="crew"),
    path("crews/<int:pk>/position/", views.crew_position, name="crew_position"),
    path("crews/<int:pk>/leader/", views.crew_leader, name="crew_leader"),
    path("exports/", views.export_log, name="export_log"),
    path("api-tokens/", views_tokens.api_tokens, name="api_tokens"),
    path("api-tokens/<int:pk>/off/", views_tokens.api_token_off, name="api_token_off"),
    path("export/<slug:name>.<slug:fmt>", views.export_list, name="export"),
]
