"""A small HTTP SMS gateway that keeps the contract (README, "Connecting an SMS gateway"), for the
demo (``powerdesk sms_gateway``, started by ``make run``), the tests and the benchmark.

``POST /send`` takes ``{"id", "to", "text"}`` with the bearer token and keeps one message per id
(a resent id is accepted and not kept twice). It can fail on demand: ``fail_rate`` of the sends
answer 503 and keep nothing; ``timeout_rate`` keep the message and then answer only after
``timeout_sleep`` seconds (the sender has given up, and sends the same id again). With a
``site`` and a station ``api_key`` it reports each kept message delivered to
``/api/v1/sms/receipts`` and, from its page (``GET /``), sends villagers' replies to
``/api/v1/sms/inbound``.
"""

from __future__ import annotations

import itertools
import json
import random
import socket
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from django.template.loader import render_to_string
from django.utils import timezone, translation


@dataclass
class Sms:
    id: str
    to: str
    text: str
    at: str
    direction: str = "out"  # "out": sent by PowerDesk; "in": a villager's reply


@dataclass
class Gateway:
    token: str = ""
    fail_rate: float = 0.0
    timeout_rate: float = 0.0
    timeout_sleep: float = 0.5
    site: str = ""
    api_key: str = ""
    seed: int | None = None
    send_receipts: bool = True  # delivery receipts posted back to ``site``
    messages: dict[str, Sms] = field(default_factory=dict)
    posts: int = 0
    failures: int = 0
    timeouts: int = 0
    conversation: list[Sms] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.counter = itertools.count(1)
        self.receipts = ThreadPoolExecutor(max_workers=2)
        self.server: ThreadingHTTPServer | None = None

    # -- running -------------------------------------------------------------------------------
    def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        gateway = self

        class Handler(_Handler):
            owner = gateway

        self.server = _Server((host, port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://{host}:{self.server.server_address[1]}"

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
        self.receipts.shutdown(wait=False, cancel_futures=True)

    # -- the contract --------------------------------------------------------------------------
    def accept(self, body: dict[str, Any], auth: str) -> tuple[int, dict[str, Any], float]:
        """(status, answer, seconds to wait before answering)."""
        if self.token and auth != f"Bearer {self.token}":
            return 401, {"error": "bad token"}, 0
        for name in ("id", "to", "text"):
            if not isinstance(body.get(name), str) or not body[name]:
                return 400, {"error": f"'{name}' is required"}, 0
        with self.lock:
            self.posts += 1
            roll = self.rng.random()
            if roll < self.fail_rate:
                self.failures += 1
                return 503, {"error": "try later"}, 0
            new = body["id"] not in self.messages
            if new:
                sms = Sms(body["id"], body["to"], body["text"], _now())
                self.messages[body["id"]] = sms
                self.conversation.append(sms)
            wait = 0.0
            if roll < self.fail_rate + self.timeout_rate:
                self.timeouts += 1
                wait = self.timeout_sleep
        if new and self.site and self.api_key and self.send_receipts:
            self.receipts.submit(self._receipt, body["id"])
        return 202, {"id": body["id"], "accepted": True}, wait

    def _receipt(self, message_id: str) -> None:
        _post(
            f"{self.site}/api/v1/sms/receipts",
            self.api_key,
            {"id": message_id, "status": "delivered"},
        )

    def reply(self, sender: str, text: str) -> dict[str, Any]:
        """A villager's message, sent to PowerDesk's inbound API as the gateway would."""
        message_id = f"in-{int(time.time())}-{next(self.counter)}"
        with self.lock:
            self.conversation.append(Sms(message_id, sender, text, _now(), "in"))
        return _post(
            f"{self.site}/api/v1/sms/inbound",
            self.api_key,
            {
                "id": message_id,
                "from": sender,
                "text": text,
                "received_at": timezone.now().isoformat(),
            },
        )

    def page(self) -> str:
        with self.lock:
            shown = list(reversed(self.conversation[-300:]))
            numbers = sorted({m.to for m in self.conversation})
        with translation.override("zh-hans"):
            return render_to_string(
                "notifications/gateway.html",
                {"messages": shown, "numbers": numbers, "kept": len(self.messages)},
            )


def _now() -> str:
    return f"{timezone.localtime():%m-%d %H:%M:%S}"


def _post(url: str, key: str, body: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(
        url,
        data=json.dumps(body, ensure_ascii=False).encode(),
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return dict(json.loads(response.read() or b"{}"))
    except urllib.error.HTTPError as e:
        return {"error": e.code, "detail": e.read(300).decode("utf-8", "replace")}
    except OSError as e:
        return {"error": str(e)}


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a sender that gave up (a "timeout") closed its end: nothing to report


class _Handler(BaseHTTPRequestHandler):
    owner: Gateway
    protocol_version = "HTTP/1.1"  # keep-alive, as a real gateway's would be

    def setup(self) -> None:
        super().setup()
        # Headers and body go out as two writes: without this, Nagle's algorithm and the
        # sender's delayed ACK hold every answer back 40 ms.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self, status: int, body: bytes, kind: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path.startswith("/messages.json"):
            with self.owner.lock:
                rows = [m.__dict__ for m in self.owner.conversation]
            self._answer(200, json.dumps(rows, ensure_ascii=False).encode())
        elif self.path in ("/", "/index.html"):
            self._answer(200, self.owner.page().encode(), "text/html; charset=utf-8")
        else:
            self._answer(404, b"{}")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(min(length, 1_000_000))
        if self.path == "/send":
            try:
                body = json.loads(raw)
                assert isinstance(body, dict)
            except (ValueError, AssertionError):
                self._answer(400, b'{"error": "not a JSON object"}')
                return
            status, answer, wait = self.owner.accept(body, self.headers.get("Authorization", ""))
            if wait:
                time.sleep(wait)
            self._answer(status, json.dumps(answer).encode())
        elif self.path == "/reply":
            form = parse_qs(raw.decode("utf-8", "replace"))
            sender = (form.get("from") or [""])[0].strip()
            text = (form.get("text") or [""])[0]
            if sender:
                self.owner.reply(sender, text)
            self.send_response(303)
            self.send_header("Location", "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._answer(404, b"{}")
