"""The notification settings and a kiosk's name: no ``maxlength``; a webhook address or secret
too long is refused with its limit and the length typed, what was typed kept (the view cut
the address to 200 and the secret to 100 before checking them: a cut address is another one,
and it was saved); a kiosk's name too long is refused at its field, kept."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.notifications.models import NotifySettingsChange
from powerdesk.notifications.services import settings_for
from tests.base import BaseTestCase


class SettingsTooLongTests(BaseTestCase):
    def test_a_webhook_address_too_long_is_refused_not_cut_and_saved(self) -> None:
        self.login(self.chief)
        url = reverse("notifications:settings")
        self.assertNotIn('maxlength="', self.client.get(url).content.decode())
        typed = "https://example.org/" + "h" * 200
        response = self.client.post(
            url, {"settings_form": "1", "webhook_url": typed, "webhook_secret": "s3cret"}
        )
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        error = html[html.index('data-testid="settings-error"') :]
        error = error[: error.index("</p>")]
        self.assertIn("200", error)
        self.assertIn(str(len(typed)), error)
        self.assertIn(f'value="{typed}"', html)
        self.assertEqual(settings_for(self.station_a).webhook_url, "")
        self.assertFalse(NotifySettingsChange.objects.exists())
        response = self.client.post(
            url,
            {
                "settings_form": "1",
                "webhook_url": "https://example.org/h",
                "webhook_secret": "s" * 101,
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(settings_for(self.station_a).webhook_secret, "")

    def test_a_kiosk_name_too_long_is_refused_at_it_and_kept(self) -> None:
        self.login(self.chief)
        url = reverse("servicedesk:counter_rating")
        self.assertNotIn('maxlength="', self.client.get(url).content.decode())
        typed = "柜" * 41
        response = self.client.post(url, {"name": typed, "service": "pay_bill"})
        html = response.content.decode()
        self.assertIn('data-testid="kiosk-name-error"', html)
        self.assertIn(f'value="{typed}"', html)
