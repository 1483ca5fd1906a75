"""The board's "confirm" of a prediction texts every household below it, as recording it at
intake does: so the first press records nothing and says how many households (and messages) it
texts, and only the second button records it; that form's one-time token records it once
however often it is sent (a double click, a retry after a dropped answer)."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.network.models import Feeder, GridNode, NodeKind
from powerdesk.notifications.models import Channel, Delivery, Notice
from powerdesk.outages.models import Outage, PredictedOutage
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.models import FormSubmission
from tests.base import BaseTestCase, make_user, zh
from tests.board_confirm import asked_form, board_confirm
from tests.outage_cast import predicted_below_the_fuse


class BoardConfirmAsksTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.prediction = predicted_below_the_fuse(self)
        self.confirm = {
            "action": "confirm",
            "prediction": str(self.prediction.pk),
            "next": reverse("outages:list"),  # as the page's script says where it was pressed
        }
        self.login(self.clerk)

    def press(self, data: dict[str, str]) -> str:
        response = self.client.post(reverse("outages:list"), data)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def texts(self) -> int:
        return Delivery.objects.filter(channel=Channel.SMS, customer__isnull=False).count()

    def said(self, response: object) -> list[str]:
        return [str(m) for m in get_messages(response.wsgi_request)]  # type: ignore[attr-defined]

    def test_the_first_press_records_nothing_and_says_how_many_households_it_texts(self) -> None:
        response = self.client.post(reverse("outages:list"), self.confirm)
        self.assertEqual(response.status_code, 200)
        ask = response.context["asking"].ask
        self.assertEqual((ask.device, ask.households, ask.phones), (self.fuse, 2, 3))
        html = response.content.decode()
        self.assertIn('data-testid="board-confirm-record"', html)
        # The intake's words and button, one include for both pages.
        self.assertIn(f"登记{self.fuse}停电将立即短信通知其下 2 户。", html)
        self.assertIn("共 3 条短信）", html)
        self.assertIn("登记停电并短信通知 2 户</button>", html)
        self.assertIn(f'name="confirm_record" value="{self.fuse.pk}"', html)
        self.assertIn('name="form_token"', html)
        self.assertFalse(Outage.objects.exists())
        self.assertFalse(Notice.objects.exists())
        self.assertEqual(self.texts(), 0)

    def test_the_second_button_records_once_and_texts_once_however_often_it_is_sent(
        self,
    ) -> None:
        form = asked_form(self.press(self.confirm))
        first = self.client.post(reverse("outages:list"), form)
        second = self.client.post(reverse("outages:list"), form)  # a double click
        outage = Outage.objects.get()
        self.assertEqual(outage.device, self.fuse)
        for response in (first, second):
            # The press came from the outages page: back there (``next``, carried by the ask).
            self.assertRedirects(response, reverse("outages:list"), fetch_redirect_response=False)
        recorded = zh("Outage recorded on %(device)s.") % {"device": self.fuse}
        self.assertEqual(self.said(second)[-1], recorded)  # the first's outage, no error
        self.assertEqual(outage.events.filter(what="confirmed").count(), 1)
        self.assertEqual(Notice.objects.filter(key=f"outage_known:{outage.pk}").count(), 1)
        self.assertEqual(self.texts(), 3)  # the messages the ask said
        submission = FormSubmission.objects.get(kind=FormSubmission.Kind.OUTAGE_CONFIRM)
        self.assertEqual((submission.outage, submission.by), (outage, self.clerk))

    def test_a_retry_after_the_prediction_left_the_board_finds_the_first_s_outage(self) -> None:
        form = asked_form(self.press(self.confirm))
        self.client.post(reverse("outages:list"), form)
        # The engine hears the confirmation and drops its prediction; the answer was lost.
        PredictedOutage.objects.all().delete()
        again = self.client.post(reverse("outages:list"), form)
        self.assertEqual(
            self.said(again)[-1], zh("Outage recorded on %(device)s.") % {"device": self.fuse}
        )
        self.assertEqual(Outage.objects.count(), 1)

    def test_without_the_ask_s_token_the_button_still_asks(self) -> None:
        # A page from before (no token), or the confirm pressed twice: asked again.
        html = self.press({**self.confirm, "confirm_record": str(self.fuse.pk)})
        self.assertIn('data-testid="board-confirm-record"', html)
        html = self.press(self.confirm)
        self.assertIn('data-testid="board-confirm-record"', html)
        self.assertFalse(Outage.objects.exists())

    def test_two_asks_are_two_tokens_and_the_second_finds_the_outage_recorded(self) -> None:
        # Two clerks asked at once: the first records; the second is told it is recorded.
        one = asked_form(self.press(self.confirm))
        two = asked_form(self.press(self.confirm))
        self.assertNotEqual(one["form_token"], two["form_token"])
        self.client.post(reverse("outages:list"), one)
        refused = self.client.post(reverse("outages:list"), two)
        self.assertEqual(
            self.said(refused)[-1],
            zh("An outage is already recorded on %(device)s.") % {"device": self.fuse},
        )
        self.assertEqual(Outage.objects.count(), 1)
        # A refusal keeps no token: that form may be sent again (it is refused again).
        self.assertEqual(FormSubmission.objects.count(), 1)

    def test_an_outage_recorded_meanwhile_is_said_at_the_first_press(self) -> None:
        outage_declare(station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned")
        response = self.client.post(reverse("outages:list"), self.confirm)
        self.assertRedirects(response, reverse("outages:list"), fetch_redirect_response=False)
        self.assertEqual(
            self.said(response)[-1],
            zh("An outage is already recorded on %(device)s.") % {"device": self.fuse},
        )

    def test_it_is_another_device_asks_too_for_the_device_named(self) -> None:
        move = {"action": "move", "prediction": str(self.prediction.pk), "device": "哔叭支线02号杆"}
        html = self.press(move)
        form = asked_form(html)
        self.assertEqual((form["action"], form["device"]), ("move", "哔叭支线02号杆"))
        self.assertEqual(form["confirm_record"], str(self.pole.pk))
        self.assertFalse(Outage.objects.exists())
        self.client.post(reverse("outages:list"), form)
        self.assertEqual(Outage.objects.get().device, self.pole)

    def test_a_move_to_another_feeder_is_refused_before_asking_and_the_tick_is_carried(
        self,
    ) -> None:
        other = Feeder.objects.create(station=self.station_a, code="DB", name="10kV大坝线")
        source = GridNode.objects.create(
            station=self.station_a, feeder=other, code="DB-CB", kind=NodeKind.SOURCE
        )
        GridNode.objects.create(
            station=self.station_a,
            feeder=other,
            code="DB-F",
            kind=NodeKind.FUSE,
            parent=source,
            name="大坝熔断器",
        )
        move = {"action": "move", "prediction": str(self.prediction.pk), "device": "DB-F"}
        response = self.client.post(reverse("outages:list"), move)
        self.assertEqual(response.status_code, 400)  # refused, nothing asked: said at the device
        self.assertIn("10kV大坝线", " ".join(response.context["mend"].wrong["device"]))
        self.assertNotContains(response, 'data-testid="board-confirm-record"', status_code=400)
        form = asked_form(self.press({**move, "other_feeder": "on"}))
        self.assertEqual(form["other_feeder"], "on")
        self.client.post(reverse("outages:list"), form)
        self.assertEqual(Outage.objects.get().device.code, "DB-F")

    def test_a_button_for_another_device_than_asked_records_nothing(self) -> None:
        form = asked_form(self.press(self.confirm))
        response = self.client.post(
            reverse("outages:list"), {**form, "confirm_record": str(self.pole.pk)}
        )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Outage.objects.exists())
        self.assertFalse(FormSubmission.objects.exists())

    def test_one_who_may_not_record_outages_is_not_asked(self) -> None:
        admin = make_user("admin", self.station_a, Role.ADMIN)
        self.login(admin)
        response = self.client.post(reverse("outages:list"), self.confirm)
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Outage.objects.exists())

    def test_the_helper_records_as_the_page_does(self) -> None:
        board_confirm(self.client, self.confirm)
        self.assertEqual(Outage.objects.get().device, self.fuse)
