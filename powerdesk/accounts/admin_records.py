"""Records the admin site keeps as they are (walk64, H2).

What happened at the station is recorded by the pages that do it, each step with who, when and
what: calls, work orders and their history, outages and their events, callbacks, arrears cases
and the chief's decisions, texts sent, training, outreach visits, the audit trail. The admin
site shows such a record and neither changes nor deletes it (``RecordAdmin``); and reference
data (a station, a login, a village, a customer, the network) is not deleted there when its
deletion would take such records along or blank who made them (``records_taken``): Django's
delete page then says which kinds of records stand in the way, and refuses the deletion, the
list's "delete selected" action alike. What the admin site may still change is written to its
log, which the station's audit trail reads.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin.utils import NestedObjects
from django.db import models, router
from django.http import HttpRequest

from powerdesk.accounts.admin_scoping import StationScopedAdmin
from powerdesk.lib.models import AppendOnlyModel

__all__ = ["KEPT_RECORDS", "ReadOnlyAdminMixin", "RecordAdmin", "is_kept", "records_taken"]

# Records of what was done or decided, besides every history row (``AppendOnlyModel``).
KEPT_RECORDS = frozenset(
    {
        "admin.LogEntry",
        "axes.AccessLog",
        "axes.AccessFailureLog",
        "accounts.ExportLog",
        "accounts.ApiToken",
        "arrears.ArrearsCase",
        "network.ImportRun",
        "outages.Outage",
        "outages.OutageCallback",
        "outages.PredictedOutage",
        "servicedesk.Call",
        "servicedesk.WorkOrder",
        "servicedesk.WorkOrderPhoto",
        "servicedesk.CategoryCorrection",
        "servicedesk.Callback",
        "servicedesk.HardProblem",
        "servicedesk.HardProblemStep",
        "servicedesk.Promise",
        "servicedesk.Feedback",
        "servicedesk.Notification",
        "servicedesk.NotificationsRead",
        "notifications.Notice",
        "notifications.Delivery",
        "notifications.InboundSms",
        "outreach.OutreachVisit",
        "outreach.VisitPhoto",
        "outreach.HotlineCard",
        "training.TrainingSession",
        "training.SelfStudy",
        "ops.Purge",
    }
)


def is_kept(model: type[models.Model]) -> bool:
    """Whether rows of ``model`` record what was done or decided (never deleted in the admin)."""
    return issubclass(model, AppendOnlyModel) or model._meta.label in KEPT_RECORDS


def _any(batch: Any) -> bool:
    if isinstance(batch, models.QuerySet):
        return batch.exists()
    return bool(batch)


def records_taken(objs: Any) -> set[str]:
    """The kinds of kept records (their names) that deleting ``objs`` would delete, or whose
    "who" it would blank (a login that approved, recorded or answered something)."""
    objs = list(objs)
    if not objs:
        return set()
    collector = NestedObjects(using=router.db_for_write(type(objs[0])), origin=objs)
    collector.collect(objs)
    kinds: set[type[models.Model]] = set()
    for model, instances in collector.data.items():
        if instances and is_kept(model):
            kinds.add(model)
    for (field, _value), batches in collector.field_updates.items():
        if is_kept(field.model) and any(_any(batch) for batch in batches):
            kinds.add(field.model)
    return {str(model._meta.verbose_name) for model in kinds}


class ReadOnlyAdminMixin:
    """Shown, never added, changed or deleted in the admin (nor by its bulk delete)."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class RecordAdmin(ReadOnlyAdminMixin, StationScopedAdmin):
    """A station's record on the admin site: seen, within one's stations, and kept as it is.
    It is made, and moved on, on its own page (which records each step)."""
