"""Logs are JSON lines with the request's id, user, station, path and status, and hold no
phone number, account number or note."""

from __future__ import annotations

import io
import json
import logging

from django.urls import reverse

from powerdesk.ops.logs import JsonFormatter, MaskPersonalData, mask
from tests.base import BaseTestCase, post_intake


def test_it_masks_numbers_however_they_are_written_and_keeps_dates_and_ids() -> None:
    assert mask("call from 0878-1234567 about 5325 0000 123") == "call from *** about ***"
    assert mask("+86 138 1234 5678 rang") == "*** rang"
    assert mask("电话13812345678停电") == "电话***停电"
    assert mask("on 2026-05-01, 3 calls, task 8aojg62E7p9") == (
        "on 2026-05-01, 3 calls, task 8aojg62E7p9"
    )


def test_a_records_id_in_a_path_stays_readable_and_a_number_there_does_not() -> None:
    assert mask("GET /desk/orders/12345/ 200") == "GET /desk/orders/12345/ 200"
    assert mask("/desk/orders/12345") == "/desk/orders/12345"
    assert mask("/outages/98765/map/?page=2") == "/outages/98765/map/?page=2"
    # A phone, an account, a landline with its area code: masked wherever they stand.
    assert mask("/customers/13812345678/") == "/customers/***/"
    assert mask("/customers/53250000001") == "/customers/***"
    assert mask("/lookup/08785551234/") == "/lookup/***/"
    assert mask("/desk/orders/?q=55512") == "/desk/orders/?q=***"
    assert mask("order 12345 for 5551234") == "order *** for ***"


class RequestLogTests(BaseTestCase):
    def capture(self) -> io.StringIO:
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        handler.addFilter(MaskPersonalData())
        handler.setFormatter(JsonFormatter())
        root = logging.getLogger()
        root.addHandler(handler)
        self.addCleanup(root.removeHandler, handler)
        return stream

    def test_a_request_is_one_json_line_with_who_and_where_and_no_phone(self) -> None:
        stream = self.capture()
        self.login(self.clerk)
        post_intake(
            self.client,
            {
                "caller_number": "13812345678",
                "text": "哔叭村停电了，电话13812345678",
                "action": "log",
            },
        )
        self.client.get("/customers/?q=13812345678")
        lines = [json.loads(line) for line in stream.getvalue().splitlines()]
        requests = [line for line in lines if line["logger"] == "powerdesk.request"]
        self.assertTrue(requests)
        for line in requests:
            self.assertEqual(line["user"], "clerk")
            self.assertEqual(line["station"], self.station_a.code)
            self.assertRegex(line["request_id"], r"^[0-9a-f]{32}$")
            self.assertNotIn("?", line["path"])
            self.assertIn("duration_ms", line)
        self.assertIn(
            {"method": "POST", "path": reverse("servicedesk:intake")},
            [{"method": line["method"], "path": line["path"]} for line in requests],
        )
        text = stream.getvalue()
        for secret in ("13812345678", "1234567", "哔叭村停电了", self.customer.account_number):
            self.assertNotIn(secret, text)

    def test_the_request_line_keeps_the_records_id(self) -> None:
        stream = self.capture()
        self.login(self.clerk)
        self.client.get("/desk/orders/12345/")
        line = next(
            json.loads(line)
            for line in stream.getvalue().splitlines()
            if json.loads(line)["logger"] == "powerdesk.request"
        )
        self.assertEqual(line["path"], "/desk/orders/12345/")
        self.assertIn("/desk/orders/12345/", line["message"])

    def test_the_health_check_machines_poll_is_not_logged(self) -> None:
        # make run asks /healthz every second while the site loads, a load balancer every few:
        # a line each would bury the people's requests.
        stream = self.capture()
        for _ in range(3):
            response = self.client.get("/healthz")
            self.assertIn(response.status_code, (200, 503))
            self.assertRegex(response["X-Request-ID"], r"^[0-9a-f]{32}$")
        self.client.get("/accounts/login/")
        paths = [
            json.loads(line)["path"]
            for line in stream.getvalue().splitlines()
            if json.loads(line)["logger"] == "powerdesk.request"
        ]
        self.assertEqual(paths, ["/accounts/login/"])

    def test_a_sane_request_id_from_the_proxy_is_kept_and_answered(self) -> None:
        response = self.client.get("/accounts/login/", HTTP_X_REQUEST_ID="nginx-abc-123")
        self.assertEqual(response["X-Request-ID"], "nginx-abc-123")
        response = self.client.get("/accounts/login/", HTTP_X_REQUEST_ID="<script>")
        self.assertRegex(response["X-Request-ID"], r"^[0-9a-f]{32}$")

    def test_personal_fields_and_tracebacks_are_masked(self) -> None:
        stream = self.capture()
        log = logging.getLogger("powerdesk.test")
        log.warning("saved", extra={"caller_number": "0878-1234567", "note": "秘密"})
        try:
            raise ValueError("no customer with phone 13812345678")
        except ValueError:
            log.exception("failed")
        text = stream.getvalue()
        self.assertNotIn("1234567", text)
        self.assertNotIn("秘密", text)
        self.assertIn("ValueError", text)


class SearchKeptOutOfTheAddressTests(BaseTestCase):
    def test_a_search_by_phone_is_posted_kept_and_never_in_the_address(self) -> None:
        self.login(self.clerk)
        response = self.client.post("/customers/", {"q": "0878-1234567", "flag": ""})
        self.assertEqual(response.status_code, 302)
        self.assertNotIn("1234567", response["Location"])
        page = self.client.get(response["Location"])
        self.assertContains(page, self.customer.name)
        self.assertContains(page, 'value="0878-1234567"')
        # An old link with the number is sent on to the address without it.
        old = self.client.get("/customers/?q=0878-1234567&flag=elderly_alone")
        self.assertEqual(old.status_code, 302)
        self.assertEqual(old["Location"], "/customers/?flag=elderly_alone")
        # An empty search clears it.
        self.client.post("/customers/", {"q": ""})
        self.assertNotContains(self.client.get("/customers/"), 'value="0878-1234567"')

    def test_the_intake_looks_the_caller_up_by_post(self) -> None:
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:intake"))
        self.assertContains(page, 'hx-post="/desk/intake/caller/"')
        panel = self.client.post("/desk/intake/caller/", {"caller_number": "0878-1234567"})
        self.assertContains(panel, self.customer.name)
