"""The village page's liaison parts: an outage told from the village page, linked to the outage
(walk74, M2), and each liaison's own history, added and retired (walk74, L6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.community.liaison_outages import liaison_told_of_outage
from powerdesk.community.liaison_records import LiaisonError
from powerdesk.community.selectors import village_current_outages

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from powerdesk.accounts.models import User
    from powerdesk.community.models import Liaison, LiaisonActivity, Village

__all__ = ["LIAISON_CHANGES", "liaison_changes", "told_on_village_page"]

# The village log's lines that are a liaison's record changing, not a contact with the village.
LIAISON_CHANGES = ("liaison_added", "liaison_retired")


def told_on_village_page(
    *,
    village: Village,
    by: User | None,
    liaison: Liaison | None,
    outage_id: int | None,
    note: str,
) -> LiaisonActivity:
    """ "Told of an outage" recorded on the village page: which liaison, and which of the
    village's outages now or announced, both chosen; linked to that outage, whose list then
    counts the liaison told, as "mark told" on the outages page does."""
    require(by, village.station_id, Do.VILLAGE_RECORD)
    if liaison is None or not liaison.active:
        raise LiaisonError(_("Choose the liaison who was told of the outage."))
    outage = next((o for o in village_current_outages(village) if o.pk == outage_id), None)
    if outage is None:
        raise LiaisonError(
            _("Choose the outage the liaison was told of: one of the village's now or planned.")
        )
    if not note.strip():
        raise LiaisonError(_("Say what was said."))
    return liaison_told_of_outage(outage=outage, liaison=liaison, by=by, note=note)


def liaison_changes(village: Village, liaisons: QuerySet[Liaison]) -> list[Liaison]:
    """``liaisons``, each with ``changes``: the village log's lines of it being added or retired,
    oldest first (one query for them all)."""
    rows = list(liaisons)
    changes: dict[int, list[LiaisonActivity]] = {}
    for line in (
        village.activities.filter(note_code__in=LIAISON_CHANGES, liaison__in=rows)
        .select_related("by")
        .order_by("at", "pk")
    ):
        assert line.liaison_id is not None
        changes.setdefault(line.liaison_id, []).append(line)
    for liaison in rows:
        liaison.changes = changes.get(liaison.pk, [])  # type: ignore[attr-defined]
    return rows
