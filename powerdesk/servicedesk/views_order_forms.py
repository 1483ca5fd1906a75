"""The order page's forms: the resolution and callback forms drawn empty or as they were sent
before a refusal, with what is wrong said at each field (kept for the address: ``lib.kept``);
the one-text actions' refusals kept likewise; a record chosen from a form's list."""

from __future__ import annotations

from django.utils.translation import gettext as _

from powerdesk.accounts.tenancy import StationRequest
from powerdesk.lib.forms import id_or_none
from powerdesk.lib.kept import kept_dict
from powerdesk.servicedesk.forms import CallbackForm, ResolveForm
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import WorkOrderError
from powerdesk.servicedesk.views_callbacks import callback_form_again

TYPED_KEY = "typed-resolution-%s"
TYPED_CALLBACK_KEY = "typed-callback-%s"


def callback_form_kept(request: StationRequest, order: WorkOrder) -> CallbackForm:
    """The order's callback form: empty, or as sent before a refusal with its errors at its
    fields (kept for the address it is drawn for)."""
    typed = kept_dict(request, TYPED_CALLBACK_KEY % order.pk)
    return callback_form_again(typed) if typed else CallbackForm()


def resolve_form_kept(request: StationRequest, order: WorkOrder) -> ResolveForm:
    """The resolution form of one order, with what was typed before a refusal and what is wrong
    with a field said at it; "It is this device" only once a device off the line was refused."""
    from powerdesk.servicedesk.crew_device_path import confirm_words

    typed = kept_dict(request, TYPED_KEY % order.pk)
    auto_id = f"id_%s_{order.pk}"
    if not typed:
        form = ResolveForm(auto_id=auto_id)
    else:
        form = ResolveForm(
            {f: typed.get(f, "") for f in ("cause", "device", "note", "in_house")},
            auto_id=auto_id,
        )
        # What is wrong on the order: its account, or the village group or village it is at.
        form.fields["other_device"].label = confirm_words(order)
        form.is_valid()
        wrong = typed.get("wrong") or {}
        if wrong:
            for name, said in wrong.items():
                # (a text too long the form says already, by its label: said once)
                if name in form.fields and name not in form.errors:
                    form.add_error(name, said)
        elif typed.get("field") in form.fields and typed.get("error"):
            form.add_error(typed["field"], typed["error"])
        elif typed.get("field") == "photos":
            # Not a field of the form (the page's own input): said under it.
            form.photos_error = typed.get("error", "")  # type: ignore[attr-defined]
        if typed.get("photos_error"):
            # Refused with another field's problem: both said in the same answer.
            form.photos_error = typed["photos_error"]  # type: ignore[attr-defined]
    if typed.get("confirm") != "other_device":
        del form.fields["other_device"]
    from powerdesk.servicedesk.workflow import FIELD_CATEGORIES, danger_only

    if order.category not in FIELD_CATEGORIES or danger_only(order):
        # No grid device is asked of office work; a danger with nobody off (a leaning pole)
        # is no fault inside a house, as its crew card does not ask and the services refuse
        # (walk47, 6; review46, 8).
        del form.fields["in_house"]
    return form


class PhotosElsewhere(WorkOrderError):
    """Photos sent with an action that takes none: refused whole, said at the action's own
    text (a note kept to send again) or at the top."""

    def __init__(self, action: str) -> None:
        super().__init__(
            _(
                "Photos are added with the order's “Add photos” form, not with this one: "
                "nothing was saved."
            )
        )
        self.field = TYPED_ACTIONS.get(action, "")


def form_choice(value: str | None, what: str) -> int:
    """A record's id from a form, or a clear error (never a server error on "abc" or "²")."""
    pk = id_or_none(value)
    if pk is None:
        raise WorkOrderError(_("Choose a %(what)s from the list.") % {"what": what})
    return pk


# The actions whose one text, refused, is shown again at its field with what was typed
# (walkthrough 28, finding 5: a ``maxlength`` cut pasted text without a word).
TYPED_ACTION_KEY = "typed-order-action-%s"
TYPED_ACTIONS = {"pause": "reason", "reopen": "reason", "note": "note", "photos": "photos"}
