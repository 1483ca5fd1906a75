"""A batch past the site's upload limit is refused by the crew's sync in JSON, with its
``error`` as a batch past the sync's own limit is (probe78 L7: Django's HTML 400 page, nothing
for the phone to read)."""

from __future__ import annotations

import json

from django.test import override_settings

from tests.base import BaseTestCase, zh
from tests.servicedesk.crew_cast import add_crews

URL = "/desk/crew/sync/"


class CrewSyncTooLargeTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.login(self.member)

    @override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000)
    def test_a_body_past_the_upload_limit_is_refused_in_json(self) -> None:
        body = json.dumps({"items": [], "pad": "x" * 20_000})
        response = self.client.post(URL, body, content_type="application/json")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertEqual(response.json(), {"error": zh("The batch is too large.")})
