"""What is stored in the station's records is written in the station's language (zh-hans),
whatever language the page or phone that wrote it was in; what the person is shown back stays
in their own language."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.models import WorkOrderEvent
from powerdesk.servicedesk.order_field import work_order_pause, work_order_resume
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, outage_job, plain_job

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def item(order, step, minutes_ago, **fields):  # type: ignore[no-untyped-def]
    made = timezone.now() - dt.timedelta(minutes=minutes_ago)
    return {
        "client_id": str(uuid.uuid4()),
        "order": order.pk,
        "step": step,
        "fields": fields,
        "made_at": made.isoformat(),
    }


class StoredLanguageTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.login(self.member)

    def test_a_phone_in_english_writes_the_outage_s_history_in_chinese(self) -> None:
        outage, order = outage_job(self)
        back = timezone.localtime() + dt.timedelta(hours=2)
        items = [
            item(order, "on_site", 20, expected_back=f"{back:%Y-%m-%dT%H:%M}"),
            item(order, "cause_found", 15, cause="tree", note="03号杆旁竹子搭线"),
            item(order, "restored", 10),
        ]
        response = self.client.post(
            "/desk/crew/sync/",
            json.dumps({"items": items}),
            content_type="application/json",
            **ENGLISH,
        )
        results = response.json()["results"]
        self.assertEqual([r["status"] for r in results], ["ok"] * 3, results)
        # The crew is answered in its own language…
        self.assertIn("Cause found", " ".join(results[1]["saved"]))
        # …the records are the station's.
        outage.refresh_from_db()
        self.assertEqual(outage.status, Outage.Status.RESTORED)
        self.assertEqual((outage.cause_kind, outage.cause), ("tree", "03号杆旁竹子搭线"))
        self.assertEqual(outage.events.get(what="cause_found").note, "树障 · 03号杆旁竹子搭线")
        resolved = order.events.get(to_status="resolved")
        self.assertEqual(resolved.note, "已复电（停电事件已恢复）。")

    def test_a_form_step_in_english_writes_the_order_s_history_in_chinese(self) -> None:
        order = plain_job(self)
        step = reverse("servicedesk:crew_step", args=[order.pk])
        self.client.post(step, {"step": "on_the_way"}, **ENGLISH)
        self.client.post(step, {"step": "on_site"}, **ENGLISH)
        back = timezone.localtime() + dt.timedelta(hours=1)
        page = self.client.post(
            step,
            {
                "step": "cause_found",
                "cause": "表箱进水",
                "device": self.fuse.code,
                "expected_back": f"{back:%Y-%m-%dT%H:%M}",
            },
            follow=True,
            **ENGLISH,
        )
        self.assertContains(page, "Cause found: 表箱进水")  # shown to the crew in English
        notes = list(
            WorkOrderEvent.objects.filter(work_order=order, kind="note").values_list(
                "note", flat=True
            )
        )
        self.assertTrue(any(n.startswith("查明原因：表箱进水") for n in notes), notes)
        self.assertTrue(any(n.startswith("预计复电：") for n in notes), notes)
        self.assertFalse(any("Cause found" in n or "expected back" in n for n in notes), notes)

    def test_office_steps_taken_in_english_are_stored_in_chinese(self) -> None:
        order = plain_job(self)
        with translation.override("en"):
            work_order_pause(work_order=order, reason="等用户在家", user=self.chief)
            order.refresh_from_db()
            work_order_resume(work_order=order, user=self.chief)
            outage = outage_declare(
                station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned"
            )
            outage_dispatch(outage=outage, crew=self.crew, user=self.chief)
        self.assertTrue(order.events.get(kind="resumed").note.startswith("暂停了"))
        outage.refresh_from_db()
        crew_order = outage.link.order
        self.assertEqual(crew_order.summary, f"停电：{self.fuse.name}")
        dispatched = outage.events.get(what="dispatched").note
        self.assertEqual(dispatched, f"抢修一班；已为抢修班开立工单 {crew_order.number}")
