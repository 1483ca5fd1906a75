"""A refused form's words kept for the address the page is drawn for (``lib.kept``), not taken
once: a double click sends the form twice, and the first answer's drawing (which the browser
drops) used up what the page then shown should have said. The page drawn at the redirect's
address says it however often; the page drawn plainly says nothing; a form then taken, or time
passing, drops it."""

from __future__ import annotations

import datetime as dt
import re
from importlib import import_module
from typing import Any

import time_machine
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.lib.kept import KEPT_SECONDS, drop_kept, keep, kept, kept_address
from powerdesk.servicedesk.counter_kiosk import kiosk_start
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase, make_user
from tests.servicedesk.crew_cast import add_crews, plain_job
from tests.servicedesk.promise_cast import promised


def field_error(html: str, testid: str) -> str:
    found = re.search(rf'data-testid="{testid}">([^<]*)<', html)
    return found.group(1) if found else ""


class KeptHelperTests(BaseTestCase):
    def request(self, path: str = "/x/", **headers: str) -> Any:
        request = RequestFactory().get(path, headers=headers)
        request.session = self.client.session
        return request

    def test_read_only_at_the_address_with_its_token_and_not_used_up(self) -> None:
        sent = self.request()
        token = keep(sent, "form", {"error": "太长"})
        address = kept_address("/desk/orders/7/?calls_page=2#note", token)
        self.assertEqual(address, f"/desk/orders/7/?calls_page=2&kept={token}#note")
        drawn = self.request(address.split("#")[0])
        drawn.session = sent.session
        self.assertEqual(kept(drawn, "form"), {"error": "太长"})
        self.assertEqual(kept(drawn, "form"), {"error": "太长"})  # not used up
        plain = self.request("/desk/orders/7/")
        plain.session = sent.session
        self.assertIsNone(kept(plain, "form"))
        # A part of the page refreshed by htmx reads the page's address.
        part = self.request("/crew/part/", **{"HX-Request": "true", "HX-Current-URL": address})
        part.session = sent.session
        self.assertEqual(kept(part, "form"), {"error": "太长"})
        # A newer refusal of the same form: the older address says nothing more.
        newer = keep(sent, "form", {"error": "又错"})
        self.assertIsNone(kept(drawn, "form"))
        drawn_newer = self.request(f"/desk/orders/7/?kept={newer}")
        drawn_newer.session = sent.session
        self.assertEqual(kept(drawn_newer, "form"), {"error": "又错"})
        drop_kept(sent, "form")
        self.assertIsNone(kept(drawn_newer, "form"))

    def test_dropped_after_a_while(self) -> None:
        sent = self.request()
        token = keep(sent, "form", {"error": "太长"})
        drawn = self.request(f"/x/?kept={token}")
        drawn.session = sent.session
        with time_machine.travel(timezone.now() + dt.timedelta(seconds=KEPT_SECONDS + 1)):
            self.assertIsNone(kept(drawn, "form"))


class KeptRaceAndPruneTests(BaseTestCase):
    """review39, S5: each answer of a double click kept its own token, and the session saved
    last won; nothing kept was dropped unless its own form was drawn again."""

    def session(self, key: str | None = None) -> SessionBase:
        engine = import_module(settings.SESSION_ENGINE)
        store: SessionBase = engine.SessionStore(key)
        if key is None:
            store.save()
        store.keys()  # loaded now, as a request loads it before its view runs
        return store

    def test_a_double_click_s_two_answers_carry_one_token_whichever_is_saved_last(self) -> None:
        key = self.session().session_key
        sent = {"action": "note", "note": "记" * 2001, "csrfmiddlewaretoken": "a"}
        # Both requests load the session before either saves it.
        first, second = RequestFactory().post("/o/7/", sent), RequestFactory().post("/o/7/", sent)
        first.session, second.session = self.session(key), self.session(key)
        first_token = keep(first, "note-7", {"error": "太长"})
        second_token = keep(second, "note-7", {"error": "太长"})
        self.assertEqual(first_token, second_token)
        second.session.save()
        first.session.save()  # the first request ends last (a cold worker)
        # The browser draws the second answer's address.
        drawn = RequestFactory().get(f"/o/7/?kept={second_token}")
        drawn.session = self.session(key)
        self.assertEqual(kept(drawn, "note-7"), {"error": "太长"})
        # Another form, or the same form sent otherwise: another token.
        other = RequestFactory().post("/o/7/", {**sent, "note": "记" * 2002})
        other.session = self.session(key)
        self.assertNotEqual(keep(other, "note-7", {}), first_token)
        self.assertNotEqual(keep(first, "note-8", {}), first_token)

    def test_what_is_kept_longer_than_its_time_is_dropped_when_anything_is_next_kept(
        self,
    ) -> None:
        request = RequestFactory().post("/x/", {"a": "1"})
        request.session = self.session()
        for n in range(50):
            keep(request, f"form-{n}", {"error": "太长" * 100})
        request.session["kept:old-shape"] = {"token": "t", "value": 1}  # no time: dropped too
        request.session["other"] = "kept"  # not kept by this module: left alone
        later = timezone.now() + dt.timedelta(seconds=KEPT_SECONDS + 60)
        with time_machine.travel(later):
            keep(request, "form-new", {"error": "又错"})
        names = [name for name in request.session.keys() if name.startswith("kept:")]  # noqa: SIM118
        self.assertEqual(names, ["kept:form-new"])
        self.assertEqual(request.session["other"], "kept")


class DoubleClickTests(BaseTestCase):
    """For a few pages: the refused form sent twice (a double click), the page drawn at the
    second answer's address says it; drawn plainly, nothing."""

    def twice(self, url: str, data: dict[str, Any]) -> str:
        first = self.client.post(url, data)
        self.assertEqual(first.status_code, 302)
        # The first answer's drawing, which the browser drops, is drawn all the same here.
        self.client.get(first["Location"])
        second = self.client.post(url, data)
        self.assertEqual(second.status_code, 302)
        return str(second["Location"])

    def test_the_order_page_s_note(self) -> None:
        self.login(self.chief)
        order = work_order_create(
            station=self.station_a, user=self.chief, category="fault_repair", summary="停电"
        )
        url = reverse("servicedesk:work_order_action", args=[order.pk])
        address = self.twice(url, {"action": "note", "note": "记" * 2001})
        shown = self.client.get(address).content.decode()
        self.assertIn("2001", field_error(shown, "note-note-error"))
        self.assertIn('value="' + "记" * 2001 + '"', shown)
        self.assertIn(
            "2001", field_error(self.client.get(address).content.decode(), "note-note-error")
        )
        plain = self.client.get(order.get_absolute_url()).content.decode()
        self.assertEqual(field_error(plain, "note-note-error"), "")
        # Sent again and taken: the refusal is said no more, even at its address.
        self.client.post(url, {"action": "note", "note": "记" * 20})
        self.assertEqual(
            field_error(self.client.get(address).content.decode(), "note-note-error"), ""
        )

    def test_the_promises_page(self) -> None:
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            late = promised(self, due_at=start + dt.timedelta(minutes=10), text="十点前复电")
        self.client.force_login(self.clerk)
        with time_machine.travel(start + dt.timedelta(minutes=30), tick=False):
            url = reverse("servicedesk:promise_action")
            address = self.twice(url, {"promise": late.pk, "kept": "0", "reason": ""})
            self.assertContains(
                self.client.get(address), f'data-testid="promise-reason-error-{late.pk}"'
            )
            self.assertNotContains(
                self.client.get(reverse("servicedesk:promises")),
                f'data-testid="promise-reason-error-{late.pk}"',
            )

    def test_the_kiosks(self) -> None:
        kiosk, _key = kiosk_start(
            station=self.station_a,
            user=self.clerk,
            name="一号",
            service="pay_bill",
            served_by=self.clerk,
        )
        self.login(self.chief)
        url = reverse("servicedesk:kiosk_change", args=[kiosk.pk])
        address = self.twice(url, {"action": "set", "service": "made_up", "served_by": ""})
        self.assertTrue(
            field_error(self.client.get(address).content.decode(), "kiosk-row-service-errors")
        )
        plain = self.client.get(reverse("servicedesk:counter_rating")).content.decode()
        self.assertFalse(field_error(plain, "kiosk-row-service-errors"))

    def test_the_crew_page(self) -> None:
        add_crews(self)
        order = plain_job(self)
        for step in ("accept", "on_the_way", "on_site"):
            crew_step_take(work_order=order, step=step, user=self.member, fields={})
        self.login(self.member)
        url = reverse("servicedesk:crew_step", args=[order.pk])
        address = self.twice(url, {"step": "cause_found", "cause": "熔丝熔断", "device": "NO-SUCH"})

        def device_form(page: str) -> str:
            form = page[page.index('data-crew-step="cause_found"') :]
            return form[: form.index("</form>")]

        shown = device_form(self.client.get(address).content.decode())
        self.assertIn('value="NO-SUCH"', shown)
        said_at_field = r'data-field-error="\w+" role="alert">[^<]+<'  # shown, not hidden
        self.assertRegex(shown, said_at_field)
        # The list's refresh every 20 seconds (htmx) reads the page's address: still said.
        part = self.client.get(
            reverse("servicedesk:crew_jobs_part"),
            headers={"HX-Request": "true", "HX-Current-URL": "http://testserver" + address},
        ).content.decode()
        self.assertIn('value="NO-SUCH"', device_form(part))
        plain = device_form(self.client.get(reverse("servicedesk:crew_jobs")).content.decode())
        self.assertNotIn('value="NO-SUCH"', plain)
        self.assertNotRegex(plain, said_at_field)

    def test_ending_someone_s_work(self) -> None:
        self.login(make_user("gl_admin", self.station_a, Role.ADMIN, is_staff=True))
        url = reverse("accounts:staff_end", args=[self.clerk.pk])
        address = self.twice(url, {"reason": ""})
        self.assertContains(self.client.get(address), 'data-testid="staff-end-error"')
        self.assertNotContains(self.client.get(url), 'data-testid="staff-end-error"')
