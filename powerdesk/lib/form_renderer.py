"""A form renderer that writes Django's common widgets in Python, the same HTML to the byte.

Django renders each widget through its template engine: a hidden input costs about as much as a
small page fragment (``input.html`` including ``attrs.html``), and a select includes
``select_option.html`` once per option. On the intake page, drawn twice for every call a clerk
takes, that was half of the page's time. ``PythonWidgetRenderer`` writes the output of
Django's own ``input.html`` (text, hidden, checkbox, number… inputs), ``textarea.html``,
``select.html`` and ``select_option.html`` directly, from the context the widget built (its
attributes, value and options are Django's, untouched), and hands every other template (a
widget's own, a form's or a field's layout) to Django's renderer. ``tests/lib/
test_form_renderer.py`` compares both renderers' output widget by widget.

The project's ``FORM_RENDERER`` is ``PageFormRenderer``: this one, that also gives labels the
suffix of the page's language (``label_suffix``): Django's default is ":" whatever the
language, where Chinese writes "：".
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

import django.forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from django.utils.translation import pgettext

__all__ = ["PageFormRenderer", "PythonWidgetRenderer"]

_WIDGETS = "django/forms/widgets/"
_OPTION = _WIDGETS + "select_option.html"


class PythonWidgetRenderer(DjangoTemplates):
    """Django's template renderer, with the common widget templates written in Python."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        write = _WRITERS.get(template_name)
        if write is not None and request is None and self._templates_are_djangos:
            html = write(context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request=request)

    @cached_property
    def _templates_are_djangos(self) -> bool:
        """Whether the templates written here are Django's own files (an app of the project
        could override one: then Django draws every widget)."""
        own = Path(django.forms.__file__).parent / "templates"
        names = [*_WRITERS, _WIDGETS + "input.html", _WIDGETS + "attrs.html", _OPTION]
        return all(
            Path(self.get_template(name).origin.name).is_relative_to(own)  # type: ignore[attr-defined]
            for name in names
        )


class PageFormRenderer(PythonWidgetRenderer):
    """Every form of the site: Python widgets, labels with the page language's colon, and no
    ``maxlength`` on a text (``_no_maxlength``)."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        _label_suffix_of_the_language(context)
        _no_maxlength(context)
        return super().render(template_name, context, request=request)


def _no_maxlength(context: dict[str, Any]) -> None:
    """A widget is drawn without the ``maxlength`` Django gives a ``CharField``'s input: a
    browser cuts what is typed or pasted past it without a word. The field still refuses a text
    too long, at itself, with its limit and the length typed (``lib.forms.named_errors``), and
    what was typed is drawn again whole to be shortened."""
    widget = context.get("widget")
    if isinstance(widget, dict) and "maxlength" in widget.get("attrs", {}):
        widget["attrs"] = {k: v for k, v in widget["attrs"].items() if k != "maxlength"}


def _label_suffix_of_the_language(context: dict[str, Any]) -> None:
    """Before a form or a field is drawn (its labels are made while it is), Django's default
    label suffix becomes the page language's label separator ("：" in Chinese, ":" in
    English); a suffix a form set itself is kept."""
    form = context.get("form")
    if form is None and context.get("field") is not None:
        form = getattr(context["field"], "form", None)
    if form is not None and getattr(form, "label_suffix", None) == ":":
        form.label_suffix = pgettext("label separator", ": ").rstrip()


def _input(widget: dict[str, Any]) -> str | None:
    # input.html: <input type="…" name="…"{% if value != None %} value="…"{% endif %}{attrs}>
    attrs = _attrs(widget["attrs"])
    if attrs is None:
        return None
    value = widget["value"]
    shown = f' value="{_formatted(value)}"' if value != None else ""  # noqa: E711 (the template's !=)
    return f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{shown}{attrs}>'


def _textarea(widget: dict[str, Any]) -> str | None:
    attrs = _attrs(widget["attrs"])
    if attrs is None:
        return None
    value = widget["value"]
    shown = _text(value) if value else ""
    return f'<textarea name="{_text(widget["name"])}"{attrs}>\n{shown}</textarea>'


def _select(widget: dict[str, Any]) -> str | None:
    attrs = _attrs(widget["attrs"])
    if attrs is None:
        return None
    parts = [f'<select name="{_text(widget["name"])}"{attrs}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != _OPTION:
                return None  # an option of its own making: Django draws the whole select
            drawn = _option(option)
            if drawn is None:
                return None
            # The included template's own last line break stays: Django's output has it too.
            parts.append(f"\n  {drawn}\n")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _option(option: dict[str, Any]) -> str | None:
    attrs = _attrs(option["attrs"])
    if attrs is None:
        return None
    return f'<option value="{_formatted(option["value"])}"{attrs}>{_text(option["label"])}</option>'


def _attrs(attrs: dict[str, Any]) -> str | None:
    """attrs.html: `` name="value"`` each, `` name`` for True, nothing for False; None when a
    value is callable (the template engine would call it: Django draws that widget)."""
    parts = []
    for name, value in attrs.items():
        if callable(value) or callable(name):
            return None
        if value is False:
            continue
        parts.append(
            f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"'
        )
    return "".join(parts)


def _text(value: Any) -> str:
    """``{{ value }}``: localised as a template does, then escaped unless marked safe."""
    kind = type(value)
    if kind is str:  # most of them: a plain string is only escaped
        return html.escape(value)
    if kind is int and not settings.USE_THOUSAND_SEPARATOR:  # an id: its digits
        return str(value)
    value = localize(template_localtime(value))
    if not issubclass(type(value), str):
        value = str(value)
    return str(conditional_escape(value))


def _formatted(value: Any) -> str:
    """``{{ value|stringformat:'s' }}`` (a safe input stays safe, as for any is_safe filter)."""
    try:
        text: str = "%s" % (str(value) if isinstance(value, tuple) else value,)  # noqa: UP031 (the filter's own formatting)
    except (ValueError, TypeError):
        text = ""
    return _text(mark_safe(text) if isinstance(value, SafeData) else text)


_WRITERS: dict[str, Callable[[dict[str, Any]], str | None]] = {
    **{
        f"{_WIDGETS}{kind}.html": _input
        for kind in (
            "input",
            "text",
            "hidden",
            "checkbox",
            "number",
            "email",
            "url",
            "password",
            "date",
            "datetime",
            "time",
            "search",
            "tel",
            "color",
        )
    },
    _WIDGETS + "textarea.html": _textarea,
    _WIDGETS + "select.html": _select,
}
