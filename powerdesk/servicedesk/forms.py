from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from powerdesk.accounts.models import Station
from powerdesk.community.models import Village, VillageGroup
from powerdesk.lib.form_renderer import PageFormRenderer
from powerdesk.lib.form_text import TypedText
from powerdesk.lib.forms import model_text, named_errors, require_between, village_groups_only
from powerdesk.servicedesk.callbacks import COMMENT_CHARS
from powerdesk.servicedesk.caller_number import CallerNumberError, caller_number_checked
from powerdesk.servicedesk.followup import step_due_bounds
from powerdesk.servicedesk.models import Callback, Category, HardProblem, HardProblemStep, Promise
from powerdesk.servicedesk.promises import PROMISE_LATEST
from powerdesk.servicedesk.second_matter import ALREADY_ABOUT_IT
from powerdesk.servicedesk.second_order import already_about_it_said


class _NamedChoices(ModelChoiceIterator):
    """Options from the rows' ids and names (``NamedChoiceField.names``), without a model instance
    per option: the intake page lists every village and group of the station, twice a call."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        field = cast(NamedChoiceField, self.field)
        for pk, label in field.names(self.queryset):
            # No instance: Django's widgets read only the value (a widget of ours reads neither).
            yield (ModelChoiceIteratorValue(pk, None), label)  # type: ignore[arg-type]


class NamedChoiceField(forms.ModelChoiceField):
    """A model choice whose options are drawn from ``names(queryset)``: (id, label) pairs that
    must read as ``label_from_instance`` would; what is chosen is still read from the queryset."""

    iterator = _NamedChoices

    def __init__(
        self, *args: Any, names: Callable[[QuerySet[Any]], Iterable[tuple[int, str]]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.names = names


INTAKE_TEXT_MAX = 2000
# The category select's first choice: a model's suggestion, or none yet (the clerk chooses).
AS_SUGGESTED = _("as suggested")
CHOOSE_CATEGORY = _("choose the category")


class IntakeForm(forms.Form):
    # Drawn twice for every call taken: its widgets written in Python, the same HTML.
    default_renderer = PageFormRenderer()

    caller_number = named_errors(
        forms.CharField(label=_("Caller number"), max_length=40, required=False)
    )
    # As typed (``TypedText``): invisible characters alone are refused at the note, never
    # taken for a call with nothing said (walk58 M2: it opened an order with no words).
    text = TypedText(
        label=_("What the caller says"),
        # A note taken during a call, not a document: longer would be pasted, not typed.
        max_length=INTAKE_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        error_messages={
            "max_length": _(
                "The note is %(show_value)d characters long; at most %(limit_value)d fit. "
                "Shorten it to what the caller needs done."
            )
        },
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        # Planned work is the station's own job, never what a caller asks for.
        choices=[
            ("", AS_SUGGESTED),
            *((c, label) for c, label in Category.choices if c != Category.PLANNED_WORK),
        ],
    )
    urgent = forms.BooleanField(label=_("urgent"), required=False)
    # "new", "log", "join:<order id>", "outage:<outage id>" (the caller's outage, to join),
    # "predicted:<device id>" (the engine's prediction, to record and join) or
    # "repeat:<order id>" (the order the same caller rang about a few hours ago).
    action = forms.CharField(required=False, max_length=30)
    # The one click of a note's second matter (``second_order``): the call kept as its category
    # says, with its own order, and a fault-repair order opened too.
    fault_too = forms.BooleanField(required=False)
    # A number both a household's and a serving village liaison's: who is calling, chosen in
    # the caller panel ("": the household, as before; "liaison": the liaison whose number it is,
    # looked up again at the save, never named by the page: liaison76).
    caller_is = forms.ChoiceField(
        required=False, choices=[("", "household"), ("liaison", "liaison")]
    )
    # A caller the number does not find, and where the problem is.
    caller_name = named_errors(TypedText(label=_("Caller's name"), max_length=60, required=False))
    village = NamedChoiceField(
        label=_("Village"),
        queryset=Village.objects.none(),
        required=False,
        empty_label="—",
        names=lambda villages: villages.values_list("pk", "name"),
        error_messages={
            "invalid_choice": _("Choose the village from the list: this station's villages only.")
        },
    )
    group = NamedChoiceField(
        label=_("Group"),
        queryset=VillageGroup.objects.none(),
        required=False,
        empty_label="—",
        # VillageGroup.__str__: "<village>·<group>"
        names=lambda groups: (
            (pk, f"{village}·{name}")
            for pk, village, name in groups.values_list("pk", "village__name", "name")
        ),
        error_messages={
            "invalid_choice": _(
                "Choose the group from the list: the groups of this station's villages only."
            )
        },
    )
    place = named_errors(
        TypedText(
            label=_("Where exactly"),
            max_length=200,
            required=False,
            widget=forms.TextInput(
                attrs={"placeholder": _("e.g. at the village entrance, pole 3")}
            ),
        )
    )
    # Set when the page asked for the place of a danger (``place_ask``): saved again, it is taken.
    place_asked = forms.BooleanField(required=False, widget=forms.HiddenInput)
    answer = TypedText(
        label=_("What the caller was told"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "max_length": _(
                "What the caller was told is %(show_value)d characters long; at most "
                "%(limit_value)d fit."
            )
        },
    )
    # What the caller was told, promised by a time: recorded as a promise (``intake_promise``),
    # on the order and the promises page, kept or broken like any other.
    promise_due = forms.DateTimeField(
        label=_("Promised by"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    # What was promised, said in its own words whenever a time is given (the answer is what the
    # caller was told, often more: "可以，关注公众号缴费" answered, "明天10点前回电确认到账"
    # promised: walk72, 6). Required with the time, never taken from the answer
    # (``promise_problem``).
    promised = TypedText(
        label=_("What was promised"),
        max_length=200,
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": _("with the time: e.g. a call back to confirm the payment")}
        ),
        error_messages={
            "max_length": _(
                "What was promised is %(show_value)d characters long; at most %(limit_value)d fit."
            )
        },
    )
    cti_call_id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    # One token per page shown: the call is logged once however often the page is sent. A text
    # input out of sight, not a hidden one: on Back to a page that was sent, a browser that
    # fetches the page again (a fresh token) restores what was typed in its text fields, and
    # does so for this one too (it never restores a hidden input's value), so that the note
    # comes back with the token it was saved with and saving it again is recognised. It
    # restores a field only when its value differs from its default: intake.js clears the
    # default (tests/browser/test_intake_once.py).
    form_token = forms.CharField(
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"hidden": True, "tabindex": "-1", "aria-hidden": "true"}),
    )

    def __init__(
        self,
        *args: Any,
        station: Station | None = None,
        suggesting: bool = True,
        promising: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not promising:  # a role that makes no promises (``Do.PROMISE_MAKE``)
            del self.fields["promise_due"]
            del self.fields["promised"]
        if not suggesting:
            # No model loaded to suggest one (``intake_category.suggesting``): "as suggested"
            # would promise what is not there.
            category = self.fields["category"]
            category.choices = [("", CHOOSE_CATEGORY), *category.choices[1:]]  # type: ignore[attr-defined]
        if station is not None:
            villages = Village.objects.filter(station=station).order_by("name")
            self.fields["village"].queryset = villages  # type: ignore[attr-defined]
            self.fields["group"].queryset = (  # type: ignore[attr-defined]
                VillageGroup.objects.filter(station=station).order_by("village__name", "name")
            )

    def clean_caller_number(self) -> str:
        """What a telephone shows: digits with + - ( ) and spaces (a withheld number is empty)."""
        try:
            return caller_number_checked(self.cleaned_data.get("caller_number", ""))
        except CallerNumberError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        group, village = data.get("group"), data.get("village")
        if group is not None and village is not None and group.village_id != village.pk:
            self.add_error("group", _("That group is not in that village."))
        if village is not None and self.has_error("group", "invalid_choice"):
            # A group not offered (forged, or another station's): the village's groups named.
            self.errors["group"] = self.error_class(
                [
                    village_groups_only(
                        village.name, village.groups.order_by("name").values_list("name", flat=True)
                    )
                ]
            )
        action = data.get("action") or ""
        kind, _colon, pk = action.partition(":")
        if action not in ("", "new", "log") and not (
            kind in ("join", "outage", "predicted", "repeat") and pk.isascii() and pk.isdigit()
        ):
            self.add_error(None, _("Choose what to do with the call."))
        if data.get("fault_too") and data.get("category") in ALREADY_ABOUT_IT:
            self.add_error("category", already_about_it_said())
        if not data.get("form_token"):
            raise forms.ValidationError(
                _("This page was out of date: check what is typed and save again.")
            )
        promise_problem(self, data)
        # A number or a note refused above was typed: its own error says what is wrong.
        typed = any(name in self.errors for name in ("caller_number", "text"))
        if not typed and not data.get("caller_number") and not data.get("text", "").strip():
            # At the note, where the clerk types next (the page puts the focus there); the
            # number's field is marked with it (``intake.html``).
            self.add_error("text", _("Enter the caller's number or what they said."))
        return data


def promise_problem(form: forms.Form, data: dict[str, Any]) -> None:
    """A promise at intake is what was promised (its own words), by a time to come: both or
    neither. The answer is never taken for it (walk72, 6; fix73): whoever keeps the promise on
    the promises page, the customer page, the API and the exports reads what is to be done by
    then, and a clerk who gave a time is asked for it while the caller is still on the line."""
    due = data.get("promise_due")
    promised = (data.get("promised") or "").strip()
    if due is None:
        if promised and "promise_due" not in form.errors:
            form.add_error(
                "promise_due", _("Say by when it was promised, or clear what was promised.")
            )
        return
    now = timezone.now()
    try:
        require_between(due, now, now + PROMISE_LATEST)
    except forms.ValidationError as exc:
        form.add_error("promise_due", exc)
    if not promised and "promised" not in form.errors:
        form.add_error(
            "promised",
            _(
                "Say what was promised by then, in a few words (e.g. a call back to confirm): "
                "it is the promise kept by that time; what the caller was told stays the answer."
            ),
        )


class ResolveForm(forms.Form):
    """An order resolved from its page. The device is checked as the crew's is
    (``crew_device_path``): one off the line of the order's households is said at the field,
    with the box to tick when the office is sure (shown only then)."""

    cause = named_errors(TypedText(label=_("Cause found"), max_length=200, required=False))
    device = named_errors(
        forms.CharField(label=_("Device (code or name)"), max_length=100, required=False)
    )
    other_device = forms.BooleanField(
        label=_("It is this device (the account on the order is wrong)"), required=False
    )
    # The customer's own wiring or breaker: no device asked (walkthrough 34, 3).
    in_house = forms.BooleanField(
        label=_("Inside the customer's house (no grid device)"), required=False
    )
    note = TypedText(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


# A callback's satisfaction score, 5 to 1, each with what it means: a bare number says nothing
# to the customer on the line, nor to the clerk asking them.
SCORE_CHOICES = [
    (5, pgettext_lazy("callback score", "5: very satisfied")),
    (4, pgettext_lazy("callback score", "4: satisfied")),
    (3, pgettext_lazy("callback score", "3: neutral")),
    (2, pgettext_lazy("callback score", "2: dissatisfied")),
    (1, pgettext_lazy("callback score", "1: very dissatisfied")),
]


class CallbackForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Callback.Outcome.choices)
    satisfaction = forms.TypedChoiceField(
        label=_("Satisfaction"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), *SCORE_CHOICES],
    )
    still_not_fixed = forms.BooleanField(label=_("still not fixed"), required=False)
    # Too long: "意见有 3000 个字，最多 1000 个字", at the field (not Django's "该变量").
    comment = named_errors(
        TypedText(
            label=_("Comment"),
            required=False,
            max_length=COMMENT_CHARS,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
    )

    def clean(self) -> dict[str, Any]:
        """The service's rules on the score (``callback_record``), said at the score."""
        data = super().clean() or {}
        reached = data.get("outcome") == Callback.Outcome.REACHED
        score, not_fixed = data.get("satisfaction"), data.get("still_not_fixed")
        if reached and score is None and not not_fixed:
            self.add_error(
                "satisfaction", _("The customer was reached, so record their score from 1 to 5.")
            )
        elif "outcome" in data and not reached and (score is not None or not_fixed):
            self.add_error(
                "satisfaction", _("Satisfaction is only asked of a customer who was reached.")
            )
        return data


class PromiseForm(forms.Form):
    text = model_text(Promise, "text", required=True)
    due_at = forms.DateTimeField(label=pgettext_lazy("deadline", "By"))

    def clean_due_at(self) -> dt.datetime:
        due: dt.datetime = self.cleaned_data["due_at"]
        now = timezone.now()
        require_between(due, now, now + PROMISE_LATEST)
        return due


class HardProblemForm(forms.Form):
    title = model_text(HardProblem, "title", required=True)
    description = named_errors(
        TypedText(
            label=HardProblem._meta.get_field("description").verbose_name,
            max_length=4000,
            required=False,
        )
    )


class HardProblemStepForm(forms.Form):
    title = model_text(HardProblemStep, "title", required=True)
    due_on = forms.DateField(label=_("Due"), required=False)

    def clean_due_on(self) -> dt.date | None:
        due: dt.date | None = self.cleaned_data.get("due_on")
        if due is not None:
            # The station's today (its time zone, not UTC's date): a step due before it would
            # be overdue as soon as it is written (walkthrough 35, 10). The service's rule.
            step_due_bounds().check(due)
        return due
