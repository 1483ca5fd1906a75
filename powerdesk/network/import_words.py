"""A network file's kinds and the radial check's problems, said in the user's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from powerdesk.engine.errors import InputProblem
from powerdesk.engine.model.radial import KINDS
from powerdesk.network.models import NodeKind

# Words staff use for a contract kind: a line (feeder) starts at its outlet breaker, the source.
KIND_ALIASES = {"feeder": "source"}
# Kinds the station stores that the contract does not have, with the contract kind the engine
# reads them as: a pole is one of the contract's ``node`` ("any other point (pole, junction)").
# A ``pole`` row is stored as a pole; a ``node`` row leaves a stored pole a pole (``import_kinds``).
STATION_KINDS = {"pole": "node"}


def engine_kind(kind: str) -> str:
    """The contract's kind for a kind a row gives (``pole`` → ``node``)."""
    return STATION_KINDS.get(kind, kind)


class KindRow(NamedTuple):
    """A kind a network file may give (``code``), its name, and for an alias the kind it is
    another word for (``same_as``, else empty)."""

    code: str
    name: str
    same_as: str

    def said(self) -> str:
        """What the kind means, as a problem says it: its name, or for an alias "the same as
        ``source``: outlet breaker"."""
        return self._said(str, str)

    def said_html(self) -> SafeString:
        """The same words on a page, the kind an alias stands for in ``<code>``."""
        return mark_safe(self._said(lambda k: format_html("<code>{}</code>", k), escape))

    def _said(self, kind: Callable[[str], str], name: Callable[[str], str]) -> str:
        if not self.same_as:
            return name(self.name)
        return _("the same as %(kind)s: %(name)s") % {
            "kind": kind(self.same_as),
            "name": name(self.name),
        }


def kinds_table() -> list[KindRow]:
    """The kinds a network file may give, with their names and, for an alias, the kind it is
    another word for (``feeder`` → ``source``): the contract's, the station's (``pole``) and the
    aliases. The import page lists them (``KindRow.said_html``); an unknown kind's problem
    names them (``kinds_allowed``)."""
    names = {kind: str(name) for kind, name in NodeKind.choices}
    names["customer"] = _("customer")
    rows = [KindRow(kind, names.get(kind, kind), "") for kind in sorted(KINDS | set(STATION_KINDS))]
    rows += [KindRow(alias, names[kind], kind) for alias, kind in KIND_ALIASES.items()]
    return rows


def kinds_allowed() -> list[tuple[str, str]]:
    """The kinds with what they mean, as the import page says it, in plain text."""
    return [(row.code, row.said()) for row in kinds_table()]


def in_words(problem: InputProblem) -> InputProblem:
    """A problem the radial check found, said in the user's language."""
    params = dict(problem.params)
    if problem.code == "unknown_kind":
        allowed = ", ".join(f"{k} ({name})" for k, name in kinds_allowed())
        message = _("unknown kind %(kind)s; the kinds are: %(allowed)s") % {
            "kind": repr(params["kind"]),
            "allowed": allowed,
        }
    elif problem.code in _RADIAL_MESSAGES:
        message = _RADIAL_MESSAGES[problem.code]() % {
            k: repr(v) if k in ("id", "parent") else v for k, v in params.items()
        }
    else:
        return problem
    return InputProblem(problem.file, problem.line, message, problem.column)


_RADIAL_MESSAGES = {
    "empty_id": lambda: _("the id is empty"),
    "duplicate_id": lambda: _("the id %(id)s is used twice (first on line %(first)s)"),
    "root_not_source": lambda: _(
        "%(id)s has no parent, but only a source (a line's outlet breaker) starts a line: "
        "give its parent's id"
    ),
    "source_with_parent": lambda: _("source %(id)s must not have a parent: a source starts a line"),
    "own_parent": lambda: _("%(id)s is its own parent"),
    "unknown_parent": lambda: _(
        "%(parent)s is not the id of any element in the file or in the station's network"
    ),
    "customer_with_children": lambda: _("customer %(id)s has elements below it"),
    "cycle": lambda: _("the parents go round in a circle: %(ids)s"),
}


def field_label(name: str) -> str:
    """A field a network file sets, named as the element's or customer's page names it."""
    labels = {
        "feeder": _("feeder"),
        "parent": _("parent"),
        "kind": _("kind"),
        "name": _("name"),
        "line_name": _("line"),
        "pole_number": _("pole number"),
        "village": _("village"),
        "x": _("longitude"),
        "y": _("latitude"),
        "lightning_zone": _("lightning zone"),
        "install_year": _("install year"),
        "capacity_kva": _("capacity (kVA)"),
        "transformer": _("transformer area"),
        "has_smart_meter": _("smart meter reports"),
    }
    return str(labels.get(name, name))
