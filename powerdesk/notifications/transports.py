"""One class per channel. Each sends one message and raises ``TemporaryError`` (try again later)
or ``PermanentError`` (trying again will not help); returning means the message was accepted.

The SMS gateway's contract (README, "Connecting an SMS gateway"): ``POST`` of
``{"id", "to", "text"}`` with ``Authorization: Bearer <token>``; 2xx accepted (the same id may
come again after a timeout, and the gateway keeps one); 429, 5xx and timeouts are temporary,
other 4xx permanent.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import http.client
import json
import logging
import socket
import ssl
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import send_mail

logger = logging.getLogger("powerdesk.notifications")

SIGNATURE_HEADER = "X-PowerDesk-Signature"


class TransportError(Exception):
    """``status``: the HTTP status answered, if any; ``failure``: "timeout", "connection" or
    "inside" when no answer came (for a reader's words; the message is for the log)."""

    permanent = False

    def __init__(self, message: str = "", *, status: int | None = None, failure: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.failure = failure


class TemporaryError(TransportError):
    pass


class PermanentError(TransportError):
    permanent = True


@dataclass(frozen=True)
class Message:
    id: str
    to: str
    text: str
    subject: str = ""
    payload: dict[str, Any] | None = None  # the webhook's JSON


class Transport:
    def send(self, message: Message) -> None:
        raise NotImplementedError


class LogTransport(Transport):
    """Development: the message goes to the log (and ``sent`` keeps it for tests)."""

    sent: list[Message] = []

    def send(self, message: Message) -> None:
        logger.info("to %s [%s]: %s", message.to, message.id, message.text)
        LogTransport.sent.append(message)


class PinnedHTTPConnection(http.client.HTTPConnection):
    """A connection to ``address`` (resolved and checked beforehand) for the name ``host``."""

    def __init__(self, host: str, port: int | None, *, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def _socket(self) -> socket.socket:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    def connect(self) -> None:
        self.sock = self._socket()


class PinnedHTTPSConnection(PinnedHTTPConnection):
    """As ``PinnedHTTPConnection``, over TLS: the certificate checked for the name."""

    default_port = http.client.HTTPS_PORT

    def __init__(self, host: str, port: int | None, *, address: str, timeout: float) -> None:
        super().__init__(host, port, address=address, timeout=timeout)
        self.tls = ssl.create_default_context()

    def connect(self) -> None:
        self.sock = self.tls.wrap_socket(self._socket(), server_hostname=self.host)


class HttpPoster:
    """POSTs JSON with a kept-alive connection per thread (the worker sends from a few threads;
    opening a connection per message would halve the rate). ``pinned``: an address a station's
    staff gave (its webhook, its head-end), never one inside the server's networks: each
    connection goes to the address its name resolved to when checked (``outbound``)."""

    def __init__(self, url: str, timeout: float, *, pinned: bool = False) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise PermanentError(f"not an http(s) address: {url[:80]}")
        self.parts = parts
        self.pinned = pinned
        self.path = parts.path or "/"
        if parts.query:
            self.path += "?" + parts.query
        self.timeout = timeout
        self.local = threading.local()

    def _connection(self) -> http.client.HTTPConnection:
        conn: http.client.HTTPConnection | None = getattr(self.local, "conn", None)
        if conn is None:
            if self.pinned:
                conn = self._pinned()
            else:
                cls = (
                    http.client.HTTPSConnection
                    if self.parts.scheme == "https"
                    else http.client.HTTPConnection
                )
                conn = cls(self.parts.hostname or "", self.parts.port, timeout=self.timeout)
            self.local.conn = conn
        return conn

    def _pinned(self) -> PinnedHTTPConnection:
        from powerdesk.lib.outbound import InsideAddress, pinned_address

        try:
            address = pinned_address(self.parts.geturl())
        except InsideAddress as e:
            raise PermanentError(f"refused: {e}", failure="inside") from None
        except OSError as e:
            raise TemporaryError(f"cannot resolve: {e}", failure="connection") from None
        cls = PinnedHTTPSConnection if self.parts.scheme == "https" else PinnedHTTPConnection
        return cls(
            self.parts.hostname or "", self.parts.port, address=address, timeout=self.timeout
        )

    def _drop(self) -> None:
        conn = getattr(self.local, "conn", None)
        if conn is not None:
            conn.close()
        self.local.conn = None

    def post(self, body: bytes, headers: dict[str, str]) -> None:
        headers = {"Content-Type": "application/json", **headers}
        for fresh in (False, True):
            conn = self._connection()
            try:
                conn.request("POST", self.path, body=body, headers=headers)
                response = conn.getresponse()
                detail = response.read(300).decode("utf-8", "replace")
                if response.will_close:
                    self._drop()
            except TimeoutError:
                self._drop()
                raise TemporaryError(
                    f"no answer within {self.timeout:g} s", failure="timeout"
                ) from None
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as e:
                self._drop()
                if not fresh:
                    continue  # a kept-alive connection the server closed meanwhile
                raise TemporaryError(f"connection lost: {e}", failure="connection") from None
            except (OSError, http.client.HTTPException) as e:
                self._drop()
                raise TemporaryError(f"cannot connect: {e}", failure="connection") from None
            status = response.status
            if 200 <= status < 300:
                return
            message = f"HTTP {status} {detail.strip()[:200]}".strip()
            if status == 429 or status >= 500:
                raise TemporaryError(message, status=status)
            raise PermanentError(message, status=status)


class SmsGatewayTransport(Transport):
    def __init__(self, url: str, token: str, timeout: float = 10.0) -> None:
        self.poster = HttpPoster(url, timeout)
        self.token = token

    def send(self, message: Message) -> None:
        body = json.dumps(
            {"id": message.id, "to": message.to, "text": message.text}, ensure_ascii=False
        ).encode()
        self.poster.post(body, {"Authorization": f"Bearer {self.token}"})


class WebhookTransport(Transport):
    """A JSON POST signed with HMAC-SHA256 of the body under the station's secret."""

    def __init__(self, url: str, secret: str, timeout: float = 10.0) -> None:
        self.poster = HttpPoster(url, timeout, pinned=True)
        self.secret = secret

    def send(self, message: Message) -> None:
        payload = {**(message.payload or {}), "id": message.id, "text": message.text}
        body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
        self.poster.post(body, {SIGNATURE_HEADER: "sha256=" + sign(self.secret, body)})


def sign(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class EmailTransport(Transport):
    def send(self, message: Message) -> None:
        try:
            send_mail(
                message.subject or message.text[:40],
                message.text,
                None,
                [message.to],
                fail_silently=False,
            )
        except (ConnectionError, TimeoutError, OSError) as e:
            raise TemporaryError(f"mail server: {e}") from None
        except Exception as e:  # the backend's own errors (a refused address, ...)
            raise PermanentError(f"mail: {e}") from None


_sms: dict[tuple[str, str, float], Transport] = {}


def sms_transport() -> Transport:
    """The gateway of ``POWERDESK_SMS_URL``, or the log when none is set (development)."""
    url = getattr(settings, "POWERDESK_SMS_URL", "")
    if not url:
        return LogTransport()
    token = getattr(settings, "POWERDESK_SMS_TOKEN", "")
    timeout = float(getattr(settings, "POWERDESK_SMS_TIMEOUT", 10.0))
    key = (url, token, timeout)
    if key not in _sms:
        _sms[key] = SmsGatewayTransport(url, token, timeout)
    return _sms[key]
