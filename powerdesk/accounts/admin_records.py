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

Whether a deletion would take kept records along is asked first with one EXISTS query per
relation the deletion would follow (``kept_records_reached``), before Django's collector loads
every row below: a feeder's delete page loaded its grid nodes, customers, calls and orders, and
took 71 s to refuse (walk67, M3). A record kept itself has no delete page: its delete address
says it is kept, with a link back to it (walk67, L1).
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin.utils import NestedObjects, unquote
from django.db import models, router
from django.db.models import Q
from django.db.models.deletion import get_candidate_relations_to_delete
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext

from powerdesk.accounts.admin_scoping import StationScopedAdmin
from powerdesk.lib.models import AppendOnlyModel

__all__ = [
    "KEPT_RECORDS",
    "ReadOnlyAdminMixin",
    "RecordAdmin",
    "deletion_reach",
    "is_kept",
    "kept_records_reached",
    "protected_reached",
    "records_taken",
]

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


# How far down the cascade ``kept_records_reached`` follows (a feeder, its grid nodes, their
# customers, their calls: four); anything deeper is left to Django's collector.
CASCADE_DEPTH = 6
# What a deletion does to the rows pointing at the row deleted, besides deleting them.
_BLANKS = (models.SET_NULL, models.SET_DEFAULT)


def kept_records_reached(objs: Any, ids: set[int] | None = None) -> set[str]:
    """The kinds of kept records (their names) that deleting ``objs`` would delete or blank,
    found without loading a row: one EXISTS query per relation followed, each row below asked
    for by a subquery of the rows above it. The deletions it follows: CASCADE, down to
    ``CASCADE_DEPTH`` and never back into a model on its way; SET_NULL and SET_DEFAULT (who
    made a record, blanked). A set it leaves empty is no answer: Django's collector then
    decides (``records_taken``), as for a relation of its own (``on_delete=SET(...)``).

    For an administrator of the stations ``ids``, kept records of another station are not
    named by kind (that would tell what another station holds): the answer is then the one
    kind "records of other stations" (review68, L7)."""
    return deletion_reach(objs, ids).kept


def protected_reached(objs: Any, ids: set[int] | None = None) -> list[str]:
    """What stands in the way of deleting ``objs`` as Django's ``PROTECT`` would, found as
    ``kept_records_reached`` finds kept records: each kind of row that holds on to a row the
    deletion would take ("台区: 12"), or, for an administrator of the stations ``ids``, only
    that records of other stations do. Empty: nothing protected was found this way (Django's
    collector then decides). A feeder's grid nodes hold on to each other (parent) and its
    customers to their transformer: its delete page listed some 3,000 rows in 6 s (walk69, M2)."""
    return deletion_reach(objs, ids).protected


class _Reach:
    """One walk down the relations a deletion of some rows would follow."""

    def __init__(self, ids: set[int] | None) -> None:
        self.ids = ids
        self.kinds: set[type[models.Model]] = set()
        # The rows of each kind of kept record reached, by each relation that reaches them.
        self.reached: dict[type[models.Model], list[models.QuerySet[Any]]] = {}
        self.held: dict[type[models.Model], list[models.QuerySet[Any]]] = {}
        self.outside = False

    @property
    def kept(self) -> set[str]:
        if self.outside:
            return {gettext("records of other stations")}
        return {str(kind._meta.verbose_name) for kind in self.kinds}

    @property
    def kept_counted(self) -> list[str]:
        """Each kind of kept record reached and how many of its rows ("工单: 12"), each row
        once however many ways reach it; for an administrator of some stations, when any of
        them is another station's, only that records of other stations stand in the way (not
        their kinds, nor how many: walk70 L1, review68 L7). One COUNT per kind."""
        if self.outside:
            return [gettext("records of other stations")]
        return sorted(
            f"{capfirst(str(model._meta.verbose_name_plural))}: {_distinct(model, found)}"
            for model, found in self.reached.items()
        )

    @property
    def protected(self) -> list[str]:
        if self.outside:
            return [gettext("records of other stations")]
        return sorted(
            f"{capfirst(str(model._meta.verbose_name_plural))}: {_distinct(model, found)}"
            for model, found in self.held.items()
        )

    def walk(
        self,
        model: type[models.Model],
        rows: models.QuerySet[Any],
        path: tuple[type[models.Model], ...],
    ) -> None:
        # The relations Django's collector follows, those of no reverse name ("+") too.
        rel: Any
        for rel in get_candidate_relations_to_delete(model._meta):
            related: type[models.Model] = rel.related_model
            field: Any = rel.field
            on_delete = field.remote_field.on_delete
            cascade = on_delete is models.CASCADE
            below = related._base_manager.filter(
                **{f"{field.attname}__in": rows.values(field.target_field.attname)}
            )
            if on_delete is models.PROTECT:
                self.hold(related, below)
            elif not (cascade or on_delete in _BLANKS):
                continue
            elif is_kept(related):
                # Every relation reaching a kind is asked: the rows are counted (walk70 L1).
                if below.exists():
                    self.kinds.add(related)
                    self.reached.setdefault(related, []).append(below)
                    self.outside = self.outside or self.elsewhere(below)
            elif cascade and len(path) < CASCADE_DEPTH and related not in path:
                self.walk(related, below.values("pk"), (*path, related))

    def hold(self, related: type[models.Model], below: models.QuerySet[Any]) -> None:
        if below.exists():
            self.held.setdefault(related, []).append(below)
            self.outside = self.outside or self.elsewhere(below)

    def elsewhere(self, below: models.QuerySet[Any]) -> bool:
        """Whether any of ``below`` belongs to a station outside the administered ones; a kind
        with no way to its station is counted as elsewhere (nothing of it is shown)."""
        from powerdesk.accounts.admin_scoping import station_lookup

        if self.ids is None:
            return False
        lookup = station_lookup(below.model)
        if lookup is None:
            return True
        return below.exclude(**{f"{lookup}__in": self.ids}).exists()


def _distinct(model: type[models.Model], found: list[models.QuerySet[Any]]) -> int:
    """How many rows of ``model`` the relations found, each once (a customer holds on to a
    village by its village and by its group: one customer, review69 L1)."""
    held = Q()
    for rows in found:
        held |= Q(pk__in=rows.values("pk"))
    return model._base_manager.filter(held).count()


def deletion_reach(objs: Any, ids: set[int] | None) -> _Reach:
    """Both answers of one walk: ``.kept`` (``kept_records_reached``) and ``.protected``
    (``protected_reached``)."""
    objs = list(objs)
    reach = _Reach(ids)
    if objs:
        model = type(objs[0])
        reach.walk(model, model._base_manager.filter(pk__in=[obj.pk for obj in objs]), (model,))
    return reach


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

    def delete_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> Any:
        """Its delete address says that the record is kept, never deleted, naming its kind,
        with a link back to it (403) — not that the page is closed to one's role (walk67, L1).
        A record one may not see answers as before (404 outside one's stations)."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            # As its change address answers (walk69, L5), not that the page is closed.
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_permission(request, obj):
            return super().delete_view(request, object_id, extra_context)
        return record_kept_page(self, request, obj)


def record_kept_page(admin_page: Any, request: HttpRequest, obj: Any) -> HttpResponse:
    """The answer of a kept record's delete address: seen, never deleted (403)."""
    opts = admin_page.opts
    context = {
        **admin_page.admin_site.each_context(request),
        "opts": opts,
        "object": obj,
        "kind": capfirst(opts.verbose_name),
        # The page's heading (Django's admin heads its page with ``title``).
        "title": gettext("This record may be viewed, not deleted"),
        "back": reverse(
            f"{admin_page.admin_site.name}:{opts.app_label}_{opts.model_name}_change",
            args=[obj.pk],
        ),
    }
    return TemplateResponse(request, "accounts/admin/record_kept.html", context, status=403)
