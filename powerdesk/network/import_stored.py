"""A network file adding to the network a station has: the elements already stored that a row may
hang under (its parent), and a parent that is another station's, refused at its row (walk46, 2).
Read by ``importing.network_import``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from powerdesk.engine.errors import InputProblem
from powerdesk.network.models import GridNode

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station

__all__ = ["elsewhere_said", "of_other_stations", "stored_elements"]


def stored_elements(station: Station) -> dict[str, tuple[str, str]]:
    """The station's network as stored, for a file adding to it: ``{code: (parent, kind)}``."""
    nodes = list(
        GridNode.objects.filter(station=station).values_list("pk", "code", "parent_id", "kind")
    )
    codes = {pk: code for pk, code, _parent, _kind in nodes}
    return {code: (codes.get(parent, ""), kind) for _pk, code, parent, kind in nodes}


def of_other_stations(station: Station, parents: set[str]) -> set[str]:
    """Which of ``parents`` (not this station's) are another station's elements."""
    parents.discard("")
    if not parents:
        return set()
    return set(
        GridNode.objects.exclude(station=station)
        .filter(code__in=parents)
        .values_list("code", flat=True)
    )


def elsewhere_said(problem: InputProblem) -> InputProblem:
    """A parent that is another station's element: refused, and said so, at its row."""
    message = _(
        "%(parent)s is an element of another station: a parent is a row of this file or an "
        "element of this station's network"
    ) % {"parent": repr(problem.params[0][1])}
    return InputProblem(problem.file, problem.line, message, problem.column)
