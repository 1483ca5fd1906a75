"""walk56, M4: "我组已来电" pressed on a page left open after the station restored the outage is
told it was restored, and when, and to report it if still off (it was "该停电不涉及您的村"); a
group not under the outage (a stale or forged page) is refused with a message, not a bare 400.
The service (``liaison_power_back``) says the same as the page, not "does not reach your village"
(fix58d): restored at HH:MM, and to report it if the group is still off."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from powerdesk.community.liaison import PowerBackAlready, liaison_power_back
from powerdesk.community.models import VillageGroup
from powerdesk.lib.days import day_and_time
from powerdesk.outages.models import OutageEvent
from powerdesk.outages.services import outage_restore
from tests.base import BaseTestCase
from tests.outage_cast import fault_declare
from tests.outage_cast_liaisons import group_leader


class LiaisonBackStalePageTests(BaseTestCase):
    def setUp(self) -> None:
        self.leader = group_leader(self)
        self.outage = fault_declare(self, self.fuse, began=40)

    def press(self, group: int) -> tuple[int, list[str]]:
        """The status, and what the page says: its messages, or the error at the form."""
        self.login(self.leader)
        with translation.override("en"):
            answer = self.client.post(
                reverse("web:liaison"),
                {"action": "power_back", "outage": str(self.outage.pk), "group": str(group)},
                HTTP_ACCEPT_LANGUAGE="en",
            )
            said = [str(m) for m in get_messages(answer.wsgi_request)]
        page = answer.content.decode()
        if 'data-testid="power-back-group-error"' in page:
            error = page.split('data-testid="power-back-group-error">')[1].split("<")[0]
            said.append(error.replace("&#x27;", "'"))
        return answer.status_code, said

    def test_pressed_after_the_restore_says_when_and_that_nothing_is_needed(self) -> None:
        restored = outage_restore(
            outage=self.outage, user=self.chief, how="remote", cause="unknown"
        )
        status, said = self.press(self.group.pk)
        self.assertEqual(status, 302)
        with translation.override("en"):
            when = day_and_time(restored.restored_at)  # type: ignore[arg-type]
        self.assertEqual(said, [restored_text(when)])
        self.assertFalse(OutageEvent.objects.filter(what="liaison_on").exists())

    def test_the_service_says_it_as_the_page_does(self) -> None:
        """Called for an outage restored already (a press racing the restore, another page),
        the service tells the time it was restored and asks whether the group is still off."""
        restored = outage_restore(
            outage=self.outage, user=self.chief, how="remote", cause="unknown"
        )
        with translation.override("en"), self.assertRaises(PowerBackAlready) as caught:
            liaison_power_back(
                user=self.leader, village=self.village, outage=restored, group=self.group
            )
        with translation.override("en"):
            when = day_and_time(restored.restored_at)  # type: ignore[arg-type]
        self.assertEqual(str(caught.exception), restored_text(when))
        self.assertNotIn("does not reach", str(caught.exception))
        self.assertFalse(OutageEvent.objects.filter(what="liaison_on").exists())
        with translation.override("zh-hans"), self.assertRaises(PowerBackAlready) as caught:
            liaison_power_back(
                user=self.leader, village=self.village, outage=restored, group=self.group
            )
        self.assertIn(when, str(caught.exception))

    def test_a_group_not_under_the_outage_is_refused_with_a_message(self) -> None:
        elsewhere = VillageGroup.objects.create(
            station=self.station_a, village=self.village, name="干海"
        )
        status, said = self.press(elsewhere.pk)
        self.assertEqual(status, 400)
        self.assertEqual(said, ["That group is not supplied through the outage's device."])
        self.assertFalse(OutageEvent.objects.filter(what="liaison_on").exists())


def restored_text(when: str) -> str:
    return (
        f"The station recorded power back for this outage at {when}. Is your group still "
        "without power? Then report it below, and the station will check."
    )
