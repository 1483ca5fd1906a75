"""The station's service commitments on the admin site: read there, changed on their own page.

Only the chief changes the commitments (``commitments.commitments_update``: each value checked
against its bounds, the change kept as a ``CommitmentChange``); the admin site would change
them past both, so it shows them and their history and changes nothing.
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.admin_records import RecordAdmin
from powerdesk.servicedesk.commitments import change_lines
from powerdesk.servicedesk.models import CommitmentChange, CommitmentPolicy


@admin.register(CommitmentPolicy)
class CommitmentPolicyAdmin(RecordAdmin):
    list_display = [
        "station",
        "hazard_arrive_minutes",
        "arrive_rural_minutes",
        "arrive_remote_minutes",
        "restore_rural_hours",
        "callback_hours",
        "where_changed",
    ]
    list_filter = ["station"]

    @admin.display(description=_("changed by the chief on"))
    def where_changed(self, obj: CommitmentPolicy) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("servicedesk:commitments"), _("Service commitments")
        )


@admin.register(CommitmentChange)
class CommitmentChangeAdmin(RecordAdmin):
    list_display = ["at", "by", "what_changed", "station"]
    list_filter = ["station"]
    date_hierarchy = "at"
    exclude = ["changes"]
    readonly_fields = ["what_changed"]

    @admin.display(description=_("changes"))
    def what_changed(self, obj: CommitmentChange) -> str:
        """Each value before and after, named as on the commitments page."""
        return "; ".join(change_lines(obj))
