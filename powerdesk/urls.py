from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from powerdesk.accounts.login import admin_login_limited
from powerdesk.api import api

# The administration site's login is held by the login page's limit by address too.
admin.site.login = admin_login_limited(admin.site.login)  # type: ignore[method-assign]

# A database lost outside a view is a 503 too (powerdesk/ops/faults.py).
handler500 = "powerdesk.ops.faults.server_error"
# An object of another of the user's stations offers to switch (``tenancy.AtOtherStation``).
handler404 = "powerdesk.web.errors.not_found"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("powerdesk.web.urls")),
    # No login: a station's outages for anyone, and Open311 (powerdesk/public).
    path("", include("powerdesk.public.urls")),
    path("accounts/", include("powerdesk.accounts.urls")),
    path("customers/", include("powerdesk.customers.urls")),
    path("villages/", include("powerdesk.community.urls")),
    path("grid/", include("powerdesk.network.urls")),
    path("desk/", include("powerdesk.servicedesk.urls")),
    path("outages/", include("powerdesk.outages.urls")),
    path("arrears/", include("powerdesk.arrears.urls")),
    path("outreach/", include("powerdesk.outreach.urls")),
    path("training/", include("powerdesk.training.urls")),
    path("notifications/", include("powerdesk.notifications.urls")),
    path("reports/", include("powerdesk.reports.urls")),
    path("figures/", include("powerdesk.dashboards.urls")),
    path("", include("powerdesk.ops.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

# Nothing under MEDIA_ROOT is served as a file: photos go through their record's view, which
# checks the station and the role (servicedesk:work_order_photo, outreach:visit_photo).
