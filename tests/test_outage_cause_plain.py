"""A free-text outage cause, staff's words for callers and a progress note are plain words:
markup and control characters are refused at the field with a clear message, a cause is a
few words long, and a text message or the public page never carries markup, even from a
cause stored before the check (walkthrough 36, #8: "lightning<script>…" was texted to every
household below the fault and shown on the public page)."""

from __future__ import annotations

import datetime as dt
import re

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.lib.plain import not_plain, plain
from powerdesk.notifications.outage_notices import outage_facts
from powerdesk.notifications.texts import render_text
from powerdesk.outages.forms import CAUSE_LONGEST
from powerdesk.outages.life import outage_progress
from powerdesk.outages.models import Outage
from powerdesk.outages.services import OutageError, outage_declare
from tests.base import BaseTestCase

SCRIPT = "<script>alert(1)</script>"


def field_errors(html: str, name: str) -> str:
    found = re.search(rf'data-testid="{name.replace("_", "-")}-errors">([^<]*)<', html)
    return found.group(1) if found else ""


class CausePlainTests(BaseTestCase):
    def setUp(self) -> None:
        self.login(self.chief)

    def declare(self, **typed: str) -> str:
        data = {"action": "declare", "device": self.fuse.code, "kind": "unplanned"} | typed
        response = self.client.post(reverse("outages:list"), data)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Outage.objects.exists())
        return response.content.decode()

    def test_markup_in_the_cause_is_refused_at_its_field(self) -> None:
        html = self.declare(cause="lightning" + SCRIPT)
        with translation.override("zh-hans"):
            said = not_plain(Outage._meta.get_field("cause").verbose_name, SCRIPT)
        self.assertTrue(said)
        self.assertIn(said.replace("<", "&lt;").replace(">", "&gt;"), field_errors(html, "cause"))

    def test_a_control_character_in_the_notice_is_never_stored(self) -> None:
        # The page's one text cleaner takes it out (probe76, L9: the form says nothing of it);
        # the service, whoever sends it, refuses it at its field.
        data = {"action": "declare", "device": self.fuse.code, "kind": "unplanned"}
        page = self.client.post(
            reverse("outages:list"), data | {"cause": "lightning", "notice": "back\x07 soon"}
        ).content.decode()
        self.assertFalse(field_errors(page, "notice"))
        self.assertNotIn("\x07", "".join(Outage.objects.values_list("notice", flat=True)))
        with self.assertRaises(OutageError) as refused:
            outage_declare(
                station=self.station_a,
                user=self.chief,
                device=self.fuse,
                kind=Outage.Kind.UNPLANNED,
                cause="lightning",
                notice="back\x07 soon",
            )
        self.assertEqual(refused.exception.field, "notice")

    def test_a_long_cause_is_refused(self) -> None:
        html = self.declare(cause="x" * (CAUSE_LONGEST + 1))
        self.assertIn(str(CAUSE_LONGEST), field_errors(html, "cause"))

    def test_the_service_refuses_markup_whoever_sends_it(self) -> None:
        with self.assertRaises(OutageError) as refused:
            outage_declare(
                station=self.station_a,
                user=self.chief,
                device=self.fuse,
                kind=Outage.Kind.UNPLANNED,
                cause="lightning" + SCRIPT,
            )
        self.assertEqual(refused.exception.field, "cause")

    def test_a_progress_note_with_markup_is_refused(self) -> None:
        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        with self.assertRaises(OutageError) as refused:
            outage_progress(outage=outage, user=self.chief, what="patrolling", note=SCRIPT)
        self.assertEqual(refused.exception.field, "note")

    def test_a_cause_stored_before_the_check_goes_out_without_markup(self) -> None:
        outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=5),
            cause="lightning",
        )
        Outage.objects.filter(pk=outage.pk).update(cause="lightning" + SCRIPT, notice=SCRIPT)
        outage.refresh_from_db()
        text = render_text("outage_known", outage_facts(outage))
        self.assertNotIn("<", text)
        self.assertIn(plain("lightning" + SCRIPT), text)
        cache.clear()
        page = self.client.get(reverse("public:status", args=[self.station_a.code]))
        html = page.content.decode()
        self.assertNotIn("&lt;script", html)
        self.assertNotIn("<script>alert", html)
