"""Counter ratings from the tablet, and the satisfaction figures they feed."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from powerdesk.servicedesk.counter_kiosk import (
    KIOSK_COOKIE,
    KIOSK_HOURLY_CAP,
    KIOSK_MIN_INTERVAL,
    RatingThrottled,
    counter_rate,
)
from powerdesk.servicedesk.models import Callback, CounterKiosk, CounterRating, WorkOrder
from powerdesk.servicedesk.satisfaction import monthly_satisfaction, total
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase, make_user, zh


class KioskTests(BaseTestCase):
    """Staff start a kiosk on the tablet once; the customer then sees only the faces."""

    def start_kiosk(self, **data: object) -> CounterKiosk:
        self.login(self.clerk)
        response = self.client.post(
            reverse("servicedesk:counter_rating"),
            {"name": "营业厅1号柜台", "service": "pay_bill", "served_by": self.clerk.pk, **data},
        )
        self.assertRedirects(response, reverse("servicedesk:kiosk"))
        return CounterKiosk.objects.get()

    def rate(self, score: str) -> HttpResponse:
        return self.client.post(reverse("servicedesk:kiosk"), {"score": score})

    def test_starting_a_kiosk_logs_staff_out_and_leaves_only_the_faces(self) -> None:
        self.start_kiosk()
        self.assertNotIn("_auth_user_id", self.client.session)
        page = self.client.get(reverse("servicedesk:kiosk"))
        self.assertContains(page, "您对今天的服务满意吗")
        self.assertContains(page, 'data-testid="score-5"')
        self.assertNotContains(page, "<a ")  # nowhere to go from here
        self.assertNotContains(page, "<select")  # nothing of the staff's set-up
        # The device's cookie opens nothing else of the application.
        response = self.client.get(reverse("servicedesk:satisfaction"))
        self.assertRedirects(response, f"{reverse('accounts:login')}?next=/desk/satisfaction/")

    def test_a_tap_on_a_face_is_one_rating_for_the_kiosk_s_service_and_clerk(self) -> None:
        kiosk = self.start_kiosk(service="new_connection")
        self.assertContains(self.rate("5"), "谢谢您的评价")
        rating = CounterRating.objects.get()
        self.assertEqual(
            (rating.score, rating.service, rating.served_by, rating.station, rating.kiosk),
            (5, "new_connection", self.clerk, self.station_a, kiosk),
        )

    def test_staff_change_what_the_kiosk_rates_from_their_own_computer(self) -> None:
        kiosk = self.start_kiosk()
        self.login(self.chief)
        self.client.post(
            reverse("servicedesk:kiosk_change", args=[kiosk.pk]),
            {"action": "set", "service": "complaint", "served_by": self.chief.pk},
        )
        kiosk.refresh_from_db()
        self.assertEqual((kiosk.service, kiosk.served_by), ("complaint", self.chief))

    def test_a_second_tap_at_once_is_not_counted(self) -> None:
        self.start_kiosk()
        self.rate("5")
        response = self.rate("1")
        self.assertEqual(response.status_code, 429)
        # Said as not counted (walk50, 5: "谢谢，您的评价已记录。" read as this tap counted).
        said = zh(
            "A rating was recorded here just now, so this tap was not counted. If you have"
            " not rated yet, please tap again when the faces come back."
        )
        self.assertContains(response, said, status_code=429)
        self.assertNotContains(response, "您的评价已记录", status_code=429)
        self.assertEqual(list(CounterRating.objects.values_list("score", flat=True)), [5])

    def test_a_kiosk_takes_a_rating_again_after_the_pause(self) -> None:
        kiosk = self.start_kiosk()
        start = timezone.now()
        counter_rate(kiosk=kiosk, score=5, now=start)
        counter_rate(kiosk=kiosk, score=4, now=start + KIOSK_MIN_INTERVAL)
        self.assertEqual(CounterRating.objects.count(), 2)

    def test_an_hour_holds_at_most_the_cap_of_ratings(self) -> None:
        kiosk = self.start_kiosk()
        start = timezone.now() - dt.timedelta(minutes=59)
        for i in range(KIOSK_HOURLY_CAP):
            counter_rate(kiosk=kiosk, score=5, now=start + i * KIOSK_MIN_INTERVAL)
        later = start + KIOSK_HOURLY_CAP * KIOSK_MIN_INTERVAL
        with self.assertRaises(RatingThrottled):
            counter_rate(kiosk=kiosk, score=5, now=later)
        # An hour after the first, there is room again.
        counter_rate(kiosk=kiosk, score=5, now=start + dt.timedelta(hours=1, seconds=1))
        self.assertEqual(CounterRating.objects.count(), KIOSK_HOURLY_CAP + 1)

    def test_a_bad_score_is_refused_and_nothing_stored(self) -> None:
        self.start_kiosk()
        response = self.rate("9")
        self.assertContains(response, "评分须为 1 到 5", status_code=400)
        self.assertFalse(CounterRating.objects.exists())

    def test_a_device_without_a_kiosk_key_cannot_rate(self) -> None:
        response = self.rate("1")
        self.assertEqual(response.status_code, 403)
        self.client.cookies[KIOSK_COOKIE] = "guessed"
        self.assertEqual(self.rate("1").status_code, 403)
        self.assertFalse(CounterRating.objects.exists())

    def test_a_retired_kiosk_takes_no_more_ratings(self) -> None:
        kiosk = self.start_kiosk()
        key = self.client.cookies[KIOSK_COOKIE].value
        self.login(self.clerk)
        self.client.post(reverse("servicedesk:kiosk_change", args=[kiosk.pk]), {"action": "retire"})
        self.client.logout()
        self.client.cookies[KIOSK_COOKIE] = key
        self.assertEqual(self.rate("5").status_code, 403)
        self.assertFalse(CounterRating.objects.exists())

    def test_crews_do_not_set_up_kiosks(self) -> None:
        crew = make_user("crew", self.station_a, "crew")
        self.login(crew)
        response = self.client.post(
            reverse("servicedesk:counter_rating"), {"name": "x", "service": "pay_bill"}
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(CounterKiosk.objects.exists())

    def test_another_station_cannot_change_a_kiosk(self) -> None:
        kiosk = self.start_kiosk()
        self.login(self.outsider)
        response = self.client.post(
            reverse("servicedesk:kiosk_change", args=[kiosk.pk]), {"action": "retire"}
        )
        self.assertEqual(response.status_code, 404)
        kiosk.refresh_from_db()
        self.assertIsNone(kiosk.retired_at)

    def test_a_kiosk_needs_a_name_and_a_service(self) -> None:
        self.login(self.clerk)
        response = self.client.post(
            reverse("servicedesk:counter_rating"), {"name": " ", "service": "pay_bill"}
        )
        self.assertContains(response, "给评价器起个名字", status_code=400)
        response = self.client.post(
            reverse("servicedesk:counter_rating"), {"name": "柜台", "service": "bribe"}
        )
        self.assertContains(response, "请选择办理的业务", status_code=400)
        self.assertFalse(CounterKiosk.objects.exists())
        self.assertIn("_auth_user_id", self.client.session)


class SatisfactionTests(BaseTestCase):
    def test_figures_combine_callbacks_and_counter_ratings(self) -> None:
        now = timezone.now()
        order = work_order_create(
            station=self.station_a, user=self.clerk, category="fault_repair", summary="停电"
        )
        Callback.objects.create(work_order=order, at=now, outcome="reached", satisfaction=2)
        Callback.objects.create(work_order=order, at=now, outcome="reached", satisfaction=5)
        for score in (5, 4, 3, 5):
            CounterRating.objects.create(
                station=self.station_a, at=now, score=score, service="pay_bill"
            )
        # Another station's rating counts only there.
        CounterRating.objects.create(station=self.station_b, at=now, score=1, service="pay_bill")
        months = monthly_satisfaction(self.station_a, timezone.localdate().year)
        this_month = months[-1]
        self.assertEqual((this_month.callbacks.count, this_month.callbacks.satisfied), (2, 1))
        self.assertEqual((this_month.counter.count, this_month.counter.satisfied), (4, 3))
        self.assertAlmostEqual(this_month.counter.average or 0, 4.25)
        combined = total(months).combined
        self.assertEqual((combined.count, combined.satisfied), (6, 4))
        self.assertAlmostEqual(combined.average or 0, 24 / 6)
        self.login(self.chief)
        page = self.client.get(reverse("servicedesk:satisfaction"))
        self.assertContains(page, "年内累计")
        self.assertContains(page, "66.7%")  # 4 of 6 satisfied, as every page writes it
        self.assertEqual(WorkOrder.objects.count(), 1)

    def test_the_home_page_shows_this_month_s_share_of_satisfied_customers(self) -> None:
        self.login(self.chief)
        self.assertContains(self.client.get(reverse("web:home")), "本月还没有评价")
        for score in (5, 2):
            CounterRating.objects.create(
                station=self.station_a, at=timezone.now(), score=score, service="enquiry"
            )
        page = self.client.get(reverse("web:home"))
        self.assertContains(page, '<dd data-testid="satisfied-share">50.0%</dd>', html=False)
