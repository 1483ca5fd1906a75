"""The station's meter ping setting: only https (http to this machine while debugging),
bounded, 1-50 a round; the station chief only (notify.settings, as for the webhook); off by default. And the periodic task."""

from __future__ import annotations

from django.test import override_settings

from powerdesk.accounts.permissions import NotAllowed
from powerdesk.outages.models import PingSettings
from powerdesk.outages.ping_settings import (
    PingSettingsError,
    ping_settings_for,
    ping_settings_update,
)
from powerdesk.outages.tasks import ping_meters
from tests.base import BaseTestCase


class PingSettingsTests(BaseTestCase):
    def update(self, url: str, most: object = 10, user: object = None) -> PingSettings:
        return ping_settings_update(
            station=self.station_a,
            user=user or self.chief,  # type: ignore[arg-type]
            endpoint_url=url,
            most=most,  # type: ignore[arg-type]
        )

    def test_off_by_default_ten_a_round(self) -> None:
        setting = ping_settings_for(self.station_a)
        self.assertFalse(setting.on)
        self.assertEqual(setting.most, 10)

    @override_settings(DEBUG=False)
    def test_the_address_must_be_https(self) -> None:
        for bad in (
            "http://he.example/ping",
            "ftp://he.example/",
            "https://",
            "javascript:alert(1)",
            "http://localhost:9000/ping",
            "https://he.example/" + "x" * 200,
        ):
            with self.subTest(bad), self.assertRaises(PingSettingsError):
                self.update(bad)
        self.assertTrue(self.update("https://he.example/ping").on)
        self.assertFalse(self.update("").on)  # empty: off

    @override_settings(DEBUG=True)
    def test_localhost_over_http_while_debugging(self) -> None:
        self.assertEqual(
            self.update("http://127.0.0.1:9000/p").endpoint_url, "http://127.0.0.1:9000/p"
        )
        with self.assertRaises(PingSettingsError):
            self.update("http://he.example/ping")

    def test_one_to_fifty_a_round(self) -> None:
        for bad in (0, 51, -1, "ten", ""):
            with self.subTest(bad), self.assertRaises(PingSettingsError):
                self.update("https://he.example/ping", bad)
        self.assertEqual(self.update("https://he.example/ping", "50").most, 50)

    def test_only_the_station_s_chief_as_for_its_webhook(self) -> None:
        for user in (self.clerk, self.outsider):
            with self.subTest(user.username), self.assertRaises(NotAllowed):
                self.update("https://he.example/ping", user=user)
        self.assertFalse(PingSettings.objects.exists())

    def test_the_task_does_nothing_for_stations_without_a_head_end(self) -> None:
        self.assertEqual(ping_meters.call(), {})
        self.update("https://he.example/ping")
        self.assertEqual(ping_meters.call(), {"a": 0})  # no outage picture: nothing asked
