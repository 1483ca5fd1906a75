"""Addresses a station chief may make the server call (meter 召测 address, webhook): never inside
the server's own networks unless the operator allows them; refused again before each request;
a change of the 召测 setting recorded (who, when, what)."""

from __future__ import annotations

from django.test import SimpleTestCase, override_settings

from powerdesk.notifications.models import NotifySettingsChange
from powerdesk.notifications.services import NotifyError, notify_settings_update
from powerdesk.notifications.transports import Message, PermanentError, WebhookTransport
from powerdesk.outages.ping_settings import PingSettingsError, ping_settings_update
from powerdesk.outages.pings_send import http_post
from tests.base import BaseTestCase

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

    def test_a_chief_cannot_point_the_server_inside_its_own_networks(self) -> None:
        for url in INSIDE:
            with self.subTest(url):
                with self.assertRaises(PingSettingsError):
                    self.ping(url)
                with self.assertRaises(NotifyError):
                    notify_settings_update(
                        station=self.station_a,
                        user=self.chief,
                        rules={},
                        webhook_url=url,
                        webhook_secret="s3cret",
                        email_staff=False,
                        sms_staff=False,
                    )
        with self.assertRaises(PingSettingsError):
            self.ping("https://user:pass@he.example/ping")  # no secrets in an address shown

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
