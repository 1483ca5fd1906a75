"""Pages served with production's static files: hashed names from a manifest (DEBUG off).

Development serves static files under their own names, where any name resolves; production
asks WhiteNoise's manifest, which refuses a name it does not hold. A page that works in one and
answers 500 in the other is found here.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import override_settings

from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, outage_job

MANIFEST = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


class ProductionStaticTests(BaseTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls._root = tempfile.TemporaryDirectory()
        cls._settings = override_settings(STORAGES=MANIFEST, STATIC_ROOT=Path(cls._root.name))
        cls._settings.enable()
        call_command("collectstatic", interactive=False, verbosity=0)

    @classmethod
    def tearDownClass(cls) -> None:
        cls._settings.disable()
        cls._root.cleanup()
        super().tearDownClass()

    def test_the_crew_s_offline_worker_is_served_with_hashed_names(self) -> None:
        response = self.client.get("/sw.js")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '"/static/"')
        # The worker keeps the files under the names the pages ask for: the hashed ones.
        self.assertRegex(response.content.decode(), r"htmx-2\.0\.11\.min\.[0-9a-f]{12}\.js")

    def test_the_manifest_and_the_crew_s_pages_are_served(self) -> None:
        add_crews(self)
        outage_job(self)
        self.client.force_login(self.member)
        self.assertEqual(self.client.get("/desk/crew/").status_code, 200)
        data = json.loads(self.client.get("/manifest.webmanifest").content)
        self.assertRegex(data["icons"][1]["src"], r"icon-192\.[0-9a-f]{12}\.png")

    def test_favicon_ico_leads_to_the_app_s_icon(self) -> None:
        response = self.client.get("/favicon.ico")  # asked by browsers, logged in or not
        self.assertEqual(response.status_code, 302)
        self.assertRegex(response["Location"], r"/static/web/icon-192\.[0-9a-f]{12}\.png$")
        self.assertIn("max-age=86400", response["Cache-Control"])
        icon = self.client.get(response["Location"])
        self.assertEqual(icon.status_code, 200)
        self.assertEqual(b"".join(icon.streaming_content)[:4], b"\x89PNG")  # type: ignore[attr-defined]
