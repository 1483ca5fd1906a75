"""Counter ratings from the tablet, and the satisfaction figures they feed."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from powerdesk.servicedesk.models import Callback, CounterRating, WorkOrder
from powerdesk.servicedesk.satisfaction import monthly_satisfaction, total
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase, make_user


class CounterRatingTests(BaseTestCase):
    def test_a_tap_on_a_face_is_one_rating_for_the_service_and_the_clerk(self) -> None:
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:counter_rating"))
        self.assertContains(page, "您对今天的服务满意吗")
        response = self.client.post(
            reverse("servicedesk:counter_rating"),
            {"score": "5", "service": "pay_bill", "served_by": self.clerk.pk},
        )
        self.assertContains(response, "谢谢您的评价")
        rating = CounterRating.objects.get()
        self.assertEqual(
            (rating.score, rating.service, rating.served_by, rating.station),
            (5, "pay_bill", self.clerk, self.station_a),
        )

    def test_a_bad_score_is_refused_and_nothing_stored(self) -> None:
        self.login(self.clerk)
        response = self.client.post(
            reverse("servicedesk:counter_rating"), {"score": "9", "service": "pay_bill"}
        )
        self.assertContains(response, "评分须为 1 到 5")
        self.assertFalse(CounterRating.objects.exists())

    def test_crews_do_not_use_the_counter_tablet(self) -> None:
        crew = make_user("crew", self.station_a, "crew")
        self.login(crew)
        response = self.client.post(
            reverse("servicedesk:counter_rating"), {"score": "1", "service": "pay_bill"}
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(CounterRating.objects.exists())

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
        self.assertContains(page, "67%")  # 4 of 6 satisfied
        self.assertEqual(WorkOrder.objects.count(), 1)

    def test_the_home_page_shows_this_month_s_share_of_satisfied_customers(self) -> None:
        self.login(self.chief)
        self.assertContains(self.client.get(reverse("web:home")), "本月还没有评价")
        for score in (5, 2):
            CounterRating.objects.create(
                station=self.station_a, at=timezone.now(), score=score, service="enquiry"
            )
        page = self.client.get(reverse("web:home"))
        self.assertContains(page, '<dd data-testid="satisfied-share">50%</dd>', html=False)
