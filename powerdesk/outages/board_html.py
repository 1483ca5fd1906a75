"""The board's rows as HTML, each drawn once while it stays the same (``{% board_row r %}``).

The board is drawn again every second for everyone who has it open, and in a storm most of its
rows do not change from one second to the next; drawing a row (its forms, its crews, its order
of restoration) was most of the time the board took. A row's HTML is kept under everything it
shows: the row itself, taken whole (every field, the records it holds and the records they
hold, ``signature``), and what the row template reads besides it — the person's permitted
actions (``may``), the station's crews for the dispatch form, the causes — with the language
and time zone. The row template is given only those, so a name read from anywhere else draws
as empty at once, never stale. The forms' CSRF tokens are put in when the row is shown, so one
person's token never reaches another.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import threading
from collections import OrderedDict
from collections.abc import Hashable
from decimal import Decimal
from types import SimpleNamespace
from typing import Any
from uuid import UUID

from django.db import models
from django.template import Context
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

__all__ = ["forget", "render_row", "signature"]

ROW_TEMPLATE = "outages/_board_row.html"
# A recorded outage's forms after the dispatch form: the same for every row but the outage's id,
# drawn once a drawing with a stand-in id (letters only: nothing escapes it) and put in each row.
OUTAGE_ACTIONS = "outages/_board_outage_actions.html"
_ACTIONS_MARK = "<!--outage-actions-->"
_OUTAGE_PK = "idOfTheOutageGoesHere"
# The restore form's cause, asked only of a fault outage with none recorded yet.
_CAUSE_ASK = re.compile(r"<!--cause-->.*?<!--/cause-->", re.S)
KEEP = 3000  # rows kept at most (a storm's rows, for a few permission sets and languages)
# Stands for the request's CSRF token in a kept row (letters only: nothing escapes it).
_TOKEN = "csrfTokenOfTheRequestGoesHere"
_TOKEN_INPUT = f'<input type="hidden" name="csrfmiddlewaretoken" value="{_TOKEN}">'
_MAX_DEPTH = 8
_PAGE = "outages.board_html.page"  # where one drawing keeps what its rows share
_URLS = ("list", "map", "devices", "reorder")  # the addresses of the rows' links and forms

_kept: OrderedDict[Hashable, str] = OrderedDict()
_lock = threading.Lock()


def render_row(context: Context, row: Any) -> SafeString:
    """The row's HTML in this page's ``context`` (a kept one when nothing it shows changed)."""
    page = _page_of(context)
    key = (page.key, page.crews_key if row.outage is not None else None, signature(row))
    with _lock:
        html = _kept.get(key)
        if html is not None:
            _kept.move_to_end(key)
    if html is None:
        html = page.template.render(
            {
                "r": row,
                "may": page.may,
                "crews": page.crews,
                "causes": page.causes,
                "urls": page.urls,
                "csrf_token": _TOKEN,
            }
        )
        if row.outage is not None and _ACTIONS_MARK in html:
            actions = page.outage_actions.replace(_OUTAGE_PK, str(row.outage.pk))
            if not getattr(row, "cause_asked", False):
                # Its cause is recorded (or it is planned work): not asked again (walk78 L5).
                actions = _CAUSE_ASK.sub("", actions)
            html = html.replace(_ACTIONS_MARK, actions)
        with _lock:
            _kept[key] = html
            while len(_kept) > KEEP:
                _kept.popitem(last=False)
    return mark_safe(page.with_token(html))  # our own template's output


def forget() -> None:
    with _lock:
        _kept.clear()


def signature(value: Any, depth: int = 0) -> Hashable:
    """Everything ``value`` holds, as something hashable that is equal only for equal
    contents: records by every column and the related records loaded with them, dataclasses
    by every field. An unknown kind of value is an error, not a guess."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    if depth > _MAX_DEPTH:
        raise ValueError("A board row nests deeper than a row's records do.")
    fields = _DATACLASS_FIELDS.get(kind)
    if fields is not None:
        return (kind, tuple(signature(getattr(value, name), depth + 1) for name in fields))
    if isinstance(value, models.Model):
        columns = _COLUMNS.get(kind)
        if columns is None:
            columns = _COLUMNS[kind] = tuple(f.attname for f in value._meta.concrete_fields)
        loaded = value._state.fields_cache
        return (
            kind,
            tuple(signature(getattr(value, name), depth + 1) for name in columns),
            tuple(sorted((name, signature(v, depth + 1)) for name, v in loaded.items()))
            if loaded
            else (),
        )
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # (A field marked ``drawn: False`` holds what the row's figures were made from.)
        _DATACLASS_FIELDS[kind] = tuple(
            f.name for f in dataclasses.fields(value) if f.metadata.get("drawn", True)
        )
        return signature(value, depth)
    if isinstance(value, list | tuple):
        return tuple(signature(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((str(k), signature(v, depth + 1)) for k, v in value.items()))
    if isinstance(value, set | frozenset):
        return frozenset(signature(v, depth + 1) for v in value)
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, str | int | float | Decimal | dt.date | dt.time | dt.timedelta):
        return value  # (a subclass: SafeString, an IntegerChoices member…)
    raise TypeError(f"A board row holds a {kind.__name__}: say how it is compared.")


# Kinds of value that are their own signature, and what was learnt of each class.
_ATOMS = frozenset(
    {
        type(None),
        str,
        int,
        float,
        bool,
        Decimal,
        UUID,
        bytes,
        dt.datetime,
        dt.date,
        dt.time,
        dt.timedelta,
    }
)
_DATACLASS_FIELDS: dict[type, tuple[str, ...]] = {}
_COLUMNS: dict[type, tuple[str, ...]] = {}


@dataclasses.dataclass
class _Page:
    """What every row of one drawing of the board shares."""

    template: Any
    actions: Any  # ``OUTAGE_ACTIONS``
    may: dict[str, bool]
    crews: Any
    causes: list[tuple[str, str]]
    key: Hashable
    token: str | None
    urls: dict[str, str] = dataclasses.field(default_factory=dict)
    _crews_key: Hashable = None
    _outage_actions: str | None = None

    @property
    def outage_actions(self) -> str:
        if self._outage_actions is None:
            stand_in = SimpleNamespace(
                key=f"outage-{_OUTAGE_PK}", outage=SimpleNamespace(pk=_OUTAGE_PK)
            )
            self._outage_actions = self.actions.render(
                {
                    "r": stand_in,
                    "may": self.may,
                    "causes": self.causes,
                    "urls": self.urls,
                    "csrf_token": _TOKEN,
                }
            )
        return self._outage_actions

    @property
    def crews_key(self) -> Hashable:
        # Only rows of recorded outages have the dispatch form: the crews are read for them.
        if self._crews_key is None:
            self._crews_key = tuple((c.pk, c.name) for c in self.crews or ())
        return self._crews_key

    def with_token(self, html: str) -> str:
        if not self.token or self.token == "NOTPROVIDED":
            return html.replace(_TOKEN_INPUT, "")
        return html.replace(_TOKEN, escape(self.token))


def _page_of(context: Context) -> _Page:
    page: _Page | None = context.render_context.get(_PAGE)
    if page is None:
        template = get_template(ROW_TEMPLATE)
        actions = get_template(OUTAGE_ACTIONS)
        may = dict(context.get("may") or {})
        causes = [(str(code), str(label)) for code, label in context.get("causes") or ()]
        token = context.get("csrf_token")
        # The addresses the rows' links and forms go to, found once, not a dozen times a row.
        urls = {name: reverse(f"outages:{name}") for name in _URLS}
        page = _Page(
            template=template,
            actions=actions,
            may=may,
            crews=context.get("crews"),
            causes=causes,
            key=(
                id(getattr(template, "template", template)),  # one edited and read again draws anew
                id(getattr(actions, "template", actions)),
                translation.get_language(),
                timezone.get_current_timezone_name(),
                tuple(sorted(name for name, allowed in may.items() if allowed)),
                tuple(causes),
                tuple(urls.values()),
            ),
            token=None if token is None else str(token),
            urls=urls,
        )
        context.render_context[_PAGE] = page
    return page
