"""Uploaded files waiting for the user to confirm the preview of their import.

The file is kept on the server under a random token, for the user and station that uploaded it
and for an hour at most, so that the confirmation applies exactly the file that was previewed
without sending it again. Claiming a preview removes it: a second click on "confirm" finds
nothing and cannot apply the import twice. A user keeps one preview a station; an older one is
dropped when a new file is checked.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User

__all__ = [
    "PREVIEW_SECONDS",
    "PendingImport",
    "pending_import_claim",
    "pending_import_peek",
    "pending_import_save",
    "pending_import_someone_elses",
]

PREVIEW_SECONDS = 3600
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")


@dataclass(frozen=True)
class PendingImport:
    token: str
    user_id: int
    station_id: int
    kind: str
    file_name: str
    fingerprint: str
    data: bytes


def pending_import_save(
    *, user: User, station: Station, kind: str, file_name: str, data: bytes, fingerprint: str
) -> str:
    """Keep ``data`` until it is confirmed; the token to confirm it with."""
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    _drop_stale(folder, user_id=user.pk, station_id=station.pk)
    token = secrets.token_urlsafe(24)
    meta = {
        "user_id": user.pk,
        "station_id": station.pk,
        "kind": kind,
        "file_name": file_name,
        "fingerprint": fingerprint,
        "sha256": hashlib.sha256(data).hexdigest(),
        "saved_at": time.time(),
    }
    (folder / f"{token}.csv").write_bytes(data)
    # The metadata is written last and renamed into place: a preview exists only when whole.
    partial = folder / f"{token}.json.partial"
    partial.write_text(json.dumps(meta), encoding="utf-8")
    partial.rename(folder / f"{token}.json")
    return token


def pending_import_claim(*, token: str, user: User, station: Station) -> PendingImport | None:
    """The preview ``token`` of this user at this station, removed so that it is used once;
    ``None`` when there is none (already confirmed, replaced, expired, someone else's)."""
    if not _TOKEN.match(token):
        return None
    folder = _folder()
    meta_path = folder / f"{token}.json"
    meta = _read_meta(meta_path)
    if meta is None or not _valid(meta, None, user, station):
        return None
    claimed = folder / f"{token}.claimed-{secrets.token_hex(8)}"
    try:
        # Renaming is atomic: of two confirmations at once, one gets the file, one gets nothing.
        meta_path.rename(claimed)
    except FileNotFoundError:
        return None
    data_path = folder / f"{token}.csv"
    try:
        data = data_path.read_bytes()
    except FileNotFoundError:
        return None
    finally:
        claimed.unlink(missing_ok=True)
        data_path.unlink(missing_ok=True)
    return _pending(token, meta, data) if _valid(meta, data, user, station) else None


def pending_import_peek(*, token: str, user: User, station: Station) -> PendingImport | None:
    """The preview ``token`` of this user at this station, left in place (to show it again,
    in another language: walk51, F13); ``None`` when there is none or it is someone else's."""
    if not _TOKEN.match(token):
        return None
    folder = _folder()
    meta = _read_meta(folder / f"{token}.json")
    if meta is None or not _valid(meta, None, user, station):
        return None
    try:
        data = (folder / f"{token}.csv").read_bytes()
    except FileNotFoundError:
        return None
    return _pending(token, meta, data) if _valid(meta, data, user, station) else None


def pending_import_someone_elses(*, token: str, user: User, station: Station) -> bool:
    """Whether ``token`` is a live preview of another user, or of this user at another station:
    not this user's to confirm or cancel here (walk51, F8). Says nothing of whose it is."""
    if not _TOKEN.match(token):
        return False
    meta = _read_meta(_folder() / f"{token}.json")
    if meta is None or time.time() - meta["saved_at"] > PREVIEW_SECONDS:
        return False
    return bool(meta["user_id"] != user.pk or meta["station_id"] != station.pk)


def _valid(meta: dict[str, Any], data: bytes | None, user: User, station: Station) -> bool:
    """Whether the preview is this user's at this station, not expired, and (``data`` read)
    its file the one previewed: one rule for confirming it and showing it again."""
    if meta["user_id"] != user.pk or meta["station_id"] != station.pk:
        return False
    if time.time() - meta["saved_at"] > PREVIEW_SECONDS:
        return False
    return data is None or hashlib.sha256(data).hexdigest() == meta["sha256"]


def _pending(token: str, meta: dict[str, Any], data: bytes) -> PendingImport:
    return PendingImport(
        token=token,
        user_id=meta["user_id"],
        station_id=meta["station_id"],
        kind=meta["kind"],
        file_name=meta["file_name"],
        fingerprint=meta["fingerprint"],
        data=data,
    )


def _folder() -> Path:
    return Path(settings.DATA_DIR) / "import-previews"


def _read_meta(path: Path) -> dict[str, Any] | None:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def _drop_stale(folder: Path, *, user_id: int, station_id: int) -> None:
    """Remove expired previews and this user's earlier one at this station."""
    now = time.time()
    for entry in folder.iterdir():
        try:
            age = now - entry.stat().st_mtime
        except FileNotFoundError:
            continue
        if age > PREVIEW_SECONDS:
            entry.unlink(missing_ok=True)
            continue
        if entry.suffix == ".json":
            meta = _read_meta(entry)
            if meta and meta["user_id"] == user_id and meta["station_id"] == station_id:
                entry.unlink(missing_ok=True)
                entry.with_suffix(".csv").unlink(missing_ok=True)
