"""Addresses a station chief may make the server call (meter 召测 address, webhook): never inside
the server's own networks unless the operator allows them; refused again before each request;
a change of the 召测 setting recorded (who, when, what)."""

from __future__ import annotations

import http.server
import ipaddress
import json
import socket
import ssl
import threading
from typing import Any
from unittest import mock

from django.test import SimpleTestCase, override_settings

from powerdesk.notifications.models import NotifySettingsChange
from powerdesk.notifications.services import NotifyError, notify_settings_update
from powerdesk.notifications.transports import (
    Message,
    PermanentError,
    TemporaryError,
    WebhookTransport,
)
from powerdesk.outages.models import PingSettings
from powerdesk.outages.ping_settings import PingSettingsError, ping_settings_update
from powerdesk.outages.pings_send import http_post
from tests.base import BaseTestCase, zh

INSIDE = (
    "https://10.0.0.5/ping",
    "https://192.168.1.10/ping",
    "https://169.254.169.254/latest/meta-data",
    "https://[::ffff:169.254.169.254]/",
    "https://127.0.0.1:8000/admin",
    "https://localhost/x",
    "https://metering.internal/ping",
    "https://[fd00::1]/ping",
)


@override_settings(DEBUG=False)
class OutboundAddressTests(BaseTestCase):
    def ping(self, url: str) -> None:
        ping_settings_update(station=self.station_a, user=self.chief, endpoint_url=url, most=10)

    def webhook(self, url: str) -> Any:
        return notify_settings_update(
            station=self.station_a,
            user=self.chief,
            rules={},
            webhook_url=url,
            webhook_secret="s3cret",
            email_staff=False,
            sms_staff=False,
        )

    def test_a_chief_cannot_point_the_server_inside_its_own_networks(self) -> None:
        for url in INSIDE:
            with self.subTest(url):
                with self.assertRaises(PingSettingsError):
                    self.ping(url)
                with self.assertRaises(NotifyError):
                    self.webhook(url)
        with self.assertRaises(PingSettingsError):
            self.ping("https://user:pass@he.example/ping")  # no secrets in an address shown

    def test_a_webhook_address_is_an_http_or_https_address_and_nothing_else(self) -> None:
        # The walkthrough saved "javascript:alert(1)" as the webhook address.
        for url in (
            "javascript:alert(1)",
            "ftp://he.example/x",
            "https:///x",
            "he.example/x",
            "https://u:p@he.example/x",
        ):
            with self.subTest(url), self.assertRaises(NotifyError):
                self.webhook(url)
        saved = self.webhook(" https://he.example/hook ")
        self.assertEqual(saved.webhook_url, "https://he.example/hook")

    @override_settings(POWERDESK_OUTBOUND_NETWORKS=["10.20.0.0/16"])
    def test_the_operator_can_allow_the_metering_intranet(self) -> None:
        self.ping("https://10.20.3.4/ping")
        with self.assertRaises(PingSettingsError):
            self.ping("https://10.21.0.1/ping")

    def test_a_change_of_the_setting_is_recorded(self) -> None:
        self.ping("https://he.example/ping")
        ping_settings_update(
            station=self.station_a, user=self.chief, endpoint_url="https://he.example/p2", most=5
        )
        last = NotifySettingsChange.objects.order_by("-pk").first()
        assert last is not None
        self.assertEqual(last.by, self.chief)
        self.assertIn(
            ["ping_url", "https://he.example/ping", "https://he.example/p2"], last.changes
        )
        self.assertIn(["ping_most", 10, 5], last.changes)
        self.login(self.chief)
        page = self.client.get("/notifications/settings/")
        self.assertContains(page, "https://he.example/p2")


@override_settings(DEBUG=False)
class RefusedBeforeEachRequestTests(SimpleTestCase):
    def test_a_stored_inside_address_is_refused_when_sending(self) -> None:
        for url in ("https://169.254.169.254/x", "https://127.0.0.1:9/x"):
            with self.subTest(url):
                with self.assertRaises(PermanentError):
                    http_post(url, b"{}", {})
                with self.assertRaises(PermanentError):
                    WebhookTransport(url, "s").send(Message(to=url, text="x", id="m1"))


PUBLIC = ipaddress.ip_address("93.184.216.34")
LOOPBACK = ipaddress.ip_address("127.0.0.1")


@override_settings(DEBUG=False)
class PinnedAddressTests(SimpleTestCase):
    """The name is resolved once per connection, checked, and the connection made to that very
    address, the name kept as Host and TLS server name: DNS answering otherwise a moment later
    (rebinding) changes nothing. No network: resolution and connection are stood in for."""

    def senders(self) -> list[tuple[str, Any]]:
        url = "https://he.example/ping"
        return [
            ("ping", lambda: http_post(url, b"{}", {"Idempotency-Key": "k"})),
            ("webhook", lambda: WebhookTransport(url, "s").send(Message(to=url, text="x", id="m"))),
        ]

    def test_the_connection_goes_to_the_address_checked(self) -> None:
        for name, send in self.senders():
            with (
                self.subTest(name),
                mock.patch(
                    "powerdesk.lib.outbound._resolve", side_effect=[[PUBLIC], [LOOPBACK]]
                ) as resolve,
                mock.patch(
                    "socket.create_connection", side_effect=ConnectionRefusedError
                ) as connect,
            ):
                with self.assertRaises(TemporaryError) as caught:
                    send()
                self.assertEqual(caught.exception.failure, "connection")
                resolve.assert_called_once_with("he.example")
                self.assertEqual(connect.call_args.args[0], ("93.184.216.34", 443))

    def test_a_name_that_resolves_inside_is_refused_before_connecting(self) -> None:
        for name, send in self.senders():
            with (
                self.subTest(name),
                mock.patch("powerdesk.lib.outbound._resolve", return_value=[PUBLIC, LOOPBACK]),
                mock.patch("socket.create_connection") as connect,
            ):
                with self.assertRaises(PermanentError) as caught:
                    send()
                self.assertEqual(caught.exception.failure, "inside")
                connect.assert_not_called()

    def test_tls_is_for_the_name(self) -> None:
        seen: list[str | None] = []

        def wrap(_context: Any, sock: Any, server_hostname: str | None = None) -> Any:
            seen.append(server_hostname)
            raise ssl.SSLError("stood in")

        left, right = socket.socketpair()
        self.addCleanup(left.close)
        self.addCleanup(right.close)
        with (
            mock.patch("powerdesk.lib.outbound._resolve", return_value=[PUBLIC]),
            mock.patch("socket.create_connection", return_value=left),
            mock.patch.object(ssl.SSLContext, "wrap_socket", wrap),
            self.assertRaises(TemporaryError),
        ):
            http_post("https://he.example/ping", b"{}", {})
        self.assertEqual(seen, ["he.example"])

    @override_settings(DEBUG=True)  # (this machine may be called while debugging)
    def test_the_request_goes_to_the_pinned_address_and_names_the_host(self) -> None:
        got: dict[str, Any] = {}

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                got["host"] = self.headers["Host"]
                got["body"] = self.rfile.read(int(self.headers["Content-Length"]))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.addCleanup(server.server_close)
        threading.Thread(target=server.handle_request, daemon=True).start()
        port = server.server_address[1]
        with mock.patch("powerdesk.lib.outbound._resolve", return_value=[LOOPBACK]):
            http_post(f"http://he.example:{port}/p", b'{"a": 1}', {})
        self.assertEqual(got["host"], f"he.example:{port}")
        self.assertEqual(got["body"], b'{"a": 1}')


class PingSecretTests(BaseTestCase):
    def update(self, secret: str | None, url: str = "https://he.example/ping") -> None:
        ping_settings_update(
            station=self.station_a, user=self.chief, endpoint_url=url, most=10, secret=secret
        )

    def test_the_ping_secret_is_write_only_and_its_change_recorded(self) -> None:
        self.update("t0p-s3cret")
        self.assertEqual(PingSettings.objects.get().secret, "t0p-s3cret")
        self.update(None)  # left empty on the page: kept
        self.assertEqual(PingSettings.objects.get().secret, "t0p-s3cret")
        for change in NotifySettingsChange.objects.all():
            self.assertNotIn("t0p-s3cret", json.dumps(change.changes) + change.note)
        self.login(self.chief)
        page = self.client.get("/notifications/settings/").content.decode()
        self.assertNotIn("t0p-s3cret", page)
        self.assertIn('name="ping_secret"', page)
        self.assertIn(zh("meter ping secret changed"), page)
        self.client.post(
            "/notifications/settings/",
            {"ping_form": "1", "ping_url": "https://he.example/ping", "ping_most": "10"},
        )
        self.assertEqual(PingSettings.objects.get().secret, "t0p-s3cret")
        self.update(None, url="")  # pings off: the secret goes with the address
        self.assertEqual(PingSettings.objects.get().secret, "")
