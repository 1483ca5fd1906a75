"""One record however often a request is sent: forms' one-time tokens, the API's
``Idempotency-Key`` and the telephone system's call ids.

Every guard works the same way: a row is inserted under a unique constraint in the same
transaction as the work it guards. Of two identical requests at the same moment, the second
one's insert waits for the first transaction and then fails; it then reads what the first one
made instead of doing the work again. Checking first and inserting afterwards would let both
requests through.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Schema, Status
from ninja.errors import HttpError

from powerdesk.accounts.models import ApiToken
from powerdesk.api_times import UtcEncoder
from powerdesk.servicedesk.calls import call_log
from powerdesk.servicedesk.models import Call, FormSubmission, IdempotencyKey, WorkOrder

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User

FORM_TOKEN_KEPT = dt.timedelta(days=7)
API_KEY_KEPT = dt.timedelta(hours=24)
IDEMPOTENCY_HEADER = "Idempotency-Key"
# The header of an answer replayed: the first answer to the same request (``api_once``).
REPLAYED = "Idempotent-Replayed"

Made = tuple[Call | None, WorkOrder | None]


def form_token_new() -> str:
    """A token for one form as it is shown; its first submission is the only one that counts."""
    return secrets.token_urlsafe(24)


def form_token_sent(data: Mapping[str, Any]) -> str:
    """The one-time token a form's page sent ("" when none: not a whole page of ours)."""
    return str(data.get("form_token", ""))[:64]


def form_once_done(
    *, station: Station, user: User | None, token: str, kind: str, work: Callable[[], object]
) -> bool:
    """``form_once`` for a form whose page needs nothing of what it made: whether this sending
    was the first (``work`` done now) or a repeat (nothing done)."""

    def made() -> dict[str, Any]:
        work()
        return {}

    return form_once(station=station, user=user, token=token, kind=kind, work=made)[1]


def form_submit_once(
    *, station: Station, user: User | None, token: str, kind: str, work: Callable[[], Made]
) -> tuple[FormSubmission, bool]:
    """Do ``work`` for the first submission of ``token``; a repeat gets the first one's record.

    Returns the submission (with the call and work order the first one made) and whether this
    submission was the first. If ``work`` raises, nothing is kept and the form may be sent again.
    """

    def made() -> dict[str, Any]:
        call, order = work()
        return {"call": call, "work_order": order}

    return form_once(station=station, user=user, token=token, kind=kind, work=made)


def form_once(
    *,
    station: Station,
    user: User | None,
    token: str,
    kind: str,
    work: Callable[[], Mapping[str, Any]],
) -> tuple[FormSubmission, bool]:
    """``form_submit_once`` for any form: ``work`` returns what it made by the submission's
    field ("call", "work_order", "outage"), kept for a repeat to find."""
    now = timezone.now()
    with transaction.atomic():
        if _purge_due("form", station.pk):
            FormSubmission.objects.filter(station=station, at__lt=now - FORM_TOKEN_KEPT).delete()
        try:
            with transaction.atomic():
                submission = FormSubmission.objects.create(
                    station=station, token=token, kind=kind, by=user, at=now
                )
        except IntegrityError:
            return FormSubmission.objects.get(station=station, token=token), False
        made = dict(work())
        for name, value in made.items():
            setattr(submission, name, value)
        submission.save(update_fields=list(made))
        return submission, True


# Tokens past their week are deleted at most this often by each process (for each station):
# the delete walks the station's week of tokens, most of a millisecond at every call sent.
PURGE_EVERY = 60.0  # seconds
_last_purge: dict[tuple[str, int], float] = {}


def _purge_due(kind: str, station_id: int) -> bool:
    """Whether this process should delete ``kind``'s expired rows of the station now."""
    now = time.monotonic()
    last = _last_purge.get((kind, station_id))
    if last is not None and now - last < PURGE_EVERY:
        return False
    _last_purge[(kind, station_id)] = now
    return True


def call_log_once(*, station: Station, cti_call_id: str = "", **call: Any) -> tuple[Call, bool]:
    """Log a call unless the telephone system's ``cti_call_id`` is already logged at the station.

    Returns the call (the earlier one for a repeated id) and whether it was logged now.
    """
    if cti_call_id:
        earlier = Call.objects.filter(station=station, cti_call_id=cti_call_id).first()
        if earlier is not None:
            return earlier, False
    try:
        with transaction.atomic():
            return call_log(station=station, cti_call_id=cti_call_id, **call), True
    except IntegrityError:
        if not cti_call_id:
            raise
        # Logged by a request that was running at the same time as this one.
        return Call.objects.get(station=station, cti_call_id=cti_call_id), False


def api_once(
    request: HttpRequest, schemas: dict[int, type[Schema]], work: Callable[[], Any]
) -> Any:
    """Run an API operation once per ``Idempotency-Key`` (if the client sent one).

    The same key with the same request replays the first answer (with the header
    ``Idempotent-Replayed: true``); the same key with another request is refused with 422.
    ``schemas`` gives the output schema of each success status ``work`` may answer with.
    Answers that are errors are not kept, so a corrected request may use the key again.
    """
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None:
        return work()
    if not (1 <= len(key) <= 255 and key.isascii() and key.isprintable()):
        raise HttpError(400, _("Idempotency-Key must be 1 to 255 printable ASCII characters."))
    scope = _client(request)
    fingerprint = _fingerprint(request)
    now = timezone.now()
    expired = now - API_KEY_KEPT
    with transaction.atomic():
        if _purge_due("api", scope["station"].pk):
            IdempotencyKey.objects.filter(station=scope["station"], at__lt=expired).delete()
        # A key past its day that the purge has not reached yet is free again.
        IdempotencyKey.objects.filter(key=key, at__lt=expired, **scope).delete()
        try:
            with transaction.atomic():
                record = IdempotencyKey.objects.create(
                    key=key, request_hash=fingerprint, at=now, **scope
                )
        except IntegrityError:
            earlier = IdempotencyKey.objects.get(key=key, **scope)
            if earlier.request_hash != fingerprint:
                raise HttpError(
                    422,
                    _(
                        "This Idempotency-Key was sent with a different request in the last "
                        "24 hours; send a new key with a new request."
                    ),
                ) from None
            response = JsonResponse(earlier.response, status=earlier.status_code, safe=False)
            response[REPLAYED] = "true"
            return response
        result = work()
        status, value = (
            (result.status_code, result.value) if isinstance(result, Status) else (200, result)
        )
        body = json.loads(
            json.dumps(schemas[status].from_orm(value).model_dump(by_alias=True), cls=UtcEncoder)
        )
        record.status_code, record.response = status, body
        record.save(update_fields=["status_code", "response"])
    return JsonResponse(body, status=status, safe=False)


def _client(request: HttpRequest) -> dict[str, Any]:
    """Keys belong to the client that sent them: one token, or one person at one station."""
    auth = getattr(request, "auth", None)
    station = request.station  # type: ignore[attr-defined]
    if isinstance(auth, ApiToken):
        return {"station": station, "api_token": auth, "user": None}
    return {"station": station, "api_token": None, "user": request.user}


def _fingerprint(request: HttpRequest) -> str:
    """The request as sent: method, path, query and body (JSON compared by content)."""
    try:
        body = json.dumps(json.loads(request.body), sort_keys=True, ensure_ascii=False)
    except ValueError:
        body = request.body.decode("utf-8", "replace")
    return hashlib.sha256(
        "\n".join([request.method or "", request.get_full_path(), body]).encode()
    ).hexdigest()
