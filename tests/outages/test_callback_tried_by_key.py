"""A try on an outage's callback list made with an API key names the key as who made it
(walk73b 3: "tried_by" null named nobody): kept on the try and the callback's last try, shown
"API key: <name>" on the callbacks page and in the file, given as ``tried_by_key`` by the API
and documented in its schema, as the audit names the key's making. The same key's try sent
again within the minute is one try (the one guard, ``servicedesk.same_try``)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.urls import reverse

from powerdesk.accounts.tokens import token_create
from powerdesk.outages.models import OutageCallbackTry
from powerdesk.outages.outage_callback_record import outage_callback_record
from tests.base import BaseTestCase
from tests.servicedesk.test_callback_sent_twice import restored_callback

KEY_NAME = "县公司看板"


class TriedByKeyCase(BaseTestCase):
    def setUp(self) -> None:
        self.callback = restored_callback(self)
        self.token, key = token_create(station_id=self.station_a.pk, name=KEY_NAME)
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
        self.url = f"/api/v1/outages/{self.callback.outage_id}/callbacks"

    def post(self, note: str = "没人接") -> Any:
        return self.client.post(
            f"{self.url}/{self.callback.pk}", {"outcome": "not_reached", "note": note},
            content_type="application/json", **self.auth,
        )  # fmt: skip

    def by_person_then_key(self) -> None:
        outage_callback_record(
            callback=self.callback, user=self.clerk, outcome="not_reached", note="占线"
        )
        self.assertEqual(self.post().status_code, 200)


class TriedByKeyTests(TriedByKeyCase):
    def test_the_try_and_the_callback_keep_the_key(self) -> None:
        self.by_person_then_key()
        last = OutageCallbackTry.objects.filter(callback=self.callback).last()
        assert last is not None
        self.assertEqual((last.tried_by, last.tried_by_key), (None, self.token))
        self.callback.refresh_from_db()
        self.assertEqual(self.callback.tried_by_key, self.token)

    def test_the_api_names_the_key(self) -> None:
        self.by_person_then_key()
        (row,) = self.client.get(self.url, **self.auth).json()
        self.assertEqual(
            [(t["tried_by"], t["tried_by_key"]) for t in row["tries"]],
            [("李秀英", None), (None, KEY_NAME)],
        )
        self.assertEqual((row["tried_by"], row["tried_by_key"]), (None, KEY_NAME))

    def test_the_schema_documents_it(self) -> None:
        schemas = self.client.get("/api/v1/openapi.json").json()["components"]["schemas"]
        for name in ("OutageCallbackTryOut", "OutageCallbackOut"):
            self.assertIn("API key", schemas[name]["properties"]["tried_by_key"]["description"])

    def test_the_page_and_the_file_say_the_key(self) -> None:
        self.by_person_then_key()
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:callbacks"), HTTP_ACCEPT_LANGUAGE="en")
        said = f"API key: {KEY_NAME}"
        self.assertContains(page, f'data-key="{self.token.prefix}">{said}</span>')
        self.assertContains(page, f'<span data-testid="callback-try-key">{said}</span>')
        response = self.client.get(
            reverse("accounts:export", kwargs={"name": "outage_callbacks", "fmt": "csv"}),
            HTTP_ACCEPT_LANGUAGE="en",
        )
        body = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
        _, header, row = list(csv.reader(io.StringIO(body)))
        cells = dict(zip(header, row, strict=True))
        self.assertEqual(cells["Last tried by"], said)
        self.assertIn(said, cells["Every try"])
        self.assertLess(cells["Every try"].index("李秀英"), cells["Every try"].index(said))

    def test_the_same_keys_try_sent_again_is_one_another_keys_is_another(self) -> None:
        other, key = token_create(station_id=self.station_a.pk, name="county SMS")
        self.assertEqual([self.post().status_code, self.post().status_code], [200, 200])
        # Another system's try with the same words: a call of its own (not "nobody's" again).
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
        self.assertEqual(self.post().status_code, 200)
        self.callback.refresh_from_db()
        self.assertEqual(self.callback.attempts, 2)
        self.assertEqual(
            list(self.callback.tries.values_list("tried_by_key", flat=True)),
            [self.token.pk, other.pk],
        )
