"""The arrears forms: what staff type, bounded by the columns it is stored in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from powerdesk.arrears.lift import FOUND_CHARS, VISITED_BY_CHARS
from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.words_later import WORDS_CHARS
from powerdesk.customers.models import Customer
from powerdesk.lib.form_text import TypedText
from powerdesk.lib.forms import model_text, named_errors, require_between

_AMOUNT = ArrearsCase._meta.get_field("amount")


def amount_field(*, required: bool = True) -> forms.DecimalField:
    """The amount owed, in yuan and fen: in the column's own digits (an amount that does not fit
    would break every arrears page), at least one fen, its messages naming it."""
    return named_errors(
        forms.DecimalField(
            label=_AMOUNT.verbose_name,
            max_digits=_AMOUNT.max_digits,  # type: ignore[attr-defined]
            decimal_places=_AMOUNT.decimal_places,  # type: ignore[attr-defined]
            min_value=Decimal("0.01"),
            required=required,
        )
    )


class CaseOpenForm(forms.Form):
    account_number = model_text(Customer, "account_number", required=True)
    amount = amount_field()
    owed_since = forms.DateField(label=ArrearsCase._meta.get_field("owed_since").verbose_name)

    def clean_owed_since(self) -> dt.date:
        since: dt.date = self.cleaned_data["owed_since"]
        today = timezone.localdate()
        require_between(since, dt.date(2000, 1, 1), today)
        return since


class StepForm(forms.Form):
    """The free text a step records, as long as its column."""

    method = forms.CharField(max_length=12, required=False)  # the service checks the choice
    outcome = model_text(ArrearsCase, "liaison_outcome")
    situation = named_errors(
        TypedText(
            label=ArrearsCase._meta.get_field("situation").verbose_name,
            max_length=2000,
            required=False,
        )
    )
    # What the household says now (``words_later``), after the check or before it.
    words = named_errors(
        TypedText(label=_("What the household says now"), max_length=WORDS_CHARS, required=False)
    )
    reason = model_text(ArrearsCase, "approval_reason")
    # The amount owed now (``arrears.amount``): the service checks it as when a case is opened.
    amount = amount_field(required=False)
    why = named_errors(TypedText(label=_("Why the amount changed"), max_length=300, required=False))
    # The chief's household visit finding (``arrears.lift``): the service refuses what is
    # missing, each at its field; the form reads the day and time, and bounds the texts.
    visited_by = named_errors(
        TypedText(label=_("Who visited"), max_length=VISITED_BY_CHARS, required=False)
    )
    visited_at = named_errors(forms.DateTimeField(label=_("When they visited"), required=False))
    found = named_errors(
        TypedText(label=_("What the visit found"), max_length=FOUND_CHARS, required=False)
    )
    no_life_support = forms.BooleanField(required=False)
