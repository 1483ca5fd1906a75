from typing import Any

from django.contrib import admin

from powerdesk.accounts.admin_records import RecordAdmin
from powerdesk.accounts.admin_scoping import StationScopedAdmin, StationScopedInline
from powerdesk.network.models import (
    Defect,
    Feeder,
    GridNode,
    ImportRun,
    Pole,
    ProtectiveDevice,
    Transformer,
)


@admin.register(Feeder)
class FeederAdmin(StationScopedAdmin):
    list_display = ["name", "code", "substation", "voltage_kv", "station"]
    list_filter = ["station"]
    search_fields = ["name", "code"]


class DefectInline(StationScopedInline):
    model = Defect
    fields = ["description", "severity", "found_on", "resolved_on", "station"]


class GridNodeAdmin(StationScopedAdmin):
    list_display = [
        "code",
        "name",
        "kind",
        "feeder",
        "line_name",
        "lightning_zone",
        "install_year",
    ]
    list_filter = ["station", "feeder", "kind", "lightning_zone"]
    search_fields = ["code", "name", "line_name"]
    raw_id_fields = ["parent"]
    inlines = [DefectInline]

    def get_queryset(self, request: Any) -> Any:
        return super().get_queryset(request).select_related("feeder")


admin.site.register(GridNode, GridNodeAdmin)
admin.site.register(Transformer, GridNodeAdmin)
admin.site.register(ProtectiveDevice, GridNodeAdmin)
admin.site.register(Pole, GridNodeAdmin)


@admin.register(Defect)
class DefectAdmin(StationScopedAdmin):
    list_display = ["node", "description", "severity", "found_on", "resolved_on", "station"]
    list_filter = ["station", "severity"]
    raw_id_fields = ["node"]


@admin.register(ImportRun)
class ImportRunAdmin(RecordAdmin):
    list_display = [
        "created_at",
        "kind",
        "file_name",
        "rows_created",
        "rows_updated",
        "rows_unchanged",
        "created_by",
    ]
    list_filter = ["station", "kind"]
