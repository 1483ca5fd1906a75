"""Steps kept on the phone without signal, sent later: once each, at their own time, and a
conflict said, not lost."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_restore
from powerdesk.servicedesk.crew_conflicts import not_yours
from powerdesk.servicedesk.models import WorkOrderEvent
from powerdesk.servicedesk.services import work_order_dispatch
from tests.base import BaseTestCase, make_user
from tests.servicedesk.crew_cast import CrewQueueTestCase, add_crews, outage_job, plain_job

URL = "/desk/crew/sync/"


def item(order, step, minutes_ago=0.0, **fields):  # type: ignore[no-untyped-def]
    made = timezone.now() - dt.timedelta(minutes=minutes_ago)
    return {
        "client_id": str(uuid.uuid4()),
        "order": order.pk,
        "step": step,
        "fields": fields,
        "made_at": made.isoformat(),
    }


class CrewSyncTests(CrewQueueTestCase):
    def test_steps_made_offline_are_taken_at_the_time_they_were_made(self) -> None:
        outage, order = outage_job(self)
        on_site = item(order, "on_site", minutes_ago=20)
        cause = item(order, "cause_found", minutes_ago=15, cause="tree", note="树枝搭线")
        restored = item(order, "restored", minutes_ago=10)
        results = self.send(on_site, cause, restored)
        self.assertEqual([r["status"] for r in results], ["ok", "ok", "ok"], results)
        order.refresh_from_db()
        outage.refresh_from_db()
        self.assertEqual(order.arrived_at.isoformat(), on_site["made_at"])
        self.assertEqual(outage.restored_at.isoformat(), restored["made_at"])
        self.assertEqual(order.resolved_at, outage.restored_at)
        found = outage.events.get(what="cause_found")
        self.assertEqual(found.at.isoformat(), cause["made_at"])
        self.assertTrue(results[2]["saved"])

    def test_an_offline_batch_tells_households_power_is_back_not_an_estimate(self) -> None:
        from powerdesk.notifications.models import Delivery, DeliveryState, Event
        from powerdesk.notifications.sending import deliveries_send_due
        from powerdesk.notifications.transports import LogTransport

        outage, order = outage_job(self)
        back = timezone.localtime() + dt.timedelta(hours=2)
        on_site = item(order, "on_site", minutes_ago=20, expected_back=f"{back:%Y-%m-%dT%H:%M}")
        cause = item(order, "cause_found", minutes_ago=15, cause="tree")
        restored = item(order, "restored", minutes_ago=10)
        self.send(on_site, cause, restored)
        while deliveries_send_due(transport_for=lambda d: LogTransport()).claimed:
            pass
        sent = Delivery.objects.filter(address="+8613812345678", state=DeliveryState.SENT)
        self.assertFalse(sent.filter(notice__event=Event.ETR_MOVED).exists())
        self.assertTrue(sent.filter(notice__event=Event.POWER_BACK).exists())
        # The crew's arrival is a line of the outage's history, at the time it was made.
        arrived = outage.events.get(what="on_site")
        self.assertEqual(arrived.at.isoformat(), on_site["made_at"])
        whats = list(outage.events.order_by("at", "pk").values_list("what", flat=True))
        self.assertLess(whats.index("on_site"), whats.index("estimated"))

    def test_the_answer_says_the_times_on_the_station_s_clock_not_utc(self) -> None:
        import zoneinfo

        _outage, order = outage_job(self)
        accept = item(order, "accept", minutes_ago=2)
        made = dt.datetime.fromisoformat(accept["made_at"])
        local = f"{made.astimezone(zoneinfo.ZoneInfo('Asia/Shanghai')):%H:%M}"
        utc = f"{made.astimezone(dt.UTC):%H:%M}"
        [result] = self.send(accept)
        self.assertEqual(result["made_at_local"], local)
        self.assertIn(local, " ".join(result["saved"]))
        self.assertNotIn(utc, " ".join(result["saved"]) + result["made_at_local"])

    def test_the_phone_is_told_the_station_s_time_zone(self) -> None:
        outage_job(self)
        page = self.client.get(reverse("servicedesk:crew_jobs"))
        self.assertContains(page, 'data-time-zone="Asia/Shanghai"')

    def test_the_same_batch_sent_again_takes_nothing_twice(self) -> None:
        order = plain_job(self)
        steps = [item(order, "accept", 5), item(order, "on_the_way", 4)]
        first = self.send(*steps)
        events = WorkOrderEvent.objects.filter(work_order=order).count()
        again = self.send(*steps)
        self.assertEqual([r["status"] for r in again], ["ok", "ok"])
        self.assertTrue(all(r.get("replayed") for r in again))
        self.assertEqual([r["saved"] for r in again], [r["saved"] for r in first])
        self.assertEqual(WorkOrderEvent.objects.filter(work_order=order).count(), events)

    def test_an_id_reused_for_another_step_is_a_conflict(self) -> None:
        order = plain_job(self)
        first = item(order, "accept", 5)
        self.send(first)
        other = {**item(order, "on_the_way", 4), "client_id": first["client_id"]}
        [answer] = self.send(other)
        self.assertEqual(answer["status"], "conflict")
        order.refresh_from_db()
        self.assertEqual(order.status, "dispatched")

    def test_a_job_closed_meanwhile_is_a_conflict_with_the_reason(self) -> None:
        outage, order = outage_job(self)
        self.send(item(order, "on_site", 20))
        # the office, while the crew had no signal
        outage_restore(outage=outage, user=self.clerk, cause="unknown", how="remote")
        [answer] = self.send(item(order, "cause_found", 10, cause="tree"))
        self.assertEqual(answer["status"], "conflict")
        self.assertTrue(answer["reason"])
        self.assertEqual(answer["job_status"], "已处理")

    def test_a_job_moved_to_another_crew_is_a_conflict(self) -> None:
        order = plain_job(self)
        work_order_dispatch(work_order=order, crew=self.other_crew, user=self.chief)
        [answer] = self.send(item(order, "on_the_way", 1))
        self.assertEqual(answer["status"], "conflict")
        self.assertEqual(answer["crew"], "抢修二班")
        order.refresh_from_db()
        self.assertEqual(order.status, "dispatched")

    def test_a_time_in_the_future_or_before_the_dispatch_is_refused(self) -> None:
        order = plain_job(self)
        future = item(order, "accept", minutes_ago=-30)
        before = item(order, "accept", minutes_ago=24 * 60)
        zoneless = {**item(order, "accept"), "made_at": "2025-07-01T10:00:00"}
        results = self.send(future, before, zoneless)
        self.assertEqual([r["status"] for r in results], ["conflict"] * 3)
        self.assertIn("时钟", results[0]["reason"])
        self.assertIn("派工", results[1]["reason"])
        self.assertFalse(WorkOrderEvent.objects.filter(work_order=order, kind="note").exists())

    def test_a_time_a_little_ahead_is_now(self) -> None:
        order = plain_job(self)
        [answer] = self.send(item(order, "on_the_way", minutes_ago=-2))
        self.assertEqual(answer["status"], "ok")
        order.refresh_from_db()
        event = order.events.get(to_status="on_the_way")
        self.assertLessEqual(event.at, timezone.now())

    def test_another_station_s_order_is_not_found(self) -> None:
        order = plain_job(self)
        b_member = make_user("b_crew", self.station_b, "crew")
        client = Client()
        client.force_login(b_member)
        [answer] = self.send(item(order, "on_the_way"), client=client)
        with translation.override("zh-hans"):
            reason = not_yours()  # as any job that was never the crew's, or a made-up id
        self.assertEqual(answer, {**answer, "status": "conflict", "reason": reason})
        self.assertNotIn("number", answer)

    def test_a_liaison_cannot_send_steps(self) -> None:
        order = plain_job(self)
        self.login(self.liaison)
        response = self.client.post(
            URL, json.dumps({"items": [item(order, "on_the_way")]}), content_type="application/json"
        )
        self.assertEqual(response.status_code, 403)

    def test_a_malformed_batch_is_a_400_and_takes_nothing(self) -> None:
        for body in ("not json", "[1]", json.dumps({"items": []}), json.dumps({"items": "x"})):
            with self.subTest(body=body):
                response = self.client.post(URL, body, content_type="application/json")
                self.assertEqual(response.status_code, 400)
                self.assertIn("error", response.json())

    def test_without_the_csrf_token_the_batch_is_refused(self) -> None:
        order = plain_job(self)
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.member)
        response = client.post(
            URL, json.dumps({"items": [item(order, "accept")]}), content_type="application/json"
        )
        self.assertEqual(response.status_code, 403)
        page = client.get(reverse("servicedesk:crew_jobs"))
        token = page.context["csrf_token"]
        response = client.post(
            URL,
            json.dumps({"items": [item(order, "accept")]}),
            content_type="application/json",
            headers={"X-CSRFToken": str(token)},
        )
        self.assertEqual(response.json()["results"][0]["status"], "ok")


class CrewPagePartsTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.login(self.member)

    def test_the_job_card_shows_where_who_called_the_outage_and_the_stretch(self) -> None:
        outage_job(self)
        page = self.client.get(reverse("servicedesk:crew_jobs"))
        for text in (
            "哔叭支线02号杆跌落式熔断器",
            "哔叭",
            "不通车",
            "打雷以后整个组都没电了",
            "1 户停电",
            "独居老人：1",
            "巡线范围",
            "左门哔叭1号台区",
            "预计复电",
        ):
            self.assertContains(page, text)
        self.assertContains(page, 'data-crew-step="accept"')
        self.assertContains(page, reverse("web:manifest"))

    def test_the_list_alone_is_what_the_phone_polls(self) -> None:
        _outage, order = outage_job(self)
        part = self.client.get(reverse("servicedesk:crew_jobs_part"))
        self.assertContains(part, order.number)
        self.assertNotContains(part, "<html")

    def test_a_form_step_without_the_script_says_what_was_saved(self) -> None:
        order = plain_job(self)
        response = self.client.post(
            reverse("servicedesk:crew_step", args=[order.pk]), {"step": "on_the_way"}, follow=True
        )
        self.assertContains(response, "已出发")
        response = self.client.post(
            reverse("servicedesk:crew_step", args=[order.pk]), {"step": "restored"}, follow=True
        )
        self.assertContains(response, "请先登记到达")

    def test_the_service_worker_is_served_from_the_root_as_javascript(self) -> None:
        response = self.client.get("/sw.js")
        self.assertEqual(response["Content-Type"], "text/javascript; charset=utf-8")
        self.assertEqual(response["Service-Worker-Allowed"], "/")
        self.assertContains(response, "/desk/crew/")
        self.assertContains(response, "htmx-2.0.11.min.js")

    def test_the_manifest_installs_the_crew_page_with_its_icons(self) -> None:
        self.client.logout()
        response = self.client.get("/manifest.webmanifest")
        data = json.loads(response.content)
        self.assertEqual(data["start_url"], "/desk/crew/")
        self.assertEqual(data["display"], "standalone")
        self.assertIn("512x512", [i["sizes"] for i in data["icons"]])
        self.assertEqual(response["Content-Type"], "application/manifest+json")

    def test_the_arrival_deadline_goes_once_arrived(self) -> None:
        _outage, order = outage_job(self)
        page = self.client.get(reverse("servicedesk:crew_jobs"))
        self.assertContains(page, "data-arrive-by")
        self.client.post(reverse("servicedesk:crew_step", args=[order.pk]), {"step": "on_site"})
        page = self.client.get(reverse("servicedesk:crew_jobs"))
        self.assertNotContains(page, "data-arrive-by")
        self.assertEqual(Outage.objects.get().status, "active")


class CrewMapNumbersTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.login(self.member)

    def test_the_map_numbers_are_those_of_where_to_look_first(self) -> None:
        import re

        from powerdesk.network.models import GridNode
        from powerdesk.servicedesk.crew_jobs import crew_jobs_for

        # The cast's grid on the map: each element a little south-east of its parent.
        for i, node in enumerate(GridNode.objects.filter(station=self.station_a).order_by("pk")):
            node.x, node.y = 103.0 + 0.004 * i, 25.0 - 0.003 * (i % 5)
            node.save(update_fields=["x", "y"])
        outage_job(self)
        [job] = crew_jobs_for(self.member, self.station_a)
        self.assertTrue(job.patrol and job.map_svg)
        first: dict[int, int] = {}
        for i, stop in enumerate(job.patrol, start=1):
            first.setdefault(stop.element_id, i)
        marked = {int(pk): int(n) for pk, n in re.findall(r'data-node="(\d+)">(\d+)<', job.map_svg)}
        self.assertTrue(marked)
        for pk, n in marked.items():
            self.assertEqual(n, first[pk])
        # The likeliest place is number 1 on the map too.
        self.assertEqual(marked.get(job.patrol[0].element_id), 1)
        page = self.client.get(reverse("servicedesk:crew_jobs"))
        self.assertContains(page, "“先查哪里”")
        self.assertContains(page, '<ul class="stretch">')


class EarlierSendingTests(CrewQueueTestCase):
    """A step queued on the phone for an earlier sending of the order is not the new job's."""

    def test_a_step_of_an_earlier_sending_is_a_conflict_not_taken(self) -> None:
        from powerdesk.servicedesk.crew_job_orders import dispatch_of

        order = plain_job(self)
        first = dispatch_of(order)
        # Taken off the crew and given back while the phone had no signal: a new sending.
        work_order_dispatch(work_order=order, crew=self.other_crew, user=self.chief)
        work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        order.refresh_from_db()
        self.assertNotEqual(dispatch_of(order), first)
        [answer] = self.send({**item(order, "on_the_way"), "dispatch": str(first)})
        self.assertEqual(answer["status"], "conflict", answer)
        self.assertNotIn("时钟", answer["reason"])
        order.refresh_from_db()
        self.assertEqual(order.status, "dispatched")
        # The step of this sending, and one queued before the phone sent its sending, are taken.
        [answer] = self.send({**item(order, "on_the_way"), "dispatch": str(dispatch_of(order))})
        self.assertEqual(answer["status"], "ok", answer)
