"""The logins of the audit trail on the admin site (the county administrator's): django-axes
lists them with a delete action; they are the record of who signed in, and stay as they are
(walk64, H2). Its lockouts (``AccessAttempt``) are still lifted there by deleting them."""

from __future__ import annotations

from axes.admin import AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessFailureLog, AccessLog
from django.contrib import admin

from powerdesk.accounts.admin_records import ReadOnlyAdminMixin

for _model, _admin in ((AccessLog, AccessLogAdmin), (AccessFailureLog, AccessFailureLogAdmin)):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
        admin.site.register(_model, type(_admin.__name__, (ReadOnlyAdminMixin, _admin), {}))
