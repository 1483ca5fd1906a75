"""The outage pages' forms sent with something wrong: shown again as typed, what is wrong next to
the field it is about, with HTTP 400 (nothing recorded), as the rest of the site shows form
errors; not a banner above a page whose form was emptied."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.urls import reverse
from django.utils import timezone

from powerdesk.outages.models import Outage, PredictedOutage
from powerdesk.outages.planned import planned_outage_cancel
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase, zh
from tests.planned_cast import planned_on_fuse
from tests.servicedesk.intake_page import predict_outage


def field_errors(html: str, name: str) -> str:
    """The errors shown next to the field ``name`` (its ``…-errors`` span)."""
    found = re.search(rf'data-testid="{name.replace("_", "-")}-errors">([^<]*)<', html)
    return found.group(1) if found else ""


class OutagePageFormErrorTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.login(self.chief)

    def post(self, data: dict[str, Any], **extra: Any) -> Any:
        return self.client.post(reverse("outages:list"), data, **extra)

    def assert_nothing_banner(self, response: Any) -> None:
        self.assertEqual(response.status_code, 400)
        self.assertFalse([m for m in response.context["messages"] if m.level_tag == "error"])

    def active(self) -> Outage:
        return outage_declare(
            station=self.station_a,
            user=None,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=30),
        )

    # Recording an outage -------------------------------------------------------------------

    def test_a_device_that_is_none_is_said_at_the_device_box(self) -> None:
        response = self.post(
            {"action": "declare", "device": "不存在的杆", "kind": "unplanned", "cause": "雷击"}
        )
        self.assert_nothing_banner(response)
        html = response.content.decode()
        self.assertIn("不存在的杆", field_errors(html, "device"))
        self.assertIn('value="雷击"', html)  # the rest kept as typed
        self.assertFalse(Outage.objects.exists())

    def test_planned_work_without_its_end_is_said_at_the_end(self) -> None:
        starts = timezone.localtime() + dt.timedelta(days=10)
        response = self.post(
            {
                "action": "declare",
                "device": self.fuse.code,
                "kind": "planned",
                "starts_at": f"{starts:%Y-%m-%dT%H:%M}",
                "cause": "更换刀闸",
            }
        )
        self.assert_nothing_banner(response)
        self.assertTrue(field_errors(response.content.decode(), "expected_restore_at"))
        self.assertContains(response, f'value="{starts:%Y-%m-%dT%H:%M}"', status_code=400)
        self.assertFalse(Outage.objects.exists())

    # The board's forms ---------------------------------------------------------------------

    def test_an_expected_restoration_in_the_past_is_said_at_its_time_with_the_reason_kept(
        self,
    ) -> None:
        outage = self.active()
        past = timezone.localtime() - dt.timedelta(hours=3)
        response = self.post(
            {
                "action": "estimate",
                "outage": outage.pk,
                "expected_restore_at": f"{past:%Y-%m-%dT%H:%M}",
                "note": "山路塌方",
            }
        )
        self.assert_nothing_banner(response)
        html = response.content.decode()
        self.assertIn('data-testid="mend-estimate"', html)
        self.assertTrue(field_errors(html, "expected_restore_at"))
        self.assertFalse(field_errors(html, "note"))
        self.assertIn('value="山路塌方"', html)
        outage.refresh_from_db()
        self.assertIsNone(outage.expected_restore_at)

    def test_an_expected_restoration_without_a_reason_is_said_at_the_reason(self) -> None:
        outage = self.active()
        later = timezone.localtime() + dt.timedelta(hours=3)
        response = self.post(
            {
                "action": "estimate",
                "outage": outage.pk,
                "expected_restore_at": f"{later:%Y-%m-%dT%H:%M}",
                "note": " ",
            }
        )
        self.assert_nothing_banner(response)
        html = response.content.decode()
        self.assertTrue(field_errors(html, "note"))
        self.assertIn(f'value="{later:%Y-%m-%dT%H:%M}"', html)

    def test_power_back_in_the_future_is_said_at_its_time(self) -> None:
        outage = self.active()
        later = timezone.localtime() + dt.timedelta(hours=3)
        response = self.post(
            {
                "action": "restore_at",
                "outage": outage.pk,
                "at": f"{later:%Y-%m-%dT%H:%M}",
                "note": "合闸",
                "cause": "lightning",
            }
        )
        self.assert_nothing_banner(response)
        self.assertTrue(field_errors(response.content.decode(), "at"))
        self.assertContains(response, 'value="合闸"', status_code=400)
        outage.refresh_from_db()
        self.assertEqual(outage.status, Outage.Status.ACTIVE)

    def test_a_device_still_open_that_is_none_is_said_at_the_devices_typed_kept(self) -> None:
        outage = self.active()
        response = self.post(
            {"action": "restore_part", "outage": outage.pk, "still_open": ["没有这个开关"]}
        )
        self.assert_nothing_banner(response)
        html = response.content.decode()
        self.assertIn("没有这个开关", field_errors(html, "still_open"))
        self.assertIn('value="没有这个开关"', html)

    def test_a_prediction_moved_to_no_device_and_one_rejected_without_a_reason(self) -> None:
        prediction = predict_outage(self.station_a, self.transformer)
        response = self.post({"action": "move", "prediction": prediction.pk, "device": "乱写的"})
        self.assert_nothing_banner(response)
        html = response.content.decode()
        self.assertIn("乱写的", field_errors(html, "device"))
        self.assertIn('value="乱写的"', html)
        response = self.post({"action": "reject", "prediction": prediction.pk, "reason": " "})
        self.assert_nothing_banner(response)
        self.assertTrue(field_errors(response.content.decode(), "reason"))
        self.assertFalse(Outage.objects.exists())
        prediction.refresh_from_db()
        self.assertEqual(prediction.status, PredictedOutage.Status.PREDICTED)

    def test_a_form_sent_from_the_board_s_own_page_is_mended_there(self) -> None:
        outage = self.active()
        response = self.post(
            {
                "action": "estimate",
                "outage": outage.pk,
                "expected_restore_at": "明天",
                "note": "等配件",
                "next": reverse("outages:board"),
            }
        )
        self.assert_nothing_banner(response)
        self.assertTemplateUsed(response, "outages/board_page.html")
        html = response.content.decode()
        self.assertTrue(field_errors(html, "expected_restore_at"))
        self.assertIn(f'name="next" value="{reverse("outages:board")}"', html)
        # Mended, it goes back to the board.
        later = timezone.localtime() + dt.timedelta(hours=3)
        response = self.post(
            {
                "action": "estimate",
                "outage": outage.pk,
                "expected_restore_at": f"{later:%Y-%m-%dT%H:%M}",
                "note": "等配件",
                "next": reverse("outages:board"),
            }
        )
        self.assertRedirects(response, reverse("outages:board"), fetch_redirect_response=False)

    def test_a_button_s_error_is_still_a_message(self) -> None:
        # Nothing typed to mend: closing an outage with the power still off is said as before.
        outage = self.active()
        response = self.post({"action": "close", "outage": outage.pk}, follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertTrue([m for m in response.context["messages"] if m.level_tag == "error"])


class PlannedPageCase(BaseTestCase):
    """The chief on the planned outages' page, a stop 20 days ahead for four hours in mind."""

    def setUp(self) -> None:
        super().setUp()
        self.login(self.chief)
        self.starts = timezone.localtime() + dt.timedelta(days=20)
        self.ends = self.starts + dt.timedelta(hours=4)

    def post(self, data: dict[str, Any]) -> Any:
        return self.client.post(reverse("outages:planned"), data)


class PlannedPageFormErrorTests(PlannedPageCase):
    def test_an_announcement_on_no_device_is_said_at_the_device_with_the_rest_kept(self) -> None:
        response = self.post(
            {
                "action": "announce",
                "device": "没有的设备",
                "starts_at": f"{self.starts:%Y-%m-%dT%H:%M}",
                "ends_at": f"{self.ends:%Y-%m-%dT%H:%M}",
                "cause": "更换绝缘子",
            }
        )
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        self.assertIn("没有的设备", field_errors(html, "device"))
        self.assertIn('value="更换绝缘子"', html)
        self.assertFalse(Outage.objects.exists())

    def test_a_move_into_the_past_is_said_at_its_start_in_its_own_row_as_typed(self) -> None:
        outage = planned_on_fuse(self, self.starts, self.ends)
        past = timezone.localtime() - dt.timedelta(days=1)
        response = self.post(
            {
                "action": "reschedule",
                "outage": outage.pk,
                "starts_at": f"{past:%Y-%m-%dT%H:%M}",
                "ends_at": f"{self.ends:%Y-%m-%dT%H:%M}",
                "reason": "天气不好",
            }
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse([m for m in response.context["messages"] if m.level_tag == "error"])
        html = response.content.decode()
        self.assertTrue(field_errors(html, "starts_at"))
        self.assertIn('value="天气不好"', html)
        self.assertIn(f'value="{past:%Y-%m-%dT%H:%M}"', html)
        outage.refresh_from_db()
        self.assertEqual(outage.starts_at, self.starts)  # not moved

    def test_a_cancel_without_a_reason_is_said_at_the_reason(self) -> None:
        outage = planned_on_fuse(self, self.starts, self.ends)
        response = self.post({"action": "cancel", "outage": outage.pk, "reason": "  "})
        self.assertEqual(response.status_code, 400)
        self.assertTrue(field_errors(response.content.decode(), "reason"))
        outage.refresh_from_db()
        self.assertEqual(outage.status, Outage.Status.ANNOUNCED)


class PlannedGoneMeanwhileTests(PlannedPageCase):
    """A planned outage's form sent after the outage left the list (review of round 24,
    finding 1): another clerk called it off meanwhile, so it has no row to mend the form on. It
    was a 400 with no word at all; it is said at the top of the page, after a redirect."""

    def gone(self) -> Outage:
        outage = planned_on_fuse(self, self.starts, self.ends)
        planned_outage_cancel(outage=outage, user=self.chief, reason="线路改造推迟")
        return outage

    def said(self, response: Any) -> str:
        self.assertRedirects(response, reverse("outages:planned"), fetch_redirect_response=False)
        page = self.client.get(reverse("outages:planned"))
        errors = [str(m) for m in page.context["messages"] if m.level_tag == "error"]
        self.assertEqual(len(errors), 1, errors)
        return errors[0]

    def test_a_move_of_one_called_off_meanwhile_says_so_at_the_top(self) -> None:
        outage = self.gone()
        later = self.starts + dt.timedelta(days=2)
        said = self.said(
            self.post(
                {
                    "action": "reschedule",
                    "outage": outage.pk,
                    "starts_at": f"{later:%Y-%m-%dT%H:%M}",
                    "ends_at": f"{later + dt.timedelta(hours=4):%Y-%m-%dT%H:%M}",
                    "reason": "天气不好",
                }
            )
        )
        self.assertIn(str(self.fuse), said)
        self.assertIn("已取消", said)
        outage.refresh_from_db()
        self.assertEqual(outage.starts_at, self.starts)

    def test_a_cancel_without_a_reason_of_one_called_off_meanwhile_says_it_is_off(self) -> None:
        outage = self.gone()
        said = self.said(self.post({"action": "cancel", "outage": outage.pk, "reason": ""}))
        self.assertIn("已取消", said)
        self.assertNotIn(zh("Give the reason."), said)  # no form to mend any more
